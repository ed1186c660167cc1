// `npm start [-- --mode=kiosk --data-dir DIR --port N --demo ...]`: the desktop app when the Electron runtime
// is installed (build with electron-vite, build better-sqlite3 for Electron once, then launch Electron on the
// build), otherwise the same user interface served headless by `scripts/serve.mjs`, with one line saying so
// and the page to open.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

/** The Electron binary the `electron` package installed, or null when its download never happened. */
function electronBinary() {
  const dir = join(root, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relativePath = readFileSync(pathFile, 'utf8').trim();
  if (!relativePath) return null;
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(dir, 'dist');
  const binary = join(distDir, relativePath);
  return existsSync(binary) ? binary : null;
}

/** Runs a child to its end, passing our SIGINT/SIGTERM on, and exits with its status. */
function runToEnd(child) {
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  process.on('SIGINT', () => forward('SIGINT'));
  process.on('SIGTERM', () => forward('SIGTERM'));
  child.on('error', (error) => {
    process.stderr.write(`marquee: could not start ${child.spawnfile}: ${error.message}\n`);
    process.exit(1);
  });
  child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** The value of `--name=value` or `--name value` among the args (last one wins), or null. */
function flagValue(name) {
  let value = null;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg.startsWith(`--${name}=`)) value = arg.slice(name.length + 3);
    else if (arg === `--${name}` && i + 1 < args.length && !args[i + 1].startsWith('--')) value = args[i + 1];
  }
  return value;
}

/** The args the headless server understands: the desktop-only flags are dropped. */
function serveArgs() {
  const desktopOnly = new Set(['mode', 'server-url', 'customer-display', 'no-customer-display']);
  const withValue = new Set(['mode', 'server-url']);
  const kept = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    const name = arg.startsWith('--') ? arg.slice(2).split('=')[0] : null;
    if (name === null || !desktopOnly.has(name)) {
      kept.push(arg);
      continue;
    }
    if (withValue.has(name) && !arg.includes('=') && i + 1 < args.length && !args[i + 1].startsWith('--')) i += 1;
  }
  return kept;
}

const binary = electronBinary();

if (binary) {
  const electronVite = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const build = spawnSync(process.execPath, [electronVite, 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  // better-sqlite3 for Electron's ABI, next to the build (node_modules keeps the Node build); cached.
  const native = spawnSync(process.execPath, [join(root, 'scripts', 'electron-native.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (native.status !== 0) process.exit(native.status ?? 1);
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would make Electron behave as plain Node
  runToEnd(spawn(binary, [root, ...args], { cwd: root, stdio: 'inherit', env }));
} else {
  process.stderr.write(
    'marquee: the Electron desktop runtime is not installed here, so the same user interface is served headless instead (open the URL below in a browser).\n',
  );
  const mode = flagValue('mode');
  const page = mode === 'counter' || mode === 'kiosk' || mode === 'admin' ? `/${mode}` : '/';
  const child = spawn(process.execPath, [join(root, 'scripts', 'serve.mjs'), ...serveArgs()], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let announced = false;
  createInterface({ input: child.stdout }).on('line', (line) => {
    process.stdout.write(`${line}\n`);
    const match = /listening on (https?:\/\/\S+)/.exec(line);
    if (match && !announced) {
      announced = true;
      const url = new URL(match[1]);
      if (url.hostname === '0.0.0.0' || url.hostname === '[::]') url.hostname = '127.0.0.1';
      process.stdout.write(`marquee: open ${url.origin}${page}\n`);
    }
  });
  runToEnd(child);
}
