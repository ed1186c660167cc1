/**
 * The box office's core: the database, every domain module and the dispatcher, wired together. It runs
 * under plain Node: the Electron shell, the headless server and the tests all start the same core.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AccountsService, type ScryptParams } from '../accounts/index';
import { CatalogService } from '../catalog/index';
import { migrateToLatest, openDatabase, type OpenedDatabase } from '../db/index';
import { BookingService } from '../booking/index';
import { EventBus } from '../events/index';
import { IdempotencyStore } from '../idempotency/index';
import { PaymentsService } from '../payments/index';
import { PricingService } from '../pricing/index';
import { ReportsService } from '../reports/index';
import { SchedulingService } from '../scheduling/index';
import { SeatingService, type SeatingOptions } from '../seating/index';
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
  /** How often expired holds are swept (0: never, tests sweep by hand). */
  sweepIntervalMs?: number;
  /** Path of an Electron build of better-sqlite3's addon (the packaged desktop app). */
  nativeBinding?: string;
  seating?: SeatingOptions;
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
  readonly pricing: PricingService;
  readonly seating: SeatingService;
  readonly booking: BookingService;
  readonly payments: PaymentsService;
  readonly events: EventBus;
  close(): Promise<void>;
}

export const DATABASE_FILE = 'marquee.db';

export async function createCore(options: CoreOptions): Promise<Core> {
  mkdirSync(options.dataDir, { recursive: true });
  const clock = options.clock ?? systemClock;
  const database = openDatabase(join(options.dataDir, DATABASE_FILE), { nativeBinding: options.nativeBinding });
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
  const events = new EventBus();
  const pricing = new PricingService(db, clock, theaters);
  theaters.onTheaterCreated = (trx, theaterId, at) => pricing.seedDefaults(trx, theaterId, at);
  const seating = new SeatingService(db, clock, { theaters, scheduling, pricing, events }, options.seating);
  theaters.setSeatSales(seating);
  const booking = new BookingService(db, clock, { seating, pricing, scheduling, theaters, events });
  seating.onBookedHoldsExpired = (trx, holdIds, at) => booking.expireForHolds(trx, holdIds, at);
  scheduling.occupancy = seating;
  const payments = new PaymentsService(db, clock, { booking, seating });
  booking.refunds = payments;
  booking.payments = payments;
  const reports = new ReportsService(db, { theaters, scheduling, catalog });
  const idempotency = new IdempotencyStore(db, clock);
  const dispatcher = createDispatcher(
    createHandlers({ accounts, theaters, catalog, scheduling, pricing, seating, booking, payments, reports }),
    idempotency,
  );

  // Expired holds are also ignored at read time; the sweeper frees them for good and expires their bookings.
  const sweepEvery = options.sweepIntervalMs ?? 5_000;
  let sweeping = false;
  const sweeper =
    sweepEvery > 0
      ? setInterval(() => {
          if (sweeping) return;
          sweeping = true;
          Promise.all([seating.sweep(), idempotency.purge()])
            .catch((error: unknown) => console.error('marquee: sweeping expired holds failed', error))
            .finally(() => {
              sweeping = false;
            });
        }, sweepEvery)
      : null;
  sweeper?.unref();

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
    pricing,
    seating,
    booking,
    payments,
    events,
    async close() {
      if (closed) return;
      closed = true;
      if (sweeper) clearInterval(sweeper);
      await db.destroy(); // closes better-sqlite3, which checkpoints the WAL
    },
  };
}
