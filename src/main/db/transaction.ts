/**
 * Write transactions start with BEGIN IMMEDIATE: the write lock is taken before the first read, so a
 * read-then-write never fails with SQLITE_BUSY_SNAPSHOT and check-then-insert is atomic. Concurrent
 * writers share a commit (group commit, below): each is still atomic and sees the ones before it.
 * Kysely's SQLite driver has one connection behind a mutex; `connection()` keeps it for the whole
 * callback, so nothing else interleaves. Never await anything slow (Stripe, a printer) inside.
 *
 * A query made on the shared `db` from inside a transaction's callback would wait for the mutex that
 * the transaction holds: a silent deadlock. With the guard on (tests), the shared handle turns that
 * mistake into an immediate error naming the fix (use the `trx` you were given).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  CompiledQuery,
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
/** Guarded handle → the raw one its transactions run on. Only guarded handles pay for async context. */
const rawOf = new WeakMap<Db, Db>();
const guardedRaw = new WeakSet<Db>();

const DEADLOCK_MESSAGE =
  'A query used the shared database handle inside a write transaction (it would deadlock): use the transaction passed to the callback.';

class SharedConnectionGuard implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (insideTransaction.getStore()) throw new Error(DEADLOCK_MESSAGE);
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
  guardedRaw.add(raw);
  return guarded;
}

/**
 * The guard's check for queries that skip Kysely's compile step (db/prepared.ts): with the guard on, the
 * shared handle may not be used from inside a write transaction's callback.
 */
export function assertUsableHandle(db: Db): void {
  if (rawOf.has(db) && insideTransaction.getStore()) throw new Error(DEADLOCK_MESSAGE);
}

interface Unit {
  work: (trx: Db) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Undo actions of the transaction a handle runs: those of the unit under way, and those of the units
 * already done in this batch (they roll back too if the batch's COMMIT fails). In-memory state kept in
 * step with the database (the seat ledger) registers here what to forget if its writes are undone.
 */
interface Rollbacks {
  unit: (() => void)[];
  batch: (() => void)[];
}
const rollbacksOf = new WeakMap<Db, Rollbacks>();

/**
 * Inside a write transaction's callback, `undo` runs if this unit or its batch rolls back; on a handle
 * outside a transaction (autocommit) a statement that returned is final, so nothing is kept.
 */
export function onRollback(db: Db, undo: () => void): void {
  rollbacksOf.get(db)?.unit.push(undo);
}

function runUndos(undos: (() => void)[]): void {
  for (let i = undos.length - 1; i >= 0; i -= 1) undos[i]!();
  undos.length = 0;
}

interface CommitQueue {
  units: Unit[];
  flushing: boolean;
}

const queues = new WeakMap<Db, CommitQueue>();
/** The handles units run on: what they read may still roll back, so caches must not keep it. */
const transactionHandles = new WeakSet<Db>();

/** True for the handle a write transaction's callback was given (its reads are not yet committed). */
export function isTransaction(db: Db): boolean {
  return transactionHandles.has(db);
}
const MAX_UNITS_PER_COMMIT = 64;
const BEGIN = CompiledQuery.raw('BEGIN IMMEDIATE');
const SAVEPOINT = CompiledQuery.raw('SAVEPOINT unit');
const RELEASE = CompiledQuery.raw('RELEASE unit');
const ROLLBACK_TO = CompiledQuery.raw('ROLLBACK TO unit');
const COMMIT = CompiledQuery.raw('COMMIT');
const ROLLBACK = CompiledQuery.raw('ROLLBACK');

/**
 * Runs `work` as one atomic unit of a write transaction and resolves once it is durably committed.
 *
 * Group commit: units that arrive while a commit is under way are queued and run together in the next
 * transaction, one after another, each inside its own SAVEPOINT: a unit that fails rolls back alone and
 * its caller gets its error; the others commit with one COMMIT, so one disk sync serves many sales.
 * Serial semantics are unchanged (each unit sees the units before it), and nobody is told "done"
 * before the COMMIT that makes it durable.
 */
export function writeTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  const raw = rawOf.get(db) ?? db;
  let queue = queues.get(raw);
  if (!queue) {
    queue = { units: [], flushing: false };
    queues.set(raw, queue);
  }
  return new Promise<T>((resolve, reject) => {
    queue.units.push({ work, resolve: resolve as (value: unknown) => void, reject });
    if (!queue.flushing) {
      queue.flushing = true;
      void flush(raw, queue);
    }
  });
}

async function flush(raw: Db, queue: CommitQueue): Promise<void> {
  try {
    while (queue.units.length > 0) {
      const batch = queue.units.splice(0, MAX_UNITS_PER_COMMIT);
      await commitBatch(raw, batch);
      // Let requests that arrived meanwhile reach the queue, so the next commit serves them together.
      if (queue.units.length === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    queue.flushing = false;
  }
}

async function commitBatch(raw: Db, batch: Unit[]): Promise<void> {
  const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
  try {
    await raw.connection().execute((conn) => {
      transactionHandles.add(conn);
      const rollbacks: Rollbacks = { unit: [], batch: [] };
      rollbacksOf.set(conn, rollbacks);
      const run = async () => {
        await conn.executeQuery(BEGIN);
        try {
          for (const unit of batch) {
            await conn.executeQuery(SAVEPOINT);
            try {
              const value = await unit.work(conn);
              await conn.executeQuery(RELEASE);
              rollbacks.batch.push(...rollbacks.unit);
              rollbacks.unit.length = 0;
              outcomes.push({ ok: true, value });
            } catch (error) {
              await conn.executeQuery(ROLLBACK_TO);
              await conn.executeQuery(RELEASE);
              runUndos(rollbacks.unit);
              outcomes.push({ ok: false, error });
            }
          }
          await conn.executeQuery(COMMIT);
        } catch (error) {
          await conn.executeQuery(ROLLBACK).catch(() => undefined);
          runUndos(rollbacks.unit);
          runUndos(rollbacks.batch);
          throw error;
        } finally {
          rollbacksOf.delete(conn);
        }
      };
      return guardedRaw.has(raw) ? insideTransaction.run(true, run) : run();
    });
  } catch (error) {
    // Nothing of this batch is durable: every unit fails with the commit's error.
    for (const unit of batch) unit.reject(error);
    return;
  }
  batch.forEach((unit, i) => {
    const outcome = outcomes[i]!;
    if (outcome.ok) unit.resolve(outcome.value);
    else unit.reject(outcome.error);
  });
}

/**
 * Runs `read` holding the connection, as a single query would: it never sees a write transaction half-way
 * through (other units of a group commit still to run, or its COMMIT not yet done). Queries inside use
 * the handle passed to `read`.
 */
export function withConnection<T>(db: Db, read: (conn: Db) => Promise<T>): Promise<T> {
  const raw = rawOf.get(db) ?? db;
  return raw.connection().execute(read);
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
