/**
 * The box office's core: the database, every domain module and the dispatcher, wired together. It runs
 * under plain Node: the Electron shell, the headless server and the tests all start the same core.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AccountsService, type ScryptParams } from '../accounts/index';
import { CatalogService } from '../catalog/index';
import { migrateToLatest, openDatabase, type OpenedDatabase } from '../db/index';
import { SchedulingService } from '../scheduling/index';
import { TheatersService } from '../theaters/index';
import { systemClock, type Clock } from './clock';
import { createDispatcher, type Dispatcher } from './dispatcher';
import { createHandlers } from './handlers';
import { VERSION } from './version';

export interface CoreOptions {
  /** Folder for the database, backups and everything else written. Created if missing. */
  dataDir: string;
  clock?: Clock;
  /** scrypt cost for password hashes (OWASP's by default; tests lower it). */
  scrypt?: ScryptParams;
}

export interface Core {
  readonly version: string;
  readonly dataDir: string;
  readonly clock: Clock;
  readonly database: OpenedDatabase;
  readonly dispatcher: Dispatcher;
  readonly accounts: AccountsService;
  readonly theaters: TheatersService;
  readonly catalog: CatalogService;
  readonly scheduling: SchedulingService;
  close(): Promise<void>;
}

export const DATABASE_FILE = 'marquee.db';

export async function createCore(options: CoreOptions): Promise<Core> {
  mkdirSync(options.dataDir, { recursive: true });
  const clock = options.clock ?? systemClock;
  const database = openDatabase(join(options.dataDir, DATABASE_FILE));
  try {
    await migrateToLatest(database, { backupDir: join(options.dataDir, 'backups'), now: () => clock.now() });
  } catch (error) {
    await database.db.destroy();
    throw error;
  }
  const { db } = database;
  const accounts = new AccountsService(db, clock, { scrypt: options.scrypt });
  const theaters = new TheatersService(db, clock);
  const catalog = new CatalogService(db, clock);
  const scheduling = new SchedulingService(db, clock, { theaters, catalog });
  catalog.setUsage(scheduling);
  theaters.setUsage(scheduling);
  const dispatcher = createDispatcher(createHandlers({ accounts, theaters, catalog, scheduling }));

  let closed = false;
  return {
    version: VERSION,
    dataDir: options.dataDir,
    clock,
    database,
    dispatcher,
    accounts,
    theaters,
    catalog,
    scheduling,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy(); // closes better-sqlite3, which checkpoints the WAL
    },
  };
}
