/**
 * How credentials an admin enters (Stripe keys) are encrypted at rest. Two implementations of one port:
 *
 * - headless (and wherever no OS secret store works): AES-256-GCM with a key derived (HKDF-SHA256) from
 *   `secrets.key`, 32 random bytes written once in the data folder with mode 0600. The database (and its
 *   backups) hold only ciphertext; the key file stays on this machine, so a copied database alone reveals
 *   nothing, and a database restored elsewhere needs the keys entered again.
 * - desktop: the operating system's secret store through Electron's safeStorage (src/main/app/
 *   safe-storage-cipher.ts), falling back to the above when no secret store is available.
 *
 * Each value is bound to its name (GCM's additional data; a prefix inside safeStorage's plaintext), so a
 * ciphertext copied onto another row does not decrypt.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { join } from 'node:path';

export interface SecretCipher {
  /** What the settings page tells the admin about where the encryption key lives. */
  readonly storage: 'os-secret-store' | 'data-folder-key';
  encrypt(name: string, plainText: string): string;
  /** Throws when the value cannot be decrypted (another machine's key, damaged). */
  decrypt(name: string, sealed: string): string;
}

export const SECRET_KEY_FILE = 'secrets.key';
const PREFIX = 'v1.';

function readOrCreateKeyFile(dataDir: string): Buffer {
  const file = join(dataDir, SECRET_KEY_FILE);
  if (!existsSync(file)) {
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length < 32) throw new Error(`${file} is damaged: it must hold 32 random bytes in base64`);
  return key;
}

/** AES-256-GCM under a key derived from the data folder's `secrets.key` (created on first use, 0600). */
export function dataFolderCipher(dataDir: string): SecretCipher {
  let key: Buffer | null = null;
  const derived = (): Buffer => {
    key ??= Buffer.from(hkdfSync('sha256', readOrCreateKeyFile(dataDir), 'marquee', 'marquee secrets v1', 32));
    return key;
  };
  return {
    storage: 'data-folder-key',
    encrypt(name, plainText) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', derived(), iv);
      cipher.setAAD(Buffer.from(name, 'utf8'));
      const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    decrypt(name, sealed) {
      if (!sealed.startsWith(PREFIX)) throw new Error('not sealed with the data folder key');
      const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', derived(), raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(name, 'utf8'));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
