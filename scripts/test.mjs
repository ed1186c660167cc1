// `npm test`: everything that must pass, in order: type-check, lint, unit + HTTP tests (vitest), the
// short crash test, browser tests (Playwright in Chromium). Stops at the first failing step; closes
// with one line "N passed, N failed, N skipped" that counts the test cases of every step.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

const steps = [
  { name: 'type-check', cmd: 'npm', args: ['run', '--silent', 'typecheck'] },
  { name: 'lint', cmd: 'npm', args: ['run', '--silent', 'lint'] },
  { name: 'unit + http', cmd: bin('vitest'), args: ['run'], summary: 'test-results/vitest-summary.json' },
  ...(existsSync(join(root, 'tests', 'crash'))
    ? [
        {
          name: 'crash',
          cmd: 'npm',
          args: ['run', '--silent', 'test:crash', '--', '--short'],
          summary: 'test-results/crash-summary.json',
        },
      ]
    : []),
  ...(existsSync(join(root, 'playwright.config.ts'))
    ? [{ name: 'browser', cmd: bin('playwright'), args: ['test'], summary: 'test-results/playwright-summary.json' }]
    : []),
];

const totals = { passed: 0, failed: 0, skipped: 0 };
let failedStep = null;
for (const step of steps) {
  if (step.summary) rmSync(join(root, step.summary), { force: true });
  process.stdout.write(`\n=== ${step.name} ===\n`);
  const started = Date.now();
  const result = spawnSync(step.cmd, step.args, { cwd: root, stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (step.summary && existsSync(join(root, step.summary))) {
    const counts = JSON.parse(readFileSync(join(root, step.summary), 'utf8'));
    totals.passed += counts.passed ?? 0;
    totals.failed += counts.failed ?? 0;
    totals.skipped += counts.skipped ?? 0;
  }
  if (result.status !== 0) {
    failedStep = step.name;
    process.stdout.write(`=== ${step.name} FAILED after ${seconds}s ===\n`);
    if (totals.failed === 0) totals.failed = 1; // a failing type-check or lint counts as a failure too
    break;
  }
  process.stdout.write(`=== ${step.name} ok in ${seconds}s ===\n`);
}

process.stdout.write(`\n${failedStep ? `npm test failed at: ${failedStep}\n` : ''}`);
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(failedStep ? 1 : 0);
