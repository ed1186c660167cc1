/**
 * Opens the box office's SQLite database with the pragmas a till needs and checks they took:
 * WAL (readers never block the writer), synchronous=FULL (a committed sale survives a power cut;
 * better-sqlite3's build defaults WAL to NORMAL), foreign keys on, and a busy timeout.
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema';
import { guardSharedHandle } from './transaction';

export type Db = Kysely<Database>;

export interface OpenedDatabase {
  sqlite: BetterSqlite3.Database;
  db: Db;
  file: string;
}

const SYNCHRONOUS_FULL = 2;

export interface OpenOptions {
  /** The packaged desktop app loads an Electron build of the SQLite addon from its resources. */
  nativeBinding?: string;
  /**
   * Turn a query on the shared handle inside a write transaction (a silent deadlock) into an immediate
   * error. A development check: it tracks every promise's async context, which costs a few per cent of
   * the server's CPU under load, so the test suites switch it on and production leaves it off.
   */
  transactionGuard?: boolean;
}

export function openDatabase(file: string, options: OpenOptions = {}): OpenedDatabase {
  const sqlite = new BetterSqlite3(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  assertPragmas(sqlite, file);
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  const db = options.transactionGuard ? guardSharedHandle(kysely) : kysely;
  return { sqlite, db, file };
}

/**
 * Kysely's SQLite driver prepares every statement afresh, and preparing costs more than running most of
 * our queries. The app issues a bounded set of distinct SQL texts (parameters are bound, never inlined),
 * so prepared statements are kept and reused. better-sqlite3 runs each statement to completion
 * synchronously, so a cached statement is never used by two queries at once (we never stream rows).
 */
function withStatementCache(sqlite: BetterSqlite3.Database, limit = 1000) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): BetterSqlite3.Statement {
      let statement = cache.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (cache.size >= limit) cache.delete(cache.keys().next().value as string);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

function assertPragmas(sqlite: BetterSqlite3.Database, file: string): void {
  const journal = sqlite.pragma('journal_mode', { simple: true });
  const synchronous = sqlite.pragma('synchronous', { simple: true });
  const foreignKeys = sqlite.pragma('foreign_keys', { simple: true });
  const inMemory = file === ':memory:';
  if ((!inMemory && journal !== 'wal') || synchronous !== SYNCHRONOUS_FULL || foreignKeys !== 1) {
    sqlite.close();
    throw new Error(
      `The database ${file} did not accept its settings (journal_mode=${String(journal)}, synchronous=${String(synchronous)}, foreign_keys=${String(foreignKeys)}).`,
    );
  }
}
