/**
 * Prints one closing line that CI reads: "playwright: N passed, N failed, N skipped". Playwright's own
 * summary is spread over several lines with timings. The counts also go to
 * test-results/playwright-summary.json for the combined `npm test` line.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export default class SummaryReporter implements Reporter {
  private readonly tests = new Map<string, TestCase>();

  onTestEnd(test: TestCase, _result: TestResult): void {
    // Counted once per test at the end, so a test that passed on retry counts as passed (flaky).
    this.tests.set(test.id, test);
  }

  onEnd(_result: FullResult): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const test of this.tests.values()) {
      const value = test.outcome();
      if (value === 'expected' || value === 'flaky') passed += 1;
      else if (value === 'skipped') skipped += 1;
      else failed += 1;
    }
    // The same counts for the combined `npm test` summary (scripts/test.mjs).
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/playwright-summary.json', JSON.stringify({ passed, failed, skipped }));
    process.stdout.write(`\nplaywright: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
