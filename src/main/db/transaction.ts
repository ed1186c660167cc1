/**
 * Write transactions start with BEGIN IMMEDIATE: the write lock is taken before the first read, so a
 * read-then-write never fails with SQLITE_BUSY_SNAPSHOT and check-then-insert is atomic.
 * Kysely's SQLite driver has one connection behind a mutex; `connection()` keeps it for the whole
 * callback, so nothing else interleaves. Never await anything slow (Stripe, a printer) inside.
 *
 * A query made on the shared `db` from inside a transaction's callback would wait for the mutex that
 * the transaction holds: a silent deadlock. The shared handle carries a guard that turns that mistake
 * into an immediate error naming the fix (use the `trx` you were given).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  sql,
  type KyselyPlugin,
  type Kysely,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import type { Database } from './schema';

type Db = Kysely<Database>;

const insideTransaction = new AsyncLocalStorage<boolean>();
const rawOf = new WeakMap<Db, Db>();

class SharedConnectionGuard implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (insideTransaction.getStore()) {
      throw new Error(
        'A query used the shared database handle inside a write transaction (it would deadlock): use the transaction passed to the callback.',
      );
    }
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

/** Wraps a freshly opened Kysely instance in the guard; transactions still run on the unguarded one. */
export function guardSharedHandle(raw: Db): Db {
  const guarded = raw.withPlugin(new SharedConnectionGuard());
  rawOf.set(guarded, raw);
  return guarded;
}

export async function writeTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  const raw = rawOf.get(db) ?? db;
  return raw.connection().execute((conn) =>
    insideTransaction.run(true, async () => {
      await sql`BEGIN IMMEDIATE`.execute(conn);
      let result: T;
      try {
        result = await work(conn);
      } catch (error) {
        await sql`ROLLBACK`.execute(conn);
        throw error;
      }
      await sql`COMMIT`.execute(conn);
      return result;
    }),
  );
}

/** SQLite reports a RAISE(ABORT, 'code') from a trigger as an error whose message is the code. */
export function isTriggerError(error: unknown, code: string): boolean {
  return error instanceof Error && error.message === code;
}

/** A UNIQUE constraint failure (SQLite's SQLITE_CONSTRAINT_UNIQUE). */
export function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    (error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
  );
}

/** JSON columns: SQLite stores text. */
export function toJson(value: unknown): string {
  return JSON.stringify(value);
}
