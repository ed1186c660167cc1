/**
 * Booking benchmark (a measurement, not a test):
 *   npm run bench -- [--seconds 15] [--warmup 3] [--connections 50] [--hot 3] [--keep]
 *
 * 1. The floor: a bare node:http server (tests/bench/floor-server.ts) doing one durable SQLite write
 *    transaction per request, driven by N connections.
 * 2. Marquee: the real headless server (src/main/serve.ts) on a fresh data folder, set up over the REST
 *    API (a theater, 400-seat screens, a film, enough showtimes, one API key per client), then N clients
 *    each looping seat map → hold 2 → book → pay (external) on a few "hot" showtimes, moving on when a
 *    showtime is sold out.
 * 3. The report: rates, latencies, the ratios against the product's targets, errors by status, and a
 *    check that no seat was sold twice. Printed and written to bench/results.json.
 *
 * Both servers are child processes (the bench is the other process: its load generator is
 * tests/bench/http-client.ts, the same for both phases). It exits non-zero only if a server errors out
 * (a 5xx, a crash, a timeout or reset connection, a failed setup, an unclean shutdown) or the seat check
 * fails (a seat sold twice, a confirmed booking without its seats); missing a target is reported, not failed.
 * --profile and --trace help find where the time goes (see --help).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { cpuMsOf, killAllNow, machineBusyMs, startServerChild, stopAll, type ServerChild } from './children';
import { Connection, HttpError, Samples, type HttpAnswer } from './http-client';

// ---- options --------------------------------------------------------------------------------------

const ROOT = resolve(import.meta.dirname, '..', '..');
const RESULTS_DIR = join(ROOT, 'bench');
const ADMIN_PASSWORD = 'bench-admin-password';
const TIME_ZONE = 'Europe/London';
const REPLACED_APP = { low: 65, high: 98 };
const TARGETS = { requestRatio: 1 / 3, p99Ratio: 3, seatMapP99Ratio: 3, replacedFactor: 10 };
const SEATS_PER_BOOKING = 2;

function numberOption(raw: string | undefined, fallback: number, name: string, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    process.stderr.write(`--${name} must be a number from ${min} to ${max}, not ${raw}\n`);
    process.exit(2);
  }
  return value;
}

function parseCommandLine() {
  try {
    return parseArgs({
      options: {
        seconds: { type: 'string' },
        warmup: { type: 'string' },
        connections: { type: 'string' },
        hot: { type: 'string' },
        'timeout-ms': { type: 'string' },
        'max-rate': { type: 'string' },
        showtimes: { type: 'string' },
        keep: { type: 'boolean', default: false },
        profile: { type: 'boolean', default: false },
        trace: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      allowPositionals: false,
    }).values;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)} (see --help)\n`);
    process.exit(2);
  }
}
const argv = parseCommandLine();
if (argv.help) {
  process.stdout.write(
    'npm run bench -- [--seconds 15] [--warmup 3] [--connections 50] [--hot 3] [--timeout-ms 10000]\n' +
      '                 [--max-rate 1000 (bookings/s the showtime pool is sized for)] [--showtimes N] [--keep (data folders)]\n' +
      '                 [--profile (V8 CPU profile of both servers into bench/profiles/)]\n' +
      '                 [--trace (every measured request into bench/trace-<phase>.csv)]\n',
  );
  process.exit(0);
}
const OPTS = {
  seconds: numberOption(argv.seconds, 15, 'seconds', 1, 600),
  warmup: numberOption(argv.warmup, 3, 'warmup', 0, 120),
  connections: Math.round(numberOption(argv.connections, 50, 'connections', 1, 500)),
  hot: Math.round(numberOption(argv.hot, 3, 'hot', 1, 50)),
  timeoutMs: numberOption(argv['timeout-ms'], 10_000, 'timeout-ms', 100, 120_000),
  maxRate: numberOption(argv['max-rate'], 1000, 'max-rate', 1, 100_000),
  showtimes: argv.showtimes === undefined ? null : Math.round(numberOption(argv.showtimes, 0, 'showtimes', 1, 5000)),
  keep: argv.keep ?? false,
  profile: argv.profile ?? false,
  trace: argv.trace ?? false,
};

// ---- measurement ------------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
const now = () => performance.now();

/** What one phase measured: only requests that complete inside [start, end] count. */
class Recorder {
  start = Number.POSITIVE_INFINITY;
  end = Number.POSITIVE_INFINITY;
  readonly samples = new Map<string, Samples>();
  /** kind → status (or "timeout"/"socket"/"protocol") → count */
  readonly outcomes = new Map<string, Map<string, number>>();
  /** Error codes of non-2xx answers, kind → "409 not_enough_seats" → count */
  readonly codes = new Map<string, Map<string, number>>();
  counters = new Map<string, number>();
  /** With --trace: "end ms since the window opened,kind,status,latency ms" per measured request. */
  readonly trace: string[] | null = OPTS.trace ? ['end_ms,kind,status,latency_ms'] : null;

  inWindow(at = now()): boolean {
    return at >= this.start && at <= this.end;
  }

  answer(kind: string, answer: HttpAnswer): void {
    if (!this.inWindow()) return;
    let samples = this.samples.get(kind);
    if (!samples) this.samples.set(kind, (samples = new Samples()));
    samples.add(answer.ms);
    this.trace?.push(`${(now() - this.start).toFixed(1)},${kind},${answer.status},${answer.ms.toFixed(2)}`);
    bump(this.outcomes, kind, String(answer.status));
    if (answer.status >= 300) bump(this.codes, kind, `${answer.status} ${errorCode(answer.body)}`);
  }

