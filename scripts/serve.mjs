// `npm run serve`: builds the user interface when its build is missing or older than its sources, then
// runs the headless server from the TypeScript sources (tsx compiles on load) in this same process, so
// SIGTERM/SIGINT reach it directly.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const builtIndex = join(root, 'out', 'renderer', 'index.html');
const sources = [join(root, 'src', 'renderer'), join(root, 'src', 'shared')].filter(existsSync);
const stale = !existsSync(builtIndex) || sources.some((dir) => newestMtime(dir) > statSync(builtIndex).mtimeMs);
if (stale && existsSync(join(root, 'src', 'renderer', 'index.html'))) {
  process.stderr.write('marquee: building the user interface...\n');
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--config', join(root, 'vite.web.config.ts'), '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const { register } = await import('tsx/esm/api');
register();
await import('../src/main/serve.ts');
