// Fetches Electron's runtime after `npm install`, without letting a failed download fail the install.
// Electron's own install script is denied in package.json ("allowScripts"), because on a machine that
// cannot reach Electron's download host it makes the whole `npm install` roll back. Here we run the same
// script ourselves: users with a network get the runtime, everyone else gets one clear warning and a
// working headless install (`npm run serve`, `npm test`).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function electronInstallScript() {
  try {
    return join(dirname(require.resolve('electron/package.json')), 'install.js');
  } catch {
    return null; // production install without devDependencies
  }
}

const script = electronInstallScript();
if (script && existsSync(script)) {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    console.warn('marquee: ELECTRON_SKIP_BINARY_DOWNLOAD is set; the desktop runtime was not fetched.');
  } else {
    const result = spawnSync(process.execPath, [script], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000 });
    if (result.status !== 0) {
      console.warn(
        'marquee: could not download the Electron runtime; `npm start` will serve the UI headless instead (see README).',
      );
    }
  }
}
