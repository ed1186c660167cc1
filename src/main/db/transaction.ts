/**
 * Write transactions start with BEGIN IMMEDIATE: the write lock is taken before the first read, so a
 * read-then-write never fails with SQLITE_BUSY_SNAPSHOT and check-then-insert is atomic.
 * Kysely's SQLite driver has one connection behind a mutex; `connection()` keeps it for the whole
 * callback, so nothing else interleaves. Never await anything slow (Stripe, a printer) inside.
 */
import { sql } from 'kysely';
import type { Db } from './connection';

export async function writeTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
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
  });
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
    ((error as { code: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE' ||
      (error as { code: unknown }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
  );
}

/** JSON columns: SQLite stores text. */
export function toJson(value: unknown): string {
  return JSON.stringify(value);
}
