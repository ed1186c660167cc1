/**
 * The booking pipeline without HTTP (a measurement, not a test):
 *   npx tsx tests/bench/pipeline-bench.ts [--cycles 2000] [--concurrency 16] [--sql]
 *
 * Runs seat map → hold 2 → book → pay (external) cycles straight through the dispatcher on a fresh
 * database, `--concurrency` at a time, and prints the CPU time per cycle and per step and the number of
 * SQL statements per cycle. It isolates the core's own cost from the HTTP stack and the load generator,
 * which makes it the quick loop for work on the pipeline's speed; `npm run bench` is the real measure.
 * `--sql` also times every SQL statement the pipeline runs and prints the most expensive ones.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import type { Actor } from '../../src/main/core/actor';
import { systemClock } from '../../src/main/core/clock';
import { createCore } from '../../src/main/core/core';
import type { InputOf, OperationName, OutputOf } from '../../src/shared/contract/index';

const { values } = parseArgs({
  options: { cycles: { type: 'string' }, concurrency: { type: 'string' }, sql: { type: 'boolean' } },
});
const CYCLES = Number(values.cycles ?? 2000);
const CONCURRENCY = Number(values.concurrency ?? 16);

/** Total time, calls and rows per SQL text, when --sql is given. */
const sqlTimes = new Map<string, { ms: number; calls: number }>();
let timingSql = false;

function timeEveryStatement(): void {
  const prototype = BetterSqlite3.prototype as { prepare: (this: BetterSqlite3.Database, source: string) => unknown };
  const prepare = prototype.prepare;
  prototype.prepare = function timedPrepare(this: BetterSqlite3.Database, source: string) {
    const statement = prepare.call(this, source) as BetterSqlite3.Statement;
    for (const method of ['run', 'all', 'get'] as const) {
      const original: (...args: unknown[]) => unknown = statement[method].bind(statement);
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        if (!timingSql) return original(...args);
        const t = performance.now();
        try {
          return original(...args);
        } finally {
          const entry = sqlTimes.get(source) ?? { ms: 0, calls: 0 };
          entry.ms += performance.now() - t;
          entry.calls += 1;
          sqlTimes.set(source, entry);
        }
      };
    }
    return statement;
  };
}
if (values.sql) timeEveryStatement();

function layout() {
  const rows = [];
  for (let r = 0; r < 20; r += 1) {
    rows.push({
      label: String.fromCharCode(65 + r),
      seats: Array.from({ length: 20 }, (_, i) => ({ number: i + 1, type: 'standard' as const })),
    });
  }
  return { rows };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'marquee-pipeline-'));
  const core = await createCore({ dataDir, clock: systemClock, sweepIntervalMs: 0 });
  await core.accounts.ensureInitialAdmin('pipeline-admin-password');
  const bootstrap: Actor = { kind: 'user', id: 0, username: 'system', role: 'admin', theaterIds: [], sessionId: 0 };
  const adminUser = (
    await core.dispatcher.call('users.list', { role: 'admin' }, { actor: bootstrap, transport: 'memory' })
  ).items[0]!;
  const admin: Actor = { ...bootstrap, id: adminUser.id, username: 'admin' };
  const call = <N extends OperationName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> =>
    core.dispatcher.call(name, input, { actor: admin, transport: 'memory' });

  const theater = await call('theaters.create', { name: 'Pipeline', timeZone: 'Europe/London', currency: 'GBP' });
  const movie = await call('movies.create', { title: 'Pipeline', durationMinutes: 90 });
  const showtimeCount = Math.ceil((CYCLES * 2) / 400) + CONCURRENCY + 2;
  const screens: number[] = [];
  for (let i = 0; i < Math.min(10, showtimeCount); i += 1) {
    screens.push((await call('screens.create', { theaterId: theater.id, name: `S${i}`, layout: layout() })).id);
  }
  const first = Date.now() + 86_400_000;
  const showtimes: number[] = [];
  for (let k = 0; k < showtimeCount; k += 1) {
    const startsAt = new Date(first + Math.floor(k / screens.length) * 3 * 3_600_000).toISOString();
    showtimes.push(
      (await call('showtimes.create', { movieId: movie.id, screenId: screens[k % screens.length]!, startsAt })).id,
    );
  }

  const steps = { seatmap: 0, hold: 0, book: 0, pay: 0 };
  let current = 0;
  let done = 0;
  async function worker(): Promise<void> {
    while (done < CYCLES) {
      done += 1;
      const index = current;
      const showtimeId = showtimes[index]!;
      let t = performance.now();
      await call('seatmap.get', { showtimeId });
      steps.seatmap += performance.now() - t;
      t = performance.now();
      let hold;
      try {
        hold = await call('holds.create', { showtimeId, quantity: 2 });
      } catch {
        current = Math.max(current, index + 1);
        done -= 1;
        continue;
      }
      steps.hold += performance.now() - t;
      t = performance.now();
      const booking = await call('bookings.create', {
        holdId: hold.id,
        tickets: hold.seatIds.map((seatId) => ({ seatId, ticketType: 'adult' })),
      });
      steps.book += performance.now() - t;
      t = performance.now();
      await call('payments.create', {
        bookingId: booking.id,
        method: 'external',
        amount: booking.total,
        reference: `p-${done}`,
      });
      steps.pay += performance.now() - t;
    }
  }
  timingSql = true;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const out = {
    cycles: CYCLES,
    wallMs: Math.round(wall),
    cyclesPerSecond: Math.round((CYCLES / wall) * 1000),
    cpuMsPerCycle: +(cpuMs / CYCLES).toFixed(3),
    latencyMsPerStep: Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, +(v / CYCLES).toFixed(2)])),
  };
  process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
  if (values.sql) printSqlTimes();
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
}

function printSqlTimes(): void {
  const rows = [...sqlTimes].sort((a, b) => b[1].ms - a[1].ms);
  const total = rows.reduce((sum, [, t]) => sum + t.ms, 0);
  const calls = rows.reduce((sum, [, t]) => sum + t.calls, 0);
  process.stdout.write(
    `\nSQL: ${(total / CYCLES).toFixed(3)} ms and ${(calls / CYCLES).toFixed(1)} statements per cycle; the most expensive:\n`,
  );
  for (const [source, t] of rows.slice(0, Number(process.env.SQL_TOP ?? 25))) {
    const perCycle = (t.ms / CYCLES).toFixed(3).padStart(7);
    const each = ((t.ms / t.calls) * 1000).toFixed(0).padStart(5);
    process.stdout.write(
      `${perCycle} ms/cycle ${each} µs each ×${(t.calls / CYCLES).toFixed(2)}  ${source.slice(0, 150)}\n`,
    );
  }
}

void main();
