/**
 * The Electron main process's entry (out/main/index.js, package.json "main"). Everything happens in the
 * shell; the headless entry for a server without a desktop is src/main/serve.ts.
 */
import { app } from 'electron';
import { runShell } from './app/index';

runShell().catch((error: unknown) => {
  console.error('marquee: the desktop app failed to start', error);
  app.exit(1);
});
