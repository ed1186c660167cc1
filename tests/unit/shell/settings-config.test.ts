import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseShellArgs } from '../../../src/main/app/args';
import { DEFAULT_HOST, DEFAULT_PORT, localOrigin, pageUrl, resolveShellConfig } from '../../../src/main/app/config';
import { loadSettings, parseSettings, saveSettings, SETTINGS_FILE } from '../../../src/main/app/settings';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'marquee-shell-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('settings', () => {
  it("reads this machine's ticket printer, and ignores a broken one with a warning", () => {
    expect(parseSettings({ printer: { deviceName: 'EPSON TM-T88VI', format: 'thermal80' } })).toEqual({
      settings: { printer: { deviceName: 'EPSON TM-T88VI', format: 'thermal80' } },
      warnings: [],
    });
    const broken = parseSettings({ printer: { format: 'A3' } });
    expect(broken.settings.printer).toEqual({ format: 'thermal80' });
    expect(broken.warnings).toHaveLength(1);
  });

  it('keeps valid fields and drops each invalid one with a warning', () => {
    const { settings, warnings } = parseSettings({
      mode: 'kiosk',
      port: 'seven',
      host: '0.0.0.0',
      serverUrl: 'http://boxoffice:7450',
      customerDisplay: 'yes',
      demoOnFirstRun: true,
      somethingNew: 1,
    });
    expect(settings).toEqual({
      mode: 'kiosk',
      host: '0.0.0.0',
      serverUrl: 'http://boxoffice:7450',
      demoOnFirstRun: true,
    });
    expect(warnings).toHaveLength(2);
  });

  it('treats a non-object as defaults', () => {
    expect(parseSettings([1, 2]).settings).toEqual({});
    expect(parseSettings(null).warnings).toHaveLength(1);
  });

  it('reports a first run, a damaged file, and round-trips a saved one', () => {
    const dir = tempDir();
    expect(loadSettings(dir)).toEqual({ settings: {}, existed: false, warnings: [] });

    writeFileSync(join(dir, SETTINGS_FILE), '{ not json');
    const damaged = loadSettings(dir);
    expect(damaged.existed).toBe(true);
    expect(damaged.settings).toEqual({});
    expect(damaged.warnings).toHaveLength(1);

    saveSettings(dir, { mode: 'admin', port: 8080, demoOnFirstRun: false });
    expect(JSON.parse(readFileSync(join(dir, SETTINGS_FILE), 'utf8'))).toEqual({
      mode: 'admin',
      port: 8080,
      demoOnFirstRun: false,
    });
    expect(loadSettings(dir)).toEqual({
      settings: { mode: 'admin', port: 8080, demoOnFirstRun: false },
      existed: true,
      warnings: [],
    });
  });
});

describe('resolveShellConfig', () => {
  it('defaults to the counter on the LAN at 7450', () => {
    expect(resolveShellConfig(parseShellArgs([]), {})).toEqual({
      mode: 'counter',
      host: DEFAULT_HOST,
      port: DEFAULT_PORT,
      serverUrl: null,
      customerDisplay: true,
      demo: false,
    });
    expect(DEFAULT_HOST).toBe('0.0.0.0');
    expect(DEFAULT_PORT).toBe(7450);
  });

  it('lets flags win over settings, and settings over defaults', () => {
    const config = resolveShellConfig(parseShellArgs(['--mode=kiosk', '--port=0']), {
      mode: 'admin',
      port: 9000,
      host: '192.168.1.10',
      customerDisplay: false,
    });
    expect(config).toMatchObject({ mode: 'kiosk', port: 0, host: '192.168.1.10', customerDisplay: false });
  });
});

describe('localOrigin / pageUrl', () => {
  it('reaches a server bound to every interface through the loopback address', () => {
    expect(localOrigin('http://0.0.0.0:7450')).toBe('http://127.0.0.1:7450');
    expect(localOrigin('http://[::]:7450')).toBe('http://127.0.0.1:7450');
    expect(localOrigin('http://127.0.0.1:51234')).toBe('http://127.0.0.1:51234');
    expect(localOrigin('http://192.168.1.10:7450')).toBe('http://192.168.1.10:7450');
  });

  it('builds the page of a mode and the customer display view', () => {
    expect(pageUrl('http://127.0.0.1:7450', 'kiosk')).toBe('http://127.0.0.1:7450/kiosk');
    expect(pageUrl('http://127.0.0.1:7450', 'counter', 'customer-display')).toBe(
      'http://127.0.0.1:7450/counter?view=customer-display',
    );
  });
});
