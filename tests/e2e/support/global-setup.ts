/**
 * Builds the renderer, then starts the real headless server with the demo cinema on a free port and a
 * fresh data folder. The workers read its URL from the environment; the returned function stops it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { FullConfig } from '@playwright/test';
import { startFakeStripe, type FakeStripe } from '../../support/fake-stripe';
import { BASE_URL_ENV, E2E_PASSWORD, E2E_STRIPE_KEY, STRIPE_URL_ENV } from './env';

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

function buildRenderer(root: string): void {
  if (process.env['MARQUEE_E2E_SKIP_BUILD'] === '1') return;
  // Always build: it takes about a second and a stale bundle would test yesterday's renderer.
  const result = spawnSync('npm', ['run', 'build:web', '--silent'], { cwd: root, encoding: 'utf8', env: process.env });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    throw new Error('npm run build:web failed');
  }
}

function waitForListening(child: ChildProcess, logPath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(
      () => fail(new Error(`the server did not print "listening on" within ${START_TIMEOUT_MS} ms`)),
      START_TIMEOUT_MS,
    );
    function fail(error: Error) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message} (server log: ${logPath})`));
    }
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const match = /listening on (http:\/\/\S+)/.exec(buffer);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code, signal) => fail(new Error(`the server exited early (code ${code}, signal ${signal})`)));
    child.once('error', (error) => fail(error));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Card payments in the browser tests: the fake Stripe API, a test key and a webhook secret. */
const STRIPE_KEY = E2E_STRIPE_KEY;
const STRIPE_WEBHOOK_SECRET = 'whsec_e2e';

/** Registers the demo theater's simulated (training) card reader, as a manager would in settings. */
async function registerTrainingReader(url: string): Promise<void> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: E2E_PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  const theaters = (await (await fetch(`${url}/api/v1/theaters`)).json()) as { items: { id: number }[] };
  const theater = theaters.items[0];
  if (!theater) throw new Error('the demo cinema has no theater');
  const reader = await fetch(`${url}/api/v1/readers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ registrationCode: 'simulated-wpe', label: 'Counter 1 (training)', theaterId: theater.id }),
  });
  if (reader.status !== 201) throw new Error(`registering the training reader failed: ${reader.status}`);
}

export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  // A server someone already runs (e.g. `npm run serve -- --demo` while working on the UI): use it as is.
  // It must serve a current build and have the demo users with E2E_PASSWORD.
  if (process.env[BASE_URL_ENV]) return async () => {};

  const root = config.configFile ? dirname(config.configFile) : process.cwd();
  buildRenderer(root);

  const dataDir = mkdtempSync(join(tmpdir(), 'marquee-e2e-'));
  mkdirSync(join(root, 'test-results'), { recursive: true });
  const logPath = join(root, 'test-results', 'server.log');
  const log = createWriteStream(logPath);

  const stripe: FakeStripe = await startFakeStripe();
  process.env[STRIPE_URL_ENV] = stripe.url;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/main/serve.ts', '--data-dir', dataDir, '--port', '0', '--host', '127.0.0.1', '--demo'],
    {
      cwd: root,
      env: {
        ...process.env,
        MARQUEE_ADMIN_PASSWORD: E2E_PASSWORD,
        MARQUEE_SCRYPT_LOG2N: '12',
        MARQUEE_DEV_CHECKS: '1',
        STRIPE_SECRET_KEY: STRIPE_KEY,
        STRIPE_WEBHOOK_SECRET,
        STRIPE_API_BASE: stripe.url,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });

  const url = await waitForListening(child, logPath);
  process.env[BASE_URL_ENV] = url;
  await registerTrainingReader(url);

  return async () => {
    await stop(child);
    await stripe.stop();
    log.end();
    if (!process.env.MARQUEE_E2E_KEEP) rmSync(dataDir, { recursive: true, force: true });
  };
}