  failure(kind: string, error: unknown): void {
    // Transport failures count whenever they happen: a hung server must not hide behind the window.
    const label = error instanceof HttpError ? error.kind : 'error';
    bump(this.outcomes, kind, label);
    const message = (error instanceof Error ? error.message : String(error)).replace(/\/\d+(?=[/:\s]|$)/g, '/{id}');
    bump(this.codes, kind, message.slice(0, 120));
  }

  count(name: string, by = 1): void {
    if (this.inWindow()) this.counters.set(name, (this.counters.get(name) ?? 0) + by);
  }

  get seconds(): number {
    return (this.end - this.start) / 1000;
  }

  all(kinds?: string[]): Samples {
    const chosen = [...this.samples.entries()].filter(([kind]) => !kinds || kinds.includes(kind)).map(([, s]) => s);
    return chosen.length === 0 ? new Samples() : chosen[0]!.merge(...chosen.slice(1));
  }

  statusTotals(): Record<string, number> {
    const totals: Record<string, number> = {};
    for (const byStatus of this.outcomes.values())
      for (const [status, n] of byStatus) totals[status] = (totals[status] ?? 0) + n;
    return totals;
  }

  serverErrors(): number {
    let n = 0;
    for (const byStatus of this.outcomes.values()) {
      for (const [status, count] of byStatus) if (/^5\d\d$/.test(status) || !/^\d+$/.test(status)) n += count;
    }
    return n;
  }
}

function bump(map: Map<string, Map<string, number>>, kind: string, key: string): void {
  let inner = map.get(kind);
  if (!inner) map.set(kind, (inner = new Map()));
  inner.set(key, (inner.get(key) ?? 0) + 1);
}

function errorCode(body: string): string {
  try {
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code ?? '?';
  } catch {
    return '?';
  }
}

function toObject(map: Map<string, Map<string, number>>): Record<string, Record<string, number>> {
  return Object.fromEntries(
    [...map].map(([kind, inner]) => [kind, Object.fromEntries([...inner].sort(([, a], [, b]) => b - a))]),
  );
}

interface PhaseRun {
  clients: number;
  warmupMs: number;
  measureMs: number;
  recorder: Recorder;
  /** CPU ms of the server during the measured window. */
  serverCpuMs: number | null;
  benchCpuMs: number;
  ranOut: boolean;
  connectionsOpened: number;
  /** CPU ms that other processes on the machine used during the window: they skew the numbers. */
  otherCpuMs: number | null;
}

/**
 * Runs `clients` workers: warm-up, then the measured window, then a stop signal. Every worker loop checks
 * `go()` before each request; the whole phase has a hard deadline after which the sockets are closed.
 */
async function runPhase(
  label: string,
  server: ServerChild,
  worker: (index: number, conn: Connection, go: () => boolean, recorder: Recorder) => Promise<void>,
  options: { pingPath: string; onRanOut?: () => boolean },
): Promise<PhaseRun> {
  const { hostname, port } = new URL(server.url);
  const recorder = new Recorder();
  const conns = Array.from({ length: OPTS.connections }, () => new Connection(hostname, Number(port), OPTS.timeoutMs));
  // Open every connection before the load starts (one cheap request each, not measured): under load, both
  // servers admit new connections very slowly (see the report), which would otherwise land in the numbers.
  await Promise.all(conns.map((conn) => conn.request('GET', options.pingPath, null)));
  let stopped = false;
  const go = () => !stopped && !server.crashed();
  const warmupMs = OPTS.warmup * 1000;
  const measureMs = OPTS.seconds * 1000;
  const begin = now();
  recorder.start = begin + warmupMs;
  recorder.end = begin + warmupMs + measureMs;

  process.stdout.write(
    `${label}: ${OPTS.connections} connections, ${OPTS.warmup} s warm-up + ${OPTS.seconds} s measured\n`,
  );
  const workers = conns.map((conn, index) =>
    worker(index, conn, go, recorder).catch((error: unknown) => {
      recorder.failure('worker', error);
    }),
  );

  // Sample CPU at the window's edges; stop early if the server dies or (Marquee) the showtimes run out.
  let cpuAtStart: number | null = null;
  let machineAtStart: number | null = null;
  let benchCpuAtStart = process.cpuUsage();
  let ranOut = false;
  while (now() < recorder.end) {
    if (cpuAtStart === null && now() >= recorder.start) {
      cpuAtStart = cpuMsOf(server.pid);
      machineAtStart = machineBusyMs();
      benchCpuAtStart = process.cpuUsage();
    }
    if (server.crashed()) break;
    if (options.onRanOut?.()) {
      ranOut = true;
      break;
    }
    await sleep(20);
  }
  const endAt = now();
  if (endAt < recorder.end) recorder.end = endAt; // stopped early: rates over what was measured
  const cpuAtEnd = cpuMsOf(server.pid);
  const machineAtEnd = machineBusyMs();
  const benchCpu = process.cpuUsage(benchCpuAtStart);
  const serverCpuMs = cpuAtStart !== null && cpuAtEnd !== null ? cpuAtEnd - cpuAtStart : null;
  const benchCpuMs = (benchCpu.user + benchCpu.system) / 1000;
  const otherCpuMs =
    machineAtStart !== null && machineAtEnd !== null && serverCpuMs !== null
      ? Math.max(0, machineAtEnd - machineAtStart - serverCpuMs - benchCpuMs)
      : null;
  stopped = true;

  // Let the requests in flight finish (each has its own timeout), but never wait forever.
  const deadline = sleep(OPTS.timeoutMs + 5_000).then(() => 'deadline' as const);
  const finished = await Promise.race([Promise.all(workers).then(() => 'done' as const), deadline]);
  if (finished === 'deadline')
    process.stdout.write(`${label}: some clients did not finish in time; closing their sockets\n`);
  const connectionsOpened = conns.reduce((sum, conn) => sum + conn.opened, 0);
  for (const conn of conns) conn.close();
  if (finished === 'deadline') await Promise.race([Promise.all(workers), sleep(2_000)]);
  if (recorder.trace) writeFileSync(join(RESULTS_DIR, `trace-${label}.csv`), `${recorder.trace.join('\n')}\n`);

  return {
    clients: OPTS.connections,
    warmupMs,
    measureMs,
    recorder,
    serverCpuMs,
    benchCpuMs,
    ranOut,
    connectionsOpened,
    otherCpuMs,
  };
}

