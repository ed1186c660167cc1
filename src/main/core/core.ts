/**
 * The box office's core: the database, every domain module and the dispatcher, wired together. It runs
 * under plain Node: the Electron shell, the headless server and the tests all start the same core.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AccountsService, CustomersService, type ScryptParams } from '../accounts/index';
import { AuditService } from '../audit/index';
import { CatalogService } from '../catalog/index';
import { migrations } from '../../../migrations/index';
import { applyStagedRestore, BackupsService } from '../backups/index';
import { migrateToLatest, openDatabase, startCheckpointer, type OpenedDatabase } from '../db/index';
import { BookingService } from '../booking/index';
import { DrawerService } from '../drawer/index';
import { EventBus } from '../events/index';
import { IdempotencyStore } from '../idempotency/index';
import { CardPayments, PaymentsService, type CardOptions } from '../payments/index';
import { type CardGateway, type StripeConfig, type StripeEnvironment } from '../stripe/index';
import { dataFolderCipher, SettingsService, type SecretCipher } from '../settings/index';
import { PricingService } from '../pricing/index';
import { ReportsService } from '../reports/index';
import { ReviewsService } from '../reviews/index';
import { SchedulingService } from '../scheduling/index';
import { SeatingService, type SeatingOptions } from '../seating/index';
import { TheatersService } from '../theaters/index';
import { TicketsService, type TicketsOptions } from '../tickets/index';
import { DevicesService, DEVICE_TOKEN_PREFIX } from '../devices/index';
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
  /** How often the backup schedule is checked (ms); 0 turns scheduled backups off (tests). */
  backupCheckMs?: number;
  /** Path of an Electron build of better-sqlite3's addon (the packaged desktop app). */
  nativeBinding?: string;
  seating?: SeatingOptions;
  /** A development check against deadlocking queries inside transactions (see `openDatabase`). */
  transactionGuard?: boolean;
  /** WAL checkpoints on a worker thread (db/checkpointer.ts); on unless false. */
  backgroundCheckpoints?: boolean;
  /**
   * Card payments through Stripe: the environment's settings (STRIPE_*; they win over keys stored in
   * Admin → Settings), a config given directly (the same, for tests), or a ready gateway; none and no
   * stored key: cash only.
   */
  stripe?: CardOptions & {
    environment?: StripeEnvironment;
    config?: StripeConfig;
    gateway?: CardGateway;
    /** How often card payments in flight are checked with Stripe (0: never, tests poll by hand). */
    pollIntervalMs?: number;
  };
  tickets?: TicketsOptions;
  /** How stored credentials are encrypted (desktop: the OS secret store); default: the data folder's key file. */
  secrets?: SecretCipher;
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
  readonly drawer: DrawerService;
  readonly customers: CustomersService;
  readonly reviews: ReviewsService;
  readonly tickets: TicketsService;
  readonly devices: DevicesService;
  readonly events: EventBus;
  readonly backups: BackupsService;
  readonly settings: SettingsService;
  close(): Promise<void>;
}

export const DATABASE_FILE = 'marquee.db';

