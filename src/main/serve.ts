/**
 * Headless Marquee: the same core and HTTP server as the desktop app, without Electron.
 *   npm run serve -- --data-dir DIR [--host 127.0.0.1] [--port 7450] [--demo]
 * Prints "listening on http://HOST:PORT" once it accepts requests; SIGTERM/SIGINT stop it cleanly.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore, type Core, type CoreOptions } from './core/core';
import { appRoot, defaultDataDir } from './core/paths';
import { loadDemoCinema } from './demo/index';
import { startServer, type RunningServer } from './http/index';
import { OWASP_SCRYPT, type ScryptParams } from './accounts/index';
import { stripeEnvironment } from './stripe/index';

function usage(message: string): never {
  process.stderr.write(
    `${message}\nusage: npm run serve -- [--data-dir DIR] [--host 127.0.0.1] [--port 7450] [--demo]\n`,
  );
  process.exit(2);
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return 7450;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`--port must be 0..65535, not ${value}`);
  return port;
}

/** Password hashing cost. MARQUEE_SCRYPT_LOG2N lowers it for test runs only; never set it in production. */
function scryptFromEnv(): ScryptParams {
  const raw = process.env.MARQUEE_SCRYPT_LOG2N;
  if (!raw) return OWASP_SCRYPT;
  const log2N = Number(raw);
  if (!Number.isInteger(log2N) || log2N < 10 || log2N > 20) usage('MARQUEE_SCRYPT_LOG2N must be 10..20');
  return { ...OWASP_SCRYPT, log2N };
}

/**
 * Stripe when headless: STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, STRIPE_API_BASE and STRIPE_LOCATION. Keys
 * set here win over keys an admin stored in Admin → Settings (encrypted with the data folder's secrets.key).
 */
function stripeFromEnv(): CoreOptions['stripe'] {
  let environment;
  try {
    environment = stripeEnvironment();
  } catch (error) {
    usage(error instanceof Error ? error.message : String(error));
  }
  const poll = process.env.MARQUEE_CARD_POLL_MS;
  return { environment, ...(poll && { pollIntervalMs: Number(poll) }) };
}

/**
 * MARQUEE_DEV_CHECKS=1 (the browser tests' server) turns on the development checks the unit and HTTP tests
 * run with: the guard against queries on the shared handle inside a transaction, and the seat ledger's
 * comparison of every answer with SQL. They cost CPU; never set it in production.
 */
function devChecksFromEnv(): Pick<CoreOptions, 'transactionGuard' | 'seating'> {
  const raw = process.env.MARQUEE_DEV_CHECKS;
  if (!raw || raw === '0') return {};
  if (raw !== '1') usage('MARQUEE_DEV_CHECKS must be 0 or 1');
  return { transactionGuard: true, seating: { verifyLedger: true } };
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        'data-dir': { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string' },
        demo: { type: 'boolean', default: false },
      },
      allowPositionals: false,
    }).values;
  } catch (error) {
    usage(error instanceof Error ? error.message : String(error));
  }
  const dataDir = resolve(args['data-dir'] ?? defaultDataDir());
  const port = parsePort(args.port);

  const core: Core = await createCore({
    dataDir,
    scrypt: scryptFromEnv(),
    stripe: stripeFromEnv(),
    ...devChecksFromEnv(),
  });
  if (!core.payments.card?.configured)
    process.stdout.write('card payments: not configured (set STRIPE_SECRET_KEY, or the key in Admin → Settings)\n');
  const envPassword = process.env.MARQUEE_ADMIN_PASSWORD || undefined;
  const admin = await core.accounts.ensureInitialAdmin(envPassword);
  if (admin.generatedPassword) {
    const file = join(dataDir, 'initial-admin-password.txt');
    writeFileSync(file, `${admin.generatedPassword}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    process.stdout.write(`initial admin password (shown once, also in ${file}): ${admin.generatedPassword}\n`);
  }
  if (args.demo) {
    const password = envPassword ?? admin.generatedPassword;
    const result = await loadDemoCinema(core, { password: password ?? undefined });
    if (result.loaded) process.stdout.write('demo cinema loaded\n');
  }

  const server: RunningServer = await startServer(core, {
    host: args.host,
    port,
    rendererDir: process.env.MARQUEE_RENDERER_DIR ?? join(appRoot(), 'out', 'renderer'),
  });
  process.stdout.write(`marquee ${core.version} listening on ${server.url} (data in ${dataDir})\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`marquee: ${signal}, finishing requests and closing the database\n`);
    void server
      .close()
      .then(() => core.close())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        process.stderr.write(`marquee: shutdown failed: ${String(error)}\n`);
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`marquee: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