/** With --profile, node writes a .cpuprofile (open it in Chrome DevTools) when the server exits. */
function profileArgs(name: string): string[] {
  if (!OPTS.profile) return [];
  const dir = join(RESULTS_DIR, 'profiles', name);
  mkdirSync(dir, { recursive: true });
  // One file per thread (tsx's loader hooks run on a worker): the main thread's is the biggest.
  return ['--cpu-prof', '--cpu-prof-dir', dir];
}

// ---- the floor --------------------------------------------------------------------------------------

async function floorPhase(dataDir: string) {
  const server = await startServerChild({
    name: 'floor',
    command: process.execPath,
    args: [
      ...profileArgs('floor'),
      '--import',
      'tsx',
      'tests/bench/floor-server.ts',
      '--data-dir',
      dataDir,
      '--port',
      '0',
      '--host',
      '127.0.0.1',
    ],
    cwd: ROOT,
    ready: /listening on (http:\/\/\S+)/,
    timeoutMs: 30_000,
    logFile: join(RESULTS_DIR, 'floor-server.log'),
  });
  try {
    const run = await runPhase(
      'floor',
      server,
      async (index, conn, go, recorder) => {
        const token = `floor-client-${index}`;
        for (let n = 0; go() && n < 10_000_000; n += 1) {
          try {
            const answer = await conn.request('POST', '/book', token, {
              showtimeId: 1 + (index % OPTS.hot),
              quantity: SEATS_PER_BOOKING,
            });
            recorder.answer('write', answer);
            if (answer.status !== 201) await sleep(5);
          } catch (error) {
            recorder.failure('write', error);
            await sleep(20);
          }
        }
      },
      { pingPath: '/ping' },
    );
    let crashed = server.crashed() ? server.exitInfo() : null;
    const stopInfo = await server.stop();
    if (!crashed && stopInfo !== 'code 0') crashed = `did not stop cleanly on SIGTERM (${stopInfo})`;
    return { server, run, crashed, tail: server.tail() };
  } finally {
    await server.stop();
  }
}

// ---- Marquee: setup over the REST API ------------------------------------------------------------------

class Api {
  constructor(
    private readonly conn: Connection,
    private token: string | null = null,
  ) {}

  as(token: string): this {
    this.token = token;
    return this;
  }

  async call<T>(method: string, path: string, body?: unknown, expect: number[] = [200, 201]): Promise<T> {
    const answer = await this.conn.request(method, `/api/v1${path}`, this.token, body);
    if (!expect.includes(answer.status))
      throw new Error(`setup: ${method} ${path} answered ${answer.status}: ${answer.body.slice(0, 400)}`);
    return (answer.body ? JSON.parse(answer.body) : null) as T;
  }
}

/** 16 rows × 25 seats with an aisle after seat 12: 400 seats. */
function screenLayout() {
  const rows = 'ABCDEFGHJKLMNPQR'.split('');
  return {
    rows: rows.map((label) => ({
      label,
      seats: Array.from({ length: 26 }, (_, i) => (i === 12 ? null : { number: i < 12 ? i + 1 : i, type: 'standard' })),
    })),
  };
}

/** Offset of a time zone from UTC at an instant, in minutes. */
function offsetMinutes(at: number, timeZone: string): number {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0));
}

/** Midnight of tomorrow in the time zone, as epoch ms. */
function tomorrowMidnight(timeZone: string): number {
  const today = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(Date.now());
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(y, m - 1, d + 1, 0, 0, 0);
  return naive - offsetMinutes(naive, timeZone) * 60_000;
}

interface Setup {
  keys: string[];
  showtimeIds: number[];
  capacity: number;
  screens: number;
  adminToken: string;
  setupMs: number;
}

async function setUpMarquee(server: ServerChild, showtimeCount: number): Promise<Setup> {
  const started = now();
  const { hostname, port } = new URL(server.url);
  const conn = new Connection(hostname, Number(port), 30_000);
  try {
    const api = new Api(conn);
    const { token } = await api.call<{ token: string }>('POST', '/auth/login', {
      username: 'admin',
      password: ADMIN_PASSWORD,
    });
    api.as(token);
    const keys: string[] = [];
    for (let i = 0; i < OPTS.connections; i += 1) {
      keys.push((await api.call<{ key: string }>('POST', '/api-keys', { name: `bench client ${i + 1}` })).key);
    }
    const theater = await api.call<{ id: number }>('POST', '/theaters', {
      name: 'Bench Cinema',
      timeZone: TIME_ZONE,
      currency: 'GBP',
    });
    // Showtimes every 2 h (90 min film + 15 min trailers + 15 min cleaning) on as many screens as needed
    // for at most two days of programme per screen.
    const screenCount = Math.max(1, Math.min(20, Math.ceil(showtimeCount / 24)));
    const screenIds: number[] = [];
    for (let i = 0; i < screenCount; i += 1) {
      screenIds.push(
        (
          await api.call<{ id: number }>('POST', `/theaters/${theater.id}/screens`, {
            name: `Screen ${i + 1}`,
            layout: screenLayout(),
            cleaningMinutes: 15,
          })
        ).id,
      );
    }
    const movie = await api.call<{ id: number }>('POST', '/movies', { title: 'The Benchmark', durationMinutes: 90 });
    const first = tomorrowMidnight(TIME_ZONE) + 8 * 3_600_000; // 08:00 local tomorrow
    const showtimeIds: number[] = [];
    for (let k = 0; k < showtimeCount; k += 1) {
      const startsAt = new Date(first + Math.floor(k / screenCount) * 2 * 3_600_000)
        .toISOString()
        .replace('.000Z', '+00:00');
      const showtime = await api.call<{ id: number }>('POST', '/showtimes', {
        movieId: movie.id,
        screenId: screenIds[k % screenCount],
        startsAt,
      });
      showtimeIds.push(showtime.id);
    }
    const map = await api.call<{ capacity: number }>('GET', `/showtimes/${showtimeIds[0]}/seats`);
    return {
      keys,
      showtimeIds,
      capacity: map.capacity,
      screens: screenCount,
      adminToken: token,
      setupMs: now() - started,
    };
  } finally {
    conn.close();
  }
}