export async function createCore(options: CoreOptions): Promise<Core> {
  mkdirSync(options.dataDir, { recursive: true });
  const clock = options.clock ?? systemClock;
  const knownMigrations = Object.keys(migrations);
  const restored = applyStagedRestore(options.dataDir, DATABASE_FILE, knownMigrations, clock.now());
  if (restored) console.error(`marquee: ${restored}`);
  const database = openDatabase(join(options.dataDir, DATABASE_FILE), {
    nativeBinding: options.nativeBinding,
    transactionGuard: options.transactionGuard,
  });
  try {
    await migrateToLatest(database, { backupDir: join(options.dataDir, 'backups'), now: () => clock.now() });
  } catch (error) {
    await database.db.destroy();
    throw error;
  }
  const { db } = database;
  const checkpointer =
    options.backgroundCheckpoints === false || database.file === ':memory:'
      ? null
      : startCheckpointer(database.sqlite, { file: database.file, nativeBinding: options.nativeBinding });
  const accounts = new AccountsService(db, clock, { scrypt: options.scrypt });
  const theaters = new TheatersService(db, clock);
  const catalog = new CatalogService(db, clock);
  const scheduling = new SchedulingService(db, clock, { theaters, catalog });
  catalog.setUsage(scheduling);
  theaters.setUsage(scheduling);
  const events = new EventBus();
  const pricing = new PricingService(db, clock, theaters);
  theaters.onTheaterCreated = (trx, theaterId, at) => pricing.seedDefaults(trx, theaterId, at);
  pricing.showtimes = scheduling;
  const seating = new SeatingService(db, clock, { theaters, scheduling, pricing, events }, options.seating);
  theaters.setSeatSales(seating);
  const booking = new BookingService(db, clock, { seating, pricing, scheduling, theaters, events });
  seating.onBookedHoldsExpired = (trx, holdIds, at) => booking.expireForHolds(trx, holdIds, at);
  scheduling.occupancy = seating;
  scheduling.sales = booking;
  const drawer = new DrawerService(db, clock, { theaters });
  const payments = new PaymentsService(db, clock, { booking, seating, drawer });
  drawer.ledger = payments;
  drawer.tickets = booking;
  booking.refunds = payments;
  booking.approvals = accounts;
  booking.payments = payments;
  const reports = new ReportsService(db, clock, { theaters, scheduling, catalog, pricing, drawer });
  booking.sales = reports;
  const customers = new CustomersService(db, clock, accounts);
  const reviews = new ReviewsService(db, clock, { accounts, catalog, booking, scheduling });
  customers.onCustomerDeleted.push(
    (trx, userId, at) => booking.anonymiseCustomer(trx, userId, at),
    (trx, userId) => reviews.removeAllOf(trx, userId),
  );
  booking.customerOfToken = async (token) => {
    const actor = await accounts.authenticate(token);
    return actor?.kind === 'user' && actor.role === 'customer' ? actor.id : null;
  };
  const stripe = options.stripe;
  payments.card = new CardPayments(db, clock, { booking, seating, theaters }, null, stripe);
  const card = payments.card;
  const settings = new SettingsService(db, clock, {
    cipher: options.secrets ?? dataFolderCipher(options.dataDir),
    environment: { ...stripe?.config, ...stripe?.environment },
    fixedGateway: stripe?.gateway ?? null,
    applyGateway: (gateway) => card.setGateway(gateway),
  });
  await settings.init();
  const tickets = new TicketsService(db, clock, { booking, scheduling, theaters, catalog, pricing }, options.tickets);
  await tickets.init();
  booking.codes = tickets;
  const devices = new DevicesService(db, clock, () => accounts.forgetCredentials());
  payments.card.devices = devices;
  accounts.devices = {
    prefix: DEVICE_TOKEN_PREFIX,
    authenticate: (tokenHash, now) => devices.authenticate(tokenHash, now),
  };
  const audit = new AuditService(db, (kind, ids) =>
    kind === 'device' ? devices.names(ids) : accounts.actorNames(kind, ids),
  );
  const idempotency = new IdempotencyStore(db, clock);
  const backups = new BackupsService(database.sqlite, options.dataDir, clock, knownMigrations);
  const dispatcher = createDispatcher(
    createHandlers({
      drawer,
      accounts,
      customers,
      theaters,
      catalog,
      scheduling,
      pricing,
      seating,
      booking,
      payments,
      reviews,
      tickets,
      devices,
      reports,
      backups,
      audit,
      settings,
    }),
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

  // Card payments in flight are resolved by asking Stripe: now (reconciliation after a restart) and then
  // every few seconds; webhooks only make it sooner. A round never overlaps the previous one. The poller
  // runs even without keys (a round is then a no-op): an admin may enter them at any time.
  const pollEvery = stripe?.pollIntervalMs ?? 2_000;
  const cardPoller =
    pollEvery > 0
      ? setInterval(() => {
          card.tick().catch((error: unknown) => console.error('marquee: checking card payments failed', error));
        }, pollEvery)
      : null;
  cardPoller?.unref();
  if (card.configured && pollEvery > 0)
    void card
      .tick({ sweepOrphans: true })
      .catch((error: unknown) => console.error('marquee: reconciling card payments failed', error));

  // Scheduled backups: checked every minute, taken when the last one is older than the schedule's interval.
  const backupCheckEvery = options.backupCheckMs ?? 60_000;
  const backupTimer =
    backupCheckEvery > 0
      ? setInterval(() => {
          backups.runDue().catch((error: unknown) => console.error('marquee: scheduled backup failed', error));
        }, backupCheckEvery)
      : null;
  backupTimer?.unref();

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
    drawer,
    customers,
    reviews,
    tickets,
    devices,
    events,
    backups,
    settings,
    async close() {
      if (closed) return;
      closed = true;
      if (sweeper) clearInterval(sweeper);
      if (cardPoller) clearInterval(cardPoller);
      if (backupTimer) clearInterval(backupTimer);
      await card.idle();
      await checkpointer?.stop();
      await db.destroy(); // closes better-sqlite3, which checkpoints the WAL
    },
  };
}
