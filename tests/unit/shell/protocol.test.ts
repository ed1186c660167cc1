import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isValidTopic, modeFromArgv, transportFromArgv, windowArguments } from '../../../src/preload/protocol';

describe('window arguments', () => {
  it('round-trip the mode and transport through argv', () => {
    const argv = ['/opt/Marquee/marquee', '--type=renderer', ...windowArguments('admin', 'ipc')];
    expect(modeFromArgv(argv)).toBe('admin');
    expect(transportFromArgv(argv)).toBe('ipc');
    expect(transportFromArgv(windowArguments('kiosk', 'http'))).toBe('http');
  });

  it('fall back to the kiosk, the mode that can do least', () => {
    expect(modeFromArgv([])).toBe('kiosk');
    expect(modeFromArgv(['--marquee-mode=root'])).toBe('kiosk');
    expect(transportFromArgv([])).toBe('ipc');
  });
});

describe('isValidTopic', () => {
  it('accepts short dotted lower-case names only', () => {
    expect(isValidTopic('showtime.42.seats')).toBe(true);
    expect(isValidTopic('shift')).toBe(true);
    for (const bad of [
      '',
      '*',
      'showtime.*',
      'Showtime',
      '.x',
      'x.',
      'a..b',
      'a b',
      '__proto__x'.toUpperCase(),
      'x'.repeat(101),
      42,
      null,
    ]) {
      expect(isValidTopic(bad)).toBe(false);
    }
  });
});

/**
 * STYLE: only the shell and the IPC transport import electron at run time. Files that merely need its
 * types use `import type`, which vanishes at build time (so these tests run without the runtime).
 */
describe('layer boundary', () => {
  const root = join(__dirname, '..', '..', '..');
  const RUNTIME_ELECTRON_ALLOWED = new Set([
    'src/main/index.ts',
    'src/main/app/shell.ts',
    'src/main/app/security.ts',
    'src/main/app/windows.ts',
    'src/main/app/print-window.ts',
    'src/main/app/terminal-ipc.ts',
    'src/main/ipc/ipc-transport.ts',
    'src/preload/index.ts',
  ]);

  function sources(dir: string): string[] {
    return readdirSync(dir).flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return sources(path);
      return /\.tsx?$/.test(entry) ? [path] : [];
    });
  }

  it('keeps electron out of everything else in src/', () => {
    const offenders = sources(join(root, 'src'))
      .map((file) => relative(root, file).split(sep).join('/'))
      .filter((file) => !RUNTIME_ELECTRON_ALLOWED.has(file))
      .filter((file) => {
        // Comments may talk about electron; only code counts.
        const text = readFileSync(join(root, file), 'utf8')
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/^\s*\/\/.*$/gm, '');
        const runtimeImport = /^\s*import\s+(?!type\s)[^;]*?from\s+['"]electron(\/[^'"]*)?['"]/m.test(text);
        const require = /require\(\s*['"]electron['"]\s*\)/.test(text);
        return runtimeImport || require;
      });
    expect(offenders).toEqual([]);
  });
});