// ---- Marquee: the load ---------------------------------------------------------------------------------

/** The showtimes on sale: clients spread over the first `hot` that still have seats. */
class ShowtimePool {
  private nextIndex: number;
  readonly active: number[];
  readonly used = new Set<number>();

  constructor(
    private readonly ids: number[],
    hot: number,
  ) {
    this.active = ids.slice(0, hot);
    this.nextIndex = this.active.length;
    for (const id of this.active) this.used.add(id);
  }

  pick(client: number): number | null {
    return this.active.length === 0 ? null : this.active[client % this.active.length]!;
  }

  soldOut(id: number): void {
    const at = this.active.indexOf(id);
    if (at < 0) return;
    this.active.splice(at, 1);
    const next = this.ids[this.nextIndex];
    if (next !== undefined) {
      this.nextIndex += 1;
      this.active.push(next);
      this.used.add(next);
    }
  }

  get exhausted(): boolean {
    return this.active.length === 0;
  }

  get soldOutCount(): number {
    return this.nextIndex - this.active.length;
  }
}

interface Tally {
  /** Bookings confirmed by a 201 payment answer, whenever they happened (warm-up and tail included). */
  confirmed: number;
  /** Payments whose answer never came (timeout, reset): they may or may not have gone through. */
  uncertainPayments: number;
  /** showtime:seat of every confirmed booking's tickets, and how often each was sold. */
  soldSeats: Map<string, number>;
  bookingsPerShowtime: Map<number, number>;
}

async function marqueeClient(
  index: number,
  conn: Connection,
  go: () => boolean,
  rec: Recorder,
  key: string,
  pool: ShowtimePool,
  tally: Tally,
): Promise<void> {
  for (let n = 0; go() && n < 5_000_000; n += 1) {
    const showtimeId = pool.pick(index);
    if (showtimeId === null) return;
    const step = async (kind: string, method: string, path: string, body?: unknown): Promise<HttpAnswer | null> => {
      try {
        const answer = await conn.request(method, path, key, body);
        rec.answer(kind, answer);
        return answer;
      } catch (error) {
        rec.failure(kind, error);
        if (kind === 'pay') tally.uncertainPayments += 1;
        await sleep(20);
        return null;
      }
    };

    // A client looks at the seat map once per booking.
    const map = await step('seatmap', 'GET', `/api/v1/showtimes/${showtimeId}/seats`);
    if (!map) continue;
    if (!go()) return;

    const hold = await step('hold', 'POST', `/api/v1/showtimes/${showtimeId}/holds`, { quantity: SEATS_PER_BOOKING });
    if (!hold) continue;
    if (hold.status === 409 && errorCode(hold.body) === 'not_enough_seats') {
      pool.soldOut(showtimeId);
      continue;
    }
    if (hold.status !== 201) {
      await sleep(5);
      continue;
    }
    const { id: holdId, seatIds } = JSON.parse(hold.body) as { id: number; seatIds: number[] };
    if (!go()) return;

    const booking = await step('book', 'POST', '/api/v1/bookings', {
      holdId,
      tickets: seatIds.map((seatId) => ({ seatId, ticketType: 'adult' })),
    });
    if (!booking) continue;
    if (booking.status !== 201) {
      await sleep(5);
      continue;
    }
    const {
      id: bookingId,
      total,
      tickets,
    } = JSON.parse(booking.body) as { id: number; total: number; tickets: { seatId: number }[] };
    if (!go()) return;

    const payment = await step('pay', 'POST', `/api/v1/bookings/${bookingId}/payments`, {
      method: 'external',
      amount: total,
      reference: `bench-${index}-${n}`,
    });
    if (!payment) continue;
    if (
      payment.status === 201 &&
      (JSON.parse(payment.body) as { bookingStatus?: string }).bookingStatus === 'confirmed'
    ) {
      tally.confirmed += 1;
      rec.count('bookings');
      tally.bookingsPerShowtime.set(showtimeId, (tally.bookingsPerShowtime.get(showtimeId) ?? 0) + 1);
      for (const ticket of tickets) {
        const seat = `${showtimeId}:${ticket.seatId}`;
        tally.soldSeats.set(seat, (tally.soldSeats.get(seat) ?? 0) + 1);
      }
    } else if (payment.status !== 201) {
      await sleep(5);
    }
  }
}

