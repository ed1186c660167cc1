/**
 * What the desktop app does to a new database before opening a window, as `npm run serve` does: the
 * `admin` user (password from MARQUEE_ADMIN_PASSWORD, else generated, shown once and kept in
 * `initial-admin-password.txt`, mode 0600), and, when asked, the demo cinema, whose staff accounts get the
 * same password. `--demo` always asks the demo loader (a no-op on a database with data); otherwise a new
 * database gets the demo when the saved first-run choice says so, and the shell asks the user when there
 * is no saved choice yet.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ShellSettings } from './settings';

export const ADMIN_PASSWORD_FILE = 'initial-admin-password.txt';

/** The part of the core first-run needs (the real Core satisfies it). */
export interface FirstRunCore {
  readonly dataDir: string;
  readonly accounts: {
    ensureInitialAdmin(
      passwordFromEnv: string | undefined,
    ): Promise<{ created: boolean; generatedPassword: string | null }>;
  };
}

export interface AdminBootstrap {
  /** True when the database had no user: this is a new installation. */
  fresh: boolean;
  /** The generated password, to show once; null when it came from the environment or nothing was created. */
  generatedPassword: string | null;
  /** Where the generated password was written. */
  passwordFile: string | null;
  /** The admin's password when known here (environment or generated): the demo staff accounts get it too. */
  password: string | undefined;
}

/** Writes a secret for the operator to read once: owner-only permissions (ignored on Windows). */
export function writeSecretFile(file: string, secret: string): void {
  writeFileSync(file, `${secret}\n`, { encoding: 'utf8', mode: 0o600 });
  chmodSync(file, 0o600); // `mode` applies only when the file is created
}

export async function bootstrapAdmin(core: FirstRunCore, env: NodeJS.ProcessEnv): Promise<AdminBootstrap> {
  const fromEnv = env.MARQUEE_ADMIN_PASSWORD || undefined;
  const { created, generatedPassword } = await core.accounts.ensureInitialAdmin(fromEnv);
  if (generatedPassword === null)
    return { fresh: created, generatedPassword: null, passwordFile: null, password: fromEnv };
  const passwordFile = join(core.dataDir, ADMIN_PASSWORD_FILE);
  writeSecretFile(passwordFile, generatedPassword);
  return { fresh: created, generatedPassword, passwordFile, password: generatedPassword };
}

export type DemoDecision = 'load' | 'ask' | 'skip';

export function demoDecision(input: { demoFlag: boolean; fresh: boolean; settings: ShellSettings }): DemoDecision {
  if (input.demoFlag) return 'load';
  if (!input.fresh) return 'skip';
  if (input.settings.demoOnFirstRun === true) return 'load';
  if (input.settings.demoOnFirstRun === false) return 'skip';
  return 'ask';
}
