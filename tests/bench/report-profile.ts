/**
 * Profiles the reports on a kept benchmark database (a diagnosis aid, not a test):
 *   npx tsx tests/bench/report-profile.ts DIR [report ...]
 * DIR is a `--data` folder of the report benchmark. Runs each report (sales-day, sales-week, sales-year,
 * dashboard, distributor-week, distributor-year, zday) twice through the dispatcher and prints, for the
 * second run, every SQL statement with its time and query plan, slowest first.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Actor } from '../../src/main/core/actor';
import { ManualClock } from '../../src/main/core/clock';
import { createCore } from '../../src/main/core/core';
import type { InputOf, OperationName } from '../../src/shared/contract/index';
import { zonedEpoch } from '../../src/shared/domain/time';

const [dir, ...wanted] = process.argv.slice(2);
if (!dir) throw new Error('usage: tsx tests/bench/report-profile.ts DIR [report ...]');
const dataDir = resolve(dir);
const meta = JSON.parse(readFileSync(join(dataDir, 'bench-data.json'), 'utf8')) as {
  theaterId: number;
  films: number[];
};
const admin: Actor = { kind: 'user', id: 1, username: 'admin', role: 'admin', theaterIds: [], sessionId: 0 };

async function main() {
  const clock = new ManualClock(zonedEpoch('2026-12-18', '16:30', 'Europe/London'));
  const core = await createCore({ dataDir, clock, sweepIntervalMs: 0, scrypt: { log2N: 10, r: 8, p: 1 } });
  const sqlite = core.database.sqlite;
  // Time every statement the app prepares (the Kysely driver prepares through this handle).
  const statements: { sql: string; ms: number; params: unknown[] }[] = [];
  let recording = false;
  const prepare = sqlite.prepare.bind(sqlite);
  (sqlite as unknown as { prepare: (source: string) => unknown }).prepare = (source: string) => {
    const statement = prepare(source);
    for (const method of ['all', 'get', 'run', 'iterate'] as const) {
      const original = (statement[method] as (...args: unknown[]) => unknown).bind(statement);
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        const t0 = performance.now();
        const out = original(...args);
        if (recording) statements.push({ sql: source, ms: performance.now() - t0, params: args });
        return out;
      };
    }
    return statement;
  };
  const t = meta.theaterId;
  const call = <N extends OperationName>(name: N, input: InputOf<N>) =>
    core.dispatcher.call(name, input, { actor: admin, transport: 'memory' });
  const reports: Record<string, () => Promise<unknown>> = {
    'sales-day': () => call('reports.sales', { theaterId: t, from: '2026-12-12', to: '2026-12-12' }),
    'sales-week': () => call('reports.sales', { theaterId: t, from: '2026-12-06', to: '2026-12-12' }),
    'sales-year': () => call('reports.sales', { theaterId: t, from: '2026-01-01', to: '2026-12-31' }),
    dashboard: () => call('reports.dashboard', { theaterId: t }),
    'distributor-week': () =>
      call('reports.distributor', { theaterId: t, movieId: meta.films[2]!, from: '2026-12-06', to: '2026-12-12' }),
    'distributor-year': () =>
      call('reports.distributor', { theaterId: t, movieId: meta.films[2]!, from: '2026-01-01', to: '2026-12-31' }),
    zday: () => call('reports.zDay', { theaterId: t, date: '2026-12-12' }),
  };
  for (const name of wanted.length > 0 ? wanted : Object.keys(reports)) {
    await reports[name]!();
    statements.length = 0;
    recording = true;
    const t0 = performance.now();
    await reports[name]!();
    const total = performance.now() - t0;
    recording = false;
    const sqlMs = statements.reduce((sum, s) => sum + s.ms, 0);
    console.log(
      `\n=== ${name}: ${total.toFixed(1)} ms (${statements.length} statements, ${sqlMs.toFixed(1)} ms in SQL)`,
    );
    for (const s of [...statements].sort((a, b) => b.ms - a.ms).slice(0, 6)) {
      const plan = (prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...s.params) as { detail: string }[])
        .map((row) => row.detail)
        .join(' | ');
      console.log(
        `  ${s.ms.toFixed(1).padStart(8)} ms  ${s.sql.replace(/\s+/g, ' ').slice(0, 220)}\n             plan: ${plan}`,
      );
    }
  }
  await core.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