interface SeatCheck {
  showtimesChecked: number;
  capacityEach: number;
  soldOnMaps: number;
  heldOnMaps: number;
  overCapacity: number[];
  confirmedBookings: number;
  expectedSold: number;
  uncertainPayments: number;
  /** Seats that two confirmed bookings both got (from the answers themselves). */
  doubleSoldInAnswers: number;
  /** Seats a confirmed booking got that its showtime's map does not show as sold. */
  confirmedButNotSoldOnMap: number;
  /** From the database file after shutdown: seats with more than one active claim. */
  database: { duplicateActiveClaims: number; soldClaims: number; confirmedBookings: number; quickCheck: string } | null;
  ok: boolean;
}

async function checkSeats(
  server: ServerChild,
  setup: Setup,
  pool: ShowtimePool,
  tally: Tally,
): Promise<Omit<SeatCheck, 'database' | 'ok'>> {
  const { hostname, port } = new URL(server.url);
  const conn = new Connection(hostname, Number(port), 30_000);
  const api = new Api(conn, setup.adminToken);
  let sold = 0;
  let held = 0;
  const overCapacity: number[] = [];
  let notSold = 0;
  try {
    for (const showtimeId of pool.used) {
      const map = await api.call<{ capacity: number; seats: { id: number; status: string }[] }>(
        'GET',
        `/showtimes/${showtimeId}/seats`,
      );
      const status = new Map(map.seats.map((seat) => [seat.id, seat.status]));
      const soldHere = map.seats.filter((seat) => seat.status === 'sold').length;
      sold += soldHere;
      held += map.seats.filter((seat) => seat.status === 'held').length;
      if (soldHere > map.capacity || new Set(map.seats.map((s) => s.id)).size !== map.seats.length)
        overCapacity.push(showtimeId);
      for (const seat of tally.soldSeats.keys()) {
        const [st, id] = seat.split(':').map(Number) as [number, number];
        if (st === showtimeId && status.get(id) !== 'sold') notSold += 1;
      }
    }
  } finally {
    conn.close();
  }
  return {
    showtimesChecked: pool.used.size,
    capacityEach: setup.capacity,
    soldOnMaps: sold,
    heldOnMaps: held,
    overCapacity,
    confirmedBookings: tally.confirmed,
    expectedSold: tally.confirmed * SEATS_PER_BOOKING,
    uncertainPayments: tally.uncertainPayments,
    doubleSoldInAnswers: [...tally.soldSeats.values()].filter((n) => n > 1).length,
    confirmedButNotSoldOnMap: notSold,
  };
}

function checkDatabase(file: string): SeatCheck['database'] {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const dup = db
      .prepare(
        "SELECT COUNT(*) AS n FROM (SELECT 1 FROM seat_claims WHERE status IN ('blocked','held','sold') GROUP BY showtime_id, seat_id HAVING COUNT(*) > 1)",
      )
      .get() as { n: number };
    const sold = db.prepare("SELECT COUNT(*) AS n FROM seat_claims WHERE status = 'sold'").get() as { n: number };
    const confirmed = db.prepare("SELECT COUNT(*) AS n FROM bookings WHERE status = 'confirmed'").get() as {
      n: number;
    };
    const quick = db.pragma('quick_check', { simple: true }) as string;
    return { duplicateActiveClaims: dup.n, soldClaims: sold.n, confirmedBookings: confirmed.n, quickCheck: quick };
  } finally {
    db.close();
  }
}

async function marqueePhase(dataDir: string) {
  const total = OPTS.warmup + OPTS.seconds;
  const showtimeCount =
    OPTS.showtimes ?? Math.ceil(((OPTS.maxRate * total * SEATS_PER_BOOKING) / 400) * 1.25) + OPTS.hot;
  const server = await startServerChild({
    name: 'marquee',
    command: process.execPath,
    args: [
      ...profileArgs('marquee'),
      '--import',
      'tsx',
      'src/main/serve.ts',
      '--data-dir',
      dataDir,
      '--port',
      '0',
      '--host',
      '127.0.0.1',
    ],
    cwd: ROOT,
    env: { MARQUEE_ADMIN_PASSWORD: ADMIN_PASSWORD, MARQUEE_SCRYPT_LOG2N: '10' },
    ready: /listening on (http:\/\/[^\s)]+)/,
    timeoutMs: 60_000,
    logFile: join(RESULTS_DIR, 'marquee-server.log'),
  });
  let stopInfo = 'not stopped';
  try {
    process.stdout.write(
      `marquee: setting up ${OPTS.connections} API keys and ${showtimeCount} showtimes over the REST API\n`,
    );
    const setup = await setUpMarquee(server, showtimeCount);
    const pool = new ShowtimePool(setup.showtimeIds, OPTS.hot);
    const tally: Tally = { confirmed: 0, uncertainPayments: 0, soldSeats: new Map(), bookingsPerShowtime: new Map() };
    const run = await runPhase(
      'marquee',
      server,
      (index, conn, go, rec) => marqueeClient(index, conn, go, rec, setup.keys[index]!, pool, tally),
      { pingPath: '/api/v1/ping', onRanOut: () => pool.exhausted },
    );
    let crashed = server.crashed() ? server.exitInfo() : null;
    let seats: Awaited<ReturnType<typeof checkSeats>> | null = null;
    let database: SeatCheck['database'] = null;
    let checkError: string | null = null;
    try {
      if (!crashed) seats = await checkSeats(server, setup, pool, tally);
    } catch (error) {
      checkError = `seat check over the API failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    stopInfo = await server.stop();
    // A server that had to be killed, or did not exit cleanly, counts as a crash.
    if (!crashed && stopInfo !== 'code 0') crashed = `did not stop cleanly on SIGTERM (${stopInfo})`;
    try {
      if (!crashed) database = checkDatabase(join(dataDir, 'marquee.db'));
    } catch (error) {
      checkError = `${checkError ? `${checkError}; ` : ''}database check failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    return { server, setup, pool, run, seats, database, checkError, crashed, stopInfo, tail: server.tail() };
  } finally {
    if (stopInfo === 'not stopped') await server.stop();
  }
}

