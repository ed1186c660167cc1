/**
 * Seat-map benchmark (a measurement, not a test):  npx tsx tests/bench/seat-map-bench.ts [--runs 15]
 *
 * Builds the seat map alone (src/renderer/components/seat-map/bench/) with Vite, opens it in Debian
 * Chromium and measures, on the largest demo screen and on a synthetic 600-seat house:
 *   - render: a fresh mount of the whole map: React's commit, and until the next frame was produced;
 *   - click:  a real mouse click on a free seat until the next frame after the update.
 * Each with a third of the seats sold or held, as on a busy night. Prints medians and p95 (and the load
 * average: on a busy machine the frame times grow) and exits non-zero when the commit or click median
 * misses one frame (16.7 ms).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import react from '@vitejs/plugin-react';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { DEMO_SCREENS } from '../../src/main/demo/demo-screens';
import type { Layout } from '../../src/shared/contract/index';
import type { SeatMapData } from '../../src/renderer/components/seat-map/seat-map-model';

const ROOT = resolve(import.meta.dirname, '..', '..');
const FRAME_MS = 1000 / 60;
const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const RUNS = Math.max(3, Math.min(100, Number(values.runs) || 15));

/** A seat map as `seatmap.get` answers it, from a layout; every third seat sold or held. */
function mapOf(layout: Layout): SeatMapData {
  let id = 0;
  const seats: SeatMapData['seats'][number][] = [];
  layout.rows.forEach((row, rowIndex) => {
    row.seats.forEach((cell, column) => {
      if (!cell) return;
      id += 1;
      const status = cell.blocked ? 'blocked' : id % 3 === 0 ? 'sold' : id % 11 === 0 ? 'held' : 'available';
      seats.push({
        id,
        label: `${row.label}${cell.number}`,
        row: row.label,
        number: cell.number,
        type: cell.type,
        status,
        rowIndex,
        column,
      });
    });
  });
  return { rows: layout.rows.map((row, index) => ({ label: row.label, index, length: row.seats.length })), seats };
}

/** 24 rows of 25 seats in three blocks with two aisles: 600 seats. */
function sixHundred(): Layout {
  const letters = 'ABCDEFGHJKLMNOPQRSTUVWXY';
  return {
    rows: [...letters].map((label) => {
      const seats: Layout['rows'][number]['seats'] = [];
      let number = 0;
      for (let position = 0; position < 27; position += 1) {
        if (position === 6 || position === 20) seats.push(null);
        else seats.push({ number: (number += 1), type: 'standard' });
      }
      return { label, seats };
    }),
  };
}

function stats(samples: number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { median: at(0.5), p95: at(0.95) };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

async function main(): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), 'marquee-seat-bench-'));
  try {
    await build({
      configFile: false,
      logLevel: 'warn',
      root: join(ROOT, 'src/renderer/components/seat-map/bench'),
      base: '/',
      plugins: [react()],
      build: { outDir, emptyOutDir: true, target: 'es2022', assetsInlineLimit: 0 },
    });
    const browser = await chromium.launch({
      executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    const grand = DEMO_SCREENS.reduce((a, b) => (countSeats(b.layout) > countSeats(a.layout) ? b : a));
    const cases = [
      { name: `${grand.name} (largest demo screen)`, data: mapOf(grand.layout) },
      { name: 'Synthetic 600-seat house', data: mapOf(sixHundred()) },
    ];
    process.stdout.write(
      `load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')} on ${cpus().length} cores\n`,
    );
    let slow = false;
    for (const benchCase of cases) {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      await page.route('http://bench.local/**', async (route) => {
        const path = new URL(route.request().url()).pathname;
        const file = join(outDir, path === '/' ? 'index.html' : path);
        if (!existsSync(file)) return route.fulfill({ status: 404 });
        return route.fulfill({
          body: readFileSync(file),
          contentType: TYPES[extname(file)] ?? 'application/octet-stream',
        });
      });
      await page.addInitScript((data) => {
        (globalThis as unknown as { __seatMapBench: unknown }).__seatMapBench = {
          data,
          renders: [],
          clicks: [],
          commits: [],
        };
      }, benchCase.data);
      await page.goto('http://bench.local/');
      type Bench = { __seatMapBench: { render: () => Promise<number>; renders: number[]; clicks: number[] } };
      for (let run = 0; run < RUNS; run += 1) {
        await page.evaluate(() => (globalThis as unknown as Bench).__seatMapBench.render());
      }
      const free = page.locator('.seat[data-view="available"]');
      const count = await free.count();
      for (let run = 0; run < RUNS; run += 1) {
        const box = await free.nth((run * 7) % Math.max(1, count - 1)).boundingBox();
        if (!box) continue;
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        await page.waitForFunction((n) => (globalThis as unknown as Bench).__seatMapBench.clicks.length >= n, run + 1);
      }
      const result = await page.evaluate(() => {
        const bench = (globalThis as unknown as Bench).__seatMapBench;
        return {
          renders: bench.renders,
          clicks: bench.clicks,
          commits: (bench as unknown as { commits: number[] }).commits,
        };
      });
      const seats = benchCase.data.seats.length;
      const render = stats(result.renders.slice(1)); // the first includes parsing and font loading
      const click = stats(result.clicks);
      const commit = stats(result.commits.slice(1));
      slow ||= commit.median > FRAME_MS || click.median > FRAME_MS;
      process.stdout.write(
        `${benchCase.name}, ${seats} seats, ${RUNS} runs: React commit median ${commit.median.toFixed(1)} ms (p95 ${commit.p95.toFixed(1)}), ` +
          `render to next frame median ${render.median.toFixed(1)} ms (p95 ${render.p95.toFixed(1)}), ` +
          `click-to-update median ${click.median.toFixed(1)} ms (p95 ${click.p95.toFixed(1)})\n`,
      );
      await page.close();
    }
    await browser.close();
    if (slow) {
      process.stdout.write(`a median is above one frame (${FRAME_MS.toFixed(1)} ms)\n`);
      process.exitCode = 1;
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

function countSeats(layout: Layout): number {
  return layout.rows.reduce((sum, row) => sum + row.seats.filter(Boolean).length, 0);
}

await main();
