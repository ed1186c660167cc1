import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD_FILE, bootstrapAdmin, demoDecision, type FirstRunCore } from '../../../src/main/app/first-run';
import { CrashTracker, MAX_DELAY_MS, needsReload } from '../../../src/main/app/crash-policy';
import { pickCustomerDisplay } from '../../../src/main/app/displays';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function fakeCore(result: {
  created: boolean;
  generatedPassword: string | null;
}): FirstRunCore & { calls: (string | undefined)[] } {
  const dataDir = mkdtempSync(join(tmpdir(), 'marquee-first-run-'));
  dirs.push(dataDir);
  const calls: (string | undefined)[] = [];
  return {
    dataDir,
    calls,
    accounts: {
      ensureInitialAdmin: (password) => {
        calls.push(password);
        return Promise.resolve(result);
      },
    },
  };
}

describe('bootstrapAdmin', () => {
  it('writes a generated password to an owner-only file and hands it to the demo', async () => {
    const core = fakeCore({ created: true, generatedPassword: 'generated-secret' });
    const result = await bootstrapAdmin(core, {});
    expect(core.calls).toEqual([undefined]);
    const file = join(core.dataDir, ADMIN_PASSWORD_FILE);
    expect(result).toEqual({
      fresh: true,
      generatedPassword: 'generated-secret',
      passwordFile: file,
      password: 'generated-secret',
    });
    expect(readFileSync(file, 'utf8')).toBe('generated-secret\n');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('uses MARQUEE_ADMIN_PASSWORD and writes nothing', async () => {
    const core = fakeCore({ created: true, generatedPassword: null });
    const result = await bootstrapAdmin(core, { MARQUEE_ADMIN_PASSWORD: 'from-the-environment' });
    expect(core.calls).toEqual(['from-the-environment']);
    expect(result).toEqual({
      fresh: true,
      generatedPassword: null,
      passwordFile: null,
      password: 'from-the-environment',
    });
  });

  it('reports an existing database as not fresh', async () => {
    const result = await bootstrapAdmin(fakeCore({ created: false, generatedPassword: null }), {});
    expect(result.fresh).toBe(false);
  });
});

describe('demoDecision', () => {
  it('loads on --demo whatever the database (the loader skips a database with data)', () => {
    expect(demoDecision({ demoFlag: true, fresh: false, settings: { demoOnFirstRun: false } })).toBe('load');
  });

  it('never touches an existing database without --demo', () => {
    expect(demoDecision({ demoFlag: false, fresh: false, settings: { demoOnFirstRun: true } })).toBe('skip');
  });

  it('follows the saved first-run choice, and asks when there is none', () => {
    expect(demoDecision({ demoFlag: false, fresh: true, settings: { demoOnFirstRun: true } })).toBe('load');
    expect(demoDecision({ demoFlag: false, fresh: true, settings: { demoOnFirstRun: false } })).toBe('skip');
    expect(demoDecision({ demoFlag: false, fresh: true, settings: {} })).toBe('ask');
  });
});

describe('CrashTracker', () => {
  it('backs off on repeated crashes, caps the delay and forgets old crashes', () => {
    const tracker = new CrashTracker();
    expect(tracker.record(0)).toBe(1_000);
    expect(tracker.record(1_000)).toBe(2_000);
    expect(tracker.record(2_000)).toBe(4_000);
    let delay = 0;
    for (let i = 0; i < 20; i += 1) delay = tracker.record(3_000 + i);
    expect(delay).toBe(MAX_DELAY_MS);
    expect(tracker.record(10 * 60_000)).toBe(1_000);
  });

  it('reloads after every way a renderer dies except a clean exit', () => {
    expect(needsReload('crashed')).toBe(true);
    expect(needsReload('oom')).toBe(true);
    expect(needsReload('killed')).toBe(true);
    expect(needsReload('clean-exit')).toBe(false);
  });
});

describe('pickCustomerDisplay', () => {
  const bounds = { x: 0, y: 0, width: 1, height: 1 };
  it('picks the first screen that is not the primary', () => {
    expect(
      pickCustomerDisplay(
        [
          { id: 1, bounds },
          { id: 7, bounds },
        ],
        1,
      )?.id,
    ).toBe(7);
    expect(
      pickCustomerDisplay(
        [
          { id: 7, bounds },
          { id: 1, bounds },
        ],
        1,
      )?.id,
    ).toBe(7);
  });
  it('answers null with one screen', () => {
    expect(pickCustomerDisplay([{ id: 1, bounds }], 1)).toBeNull();
  });
});