// ---- report -----------------------------------------------------------------------------------------------

const r1 = (x: number) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : null);
const r2 = (x: number) => (Number.isFinite(x) ? Math.round(x * 100) / 100 : null);
const r3 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : null);
const fmt = (x: number | null, digits = 1) => (x === null || !Number.isFinite(x) ? '—' : x.toFixed(digits));

function latency(samples: Samples) {
  return {
    count: samples.count,
    p50: r2(samples.percentile(50)),
    p90: r2(samples.percentile(90)),
    p99: r2(samples.percentile(99)),
    max: r2(samples.percentile(100)),
    mean: r2(samples.mean()),
  };
}

function gitCommit(): string | null {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    // The server measured is the working tree: say so when it differs from the commit.
    const changes = execFileSync('git', ['status', '--porcelain', '--', 'src', 'migrations', 'package.json'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    return changes.trim() ? `${commit} + uncommitted changes` : commit;
  } catch {
    return null;
  }
}

function verdict(ok: boolean): string {
  return ok ? 'MET' : 'MISSED';
}

async function main(): Promise<number> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'marquee-bench-'));
  workDir = work;
  const floorDir = join(work, 'floor');
  const marqueeDir = join(work, 'marquee');
  mkdirSync(floorDir);
  mkdirSync(marqueeDir);
  const startedAt = new Date().toISOString();
  try {
    const floor = await floorPhase(floorDir);
    const marquee = await marqueePhase(marqueeDir);

    // ---- numbers
    const f = floor.run.recorder;
    const m = marquee.run.recorder;
    const floorLat = f.all(['write']);
    const floorRps = floorLat.count / f.seconds;
    const bookingSteps = m.all(['hold', 'book', 'pay']);
    const allMarquee = m.all(['seatmap', 'hold', 'book', 'pay']);
    const seatMap = m.all(['seatmap']);
    const marqueeRps = allMarquee.count / m.seconds;
    const bookingsPerSec = (m.counters.get('bookings') ?? 0) / m.seconds;
    const floorP99 = floorLat.percentile(99);
    const ratios = {
      requestRate: marqueeRps / floorRps,
      bookingP99: bookingSteps.percentile(99) / floorP99,
      overallP99: allMarquee.percentile(99) / floorP99,
      seatMapP99: seatMap.percentile(99) / floorP99,
      vsReplacedLow: bookingsPerSec / REPLACED_APP.low,
      vsReplacedHigh: bookingsPerSec / REPLACED_APP.high,
      /** For reference: the pipeline's POSTs (hold, book, pay) against the replaced app's booking POSTs. */
      postsVsReplacedLow: bookingSteps.count / m.seconds / REPLACED_APP.low,
      postsVsReplacedHigh: bookingSteps.count / m.seconds / REPLACED_APP.high,
      /** Bookings/s if every request cost no more than the floor's durable write (4 requests a booking). */
      floorBookingCeiling: floorRps / 4,
    };
    const targets = {
      requestRate: {
        target: '≥ 0.333',
        value: r3(ratios.requestRate),
        met: ratios.requestRate >= TARGETS.requestRatio,
      },
      bookingP99: { target: '≤ 3', value: r2(ratios.bookingP99), met: ratios.bookingP99 <= TARGETS.p99Ratio },
      seatMapP99: { target: '≤ 3', value: r2(ratios.seatMapP99), met: ratios.seatMapP99 <= TARGETS.seatMapP99Ratio },
      bookingsVsReplaced: {
        target: `≥ ${TARGETS.replacedFactor}× of ${REPLACED_APP.low}–${REPLACED_APP.high}/s (≥ ${REPLACED_APP.low * TARGETS.replacedFactor}–${REPLACED_APP.high * TARGETS.replacedFactor} bookings/s)`,
        value: r1(bookingsPerSec),
        metLow: bookingsPerSec >= REPLACED_APP.low * TARGETS.replacedFactor,
        metHigh: bookingsPerSec >= REPLACED_APP.high * TARGETS.replacedFactor,
      },
    };
    const seats = marquee.seats;
    const database = marquee.database;
    const seatCheck: SeatCheck | null = seats
      ? {
          ...seats,
          database,
          ok:
            seats.overCapacity.length === 0 &&
            seats.doubleSoldInAnswers === 0 &&
            seats.confirmedButNotSoldOnMap === 0 &&
            seats.soldOnMaps >= seats.expectedSold &&
            seats.soldOnMaps <= seats.expectedSold + seats.uncertainPayments * SEATS_PER_BOOKING &&
            (database === null ||
              (database.duplicateActiveClaims === 0 &&
                database.quickCheck === 'ok' &&
                database.soldClaims === seats.soldOnMaps)),
        }
      : null;
    const floorServerErrors = f.serverErrors();
    const marqueeServerErrors = m.serverErrors();
    const serverTrouble =
      floorServerErrors > 0 || marqueeServerErrors > 0 || floor.crashed !== null || marquee.crashed !== null;

    const results = {
      startedAt,
      commit: gitCommit(),
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? null, node: process.version },
      options: {
        ...OPTS,
        generator: 'tests/bench/http-client.ts (HTTP/1.1 keep-alive, one socket per client, one request in flight)',
      },
      floor: {
        server: 'node:http + better-sqlite3, WAL, synchronous=FULL, one INSERT per BEGIN IMMEDIATE transaction',
        seconds: r2(f.seconds),
        requests: floorLat.count,
        requestsPerSec: r1(floorRps),
        latencyMs: latency(floorLat),
        outcomes: toObject(f.outcomes),
        errors: toObject(f.codes),
        serverErrors: floorServerErrors,
        serverCpuPercent:
          floor.run.serverCpuMs === null ? null : r1((floor.run.serverCpuMs / (f.seconds * 1000)) * 100),
        benchCpuPercent: r1((floor.run.benchCpuMs / (f.seconds * 1000)) * 100),
        connectionsOpened: floor.run.connectionsOpened,
        otherProcessesCpuPercent:
          floor.run.otherCpuMs === null ? null : r1((floor.run.otherCpuMs / (f.seconds * 1000)) * 100),
        crashed: floor.crashed,
      },
      marquee: {
        seconds: r2(m.seconds),
        ranOutOfShowtimes: marquee.run.ranOut,
        setup: {
          ms: Math.round(marquee.setup.setupMs),
          showtimes: marquee.setup.showtimeIds.length,
          screens: marquee.setup.screens,
          seatsPerScreen: marquee.setup.capacity,
          apiKeys: marquee.setup.keys.length,
          hot: OPTS.hot,
        },
        showtimesSoldOut: marquee.pool.soldOutCount,
        bookings: m.counters.get('bookings') ?? 0,
        bookingsPerSec: r1(bookingsPerSec),
        requests: allMarquee.count,
        requestsPerSec: r1(marqueeRps),
        latencyMs: {
          hold: latency(m.all(['hold'])),
          book: latency(m.all(['book'])),
          pay: latency(m.all(['pay'])),
          seatMap: latency(seatMap),
          bookingSteps: latency(bookingSteps),
          overall: latency(allMarquee),
        },
        outcomes: toObject(m.outcomes),
        errors: toObject(m.codes),
        serverErrors: marqueeServerErrors,
        serverCpuPercent:
          marquee.run.serverCpuMs === null ? null : r1((marquee.run.serverCpuMs / (m.seconds * 1000)) * 100),
        benchCpuPercent: r1((marquee.run.benchCpuMs / (m.seconds * 1000)) * 100),
        connectionsOpened: marquee.run.connectionsOpened,
        otherProcessesCpuPercent:
          marquee.run.otherCpuMs === null ? null : r1((marquee.run.otherCpuMs / (m.seconds * 1000)) * 100),
        crashed: marquee.crashed,
        shutdown: marquee.stopInfo,
      },
      ratios: Object.fromEntries(Object.entries(ratios).map(([k, v]) => [k, r3(v)])),
      targets,
      seatCheck,
      seatCheckError: marquee.checkError,
    };
    writeFileSync(join(RESULTS_DIR, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

    // ---- table
    const L = (name: string, s: Samples, secs: number) =>
      `  ${name.padEnd(22)}${String(s.count).padStart(8)}${fmt(s.count / secs).padStart(10)}${fmt(s.percentile(50), 2).padStart(9)}${fmt(s.percentile(90), 2).padStart(9)}${fmt(s.percentile(99), 2).padStart(9)}${fmt(s.percentile(100), 1).padStart(9)}`;
    const out: string[] = [];
    out.push('');
    out.push(
      `Marquee booking benchmark — ${startedAt} — ${cpus().length} cores, Node ${process.version}, commit ${results.commit ?? '?'}`,
    );
    out.push(
      `${OPTS.connections} connections each, ${OPTS.warmup} s warm-up, ${OPTS.seconds} s measured (floor ${fmt(f.seconds, 2)} s, Marquee ${fmt(m.seconds, 2)} s)`,
    );
    out.push('');
    out.push(
      `  ${'requests (ms)'.padEnd(22)}${'count'.padStart(8)}${'per s'.padStart(10)}${'p50'.padStart(9)}${'p90'.padStart(9)}${'p99'.padStart(9)}${'max'.padStart(9)}`,
    );
    out.push(L('floor: durable write', floorLat, f.seconds));
    out.push(L('marquee: hold', m.all(['hold']), m.seconds));
    out.push(L('marquee: book', m.all(['book']), m.seconds));
    out.push(L('marquee: pay', m.all(['pay']), m.seconds));
    out.push(L('marquee: seat map', seatMap, m.seconds));
    out.push(L('marquee: hold+book+pay', bookingSteps, m.seconds));
    out.push(L('marquee: all requests', allMarquee, m.seconds));
    out.push('');
    out.push(
      `  Marquee bookings (hold+book+pay confirmed): ${m.counters.get('bookings') ?? 0} = ${fmt(bookingsPerSec)} bookings/s`,
    );
    out.push(
      `  server CPU: floor ${fmt(results.floor.serverCpuPercent)}%, Marquee ${fmt(results.marquee.serverCpuPercent)}% of one core; load generator ${fmt(results.floor.benchCpuPercent)}% / ${fmt(results.marquee.benchCpuPercent)}%`,
    );
    const others = Math.max(results.floor.otherProcessesCpuPercent ?? 0, results.marquee.otherProcessesCpuPercent ?? 0);
    out.push(
      `  other processes on the machine: floor ${fmt(results.floor.otherProcessesCpuPercent)}%, Marquee ${fmt(results.marquee.otherProcessesCpuPercent)}% of one core` +
        (others > 20 ? '  (!! other work was running: the numbers are skewed, run again on a quiet machine)' : ''),
    );
    out.push('');
    out.push('  target                                             value      target     verdict');
    out.push(
      `  Marquee req/s ÷ floor req/s                     ${fmt(ratios.requestRate, 3).padStart(8)}    ≥ 0.333     ${verdict(targets.requestRate.met)}`,
    );
    out.push(
      `  Marquee p99 (hold+book+pay) ÷ floor p99         ${fmt(ratios.bookingP99, 2).padStart(8)}    ≤ 3         ${verdict(targets.bookingP99.met)}`,
    );
    out.push(
      `  seat-map p99 ÷ floor p99                        ${fmt(ratios.seatMapP99, 2).padStart(8)}    ≤ 3         ${verdict(targets.seatMapP99.met)}`,
    );
    out.push(`  (overall Marquee p99 ÷ floor p99, for reference) ${fmt(ratios.overallP99, 2).padStart(7)}`);
    out.push(
      `  bookings/s vs replaced app (65–98/s)            ${fmt(bookingsPerSec).padStart(8)}    ≥ 650–980   ${targets.bookingsVsReplaced.metHigh ? 'MET' : targets.bookingsVsReplaced.metLow ? 'MET vs 65/s only' : 'MISSED'} (${fmt(ratios.vsReplacedHigh)}×–${fmt(ratios.vsReplacedLow)}×)`,
    );
    out.push(
      `  (hold+book+pay POSTs/s vs replaced app's booking POSTs, for reference) ${fmt(bookingSteps.count / m.seconds)} (${fmt(ratios.postsVsReplacedHigh)}×–${fmt(ratios.postsVsReplacedLow)}×)`,
    );
    out.push(
      `  (bookings/s at the floor's cost per request, 4 requests a booking: ${fmt(ratios.floorBookingCeiling)})`,
    );
    out.push('');
    out.push('  answers by status (measured window; transport errors at any time):');
    out.push(`    floor:   ${JSON.stringify(f.statusTotals())}`);
    for (const [kind, byStatus] of m.outcomes)
      out.push(`    ${kind.padEnd(8)} ${JSON.stringify(Object.fromEntries(byStatus))}`);
    for (const [kind, codes] of m.codes) out.push(`    ${kind} errors: ${JSON.stringify(Object.fromEntries(codes))}`);
    for (const [kind, codes] of f.codes)
      out.push(`    floor ${kind} errors: ${JSON.stringify(Object.fromEntries(codes))}`);
    out.push('');
    if (seatCheck) {
      out.push(
        `  seat check: ${seatCheck.showtimesChecked} showtimes (${seatCheck.capacityEach} seats each), ${marquee.pool.soldOutCount} sold out; ` +
          `${seatCheck.soldOnMaps} seats sold on the maps, ${seatCheck.heldOnMaps} held; ${seatCheck.confirmedBookings} confirmed bookings × 2 = ${seatCheck.expectedSold}` +
          (seatCheck.uncertainPayments ? ` (+ up to ${seatCheck.uncertainPayments * 2} from unanswered payments)` : ''),
      );
      out.push(
        `              double sold in answers: ${seatCheck.doubleSoldInAnswers}; confirmed but not sold on the map: ${seatCheck.confirmedButNotSoldOnMap}; over capacity: ${seatCheck.overCapacity.length}` +
          (database
            ? `; database: ${database.duplicateActiveClaims} duplicate active claims, ${database.soldClaims} sold claims, ${database.confirmedBookings} confirmed bookings, quick_check ${database.quickCheck}`
            : ''),
      );
      out.push(
        `              → ${seatCheck.ok ? 'OK: no seat sold twice, every confirmed booking has its seats' : '!!! SEAT CHECK FAILED'}`,
      );
    }
    if (marquee.checkError) out.push(`  !!! ${marquee.checkError}`);
    if (marquee.run.ranOut)
      out.push(
        '  !!! Marquee ran out of showtimes before the end: rates are over the shorter window (raise --max-rate or --showtimes)',
      );
    if (serverTrouble) {
      out.push('');
      out.push('  !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!');
      out.push(
        `  !!! SERVER ERRORS: floor ${floorServerErrors} (5xx/transport), Marquee ${marqueeServerErrors} (5xx/transport)` +
          (floor.crashed ? `; floor crashed (${floor.crashed})` : '') +
          (marquee.crashed ? `; Marquee crashed (${marquee.crashed})` : ''),
      );
      out.push('  !!! see bench/floor-server.log and bench/marquee-server.log; last Marquee server lines:');
      for (const line of marquee.tail.slice(-15)) out.push(`  !!!   ${line}`);
      out.push('  !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!');
    }
    out.push('');
    out.push(`  written to bench/results.json${OPTS.keep ? `; data kept in ${work}` : ''}`);
    process.stdout.write(`${out.join('\n')}\n`);
    return serverTrouble || marquee.checkError !== null || (seatCheck !== null && !seatCheck.ok) ? 1 : 0;
  } finally {
    await stopAll();
    if (!OPTS.keep) rmSync(work, { recursive: true, force: true });
  }
}

// ---- lifecycle: children never outlive the bench ------------------------------------------------------------

let workDir: string | null = null;
function removeWorkDir(): void {
  if (workDir && !OPTS.keep) rmSync(workDir, { recursive: true, force: true });
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    process.stderr.write(`bench: ${signal}, stopping the servers\n`);
    void stopAll(3_000).finally(() => {
      removeWorkDir();
      process.exit(130);
    });
  });
}
process.on('exit', killAllNow);

// A hard ceiling on the whole run, whatever happens.
const ceilingMs = (2 * (OPTS.warmup + OPTS.seconds) + 240) * 1000 + 4 * OPTS.timeoutMs;
const ceiling = setTimeout(() => {
  process.stderr.write(`bench: still running after ${Math.round(ceilingMs / 1000)} s; stopping\n`);
  void stopAll(3_000).finally(() => {
    removeWorkDir();
    process.exit(1);
  });
}, ceilingMs);
ceiling.unref();

main()
  .then((code) => {
    clearTimeout(ceiling);
    process.exitCode = code;
  })
  .catch(async (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    await stopAll(3_000);
    removeWorkDir();
    process.exit(1);
  });
