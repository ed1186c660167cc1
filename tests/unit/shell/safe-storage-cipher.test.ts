/**
 * The desktop's encryption of stored credentials (Stripe keys) through Electron's safeStorage, with a fake
 * secret store; and the data folder's key file used headless and as the fallback.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { safeStorageCipher } from '../../../src/main/app/safe-storage-cipher';
import type { SecretBox } from '../../../src/main/app/terminal';
import { dataFolderCipher, SECRET_KEY_FILE } from '../../../src/main/settings/index';

/** A secret store that "encrypts" by XOR with a per-machine byte, so another machine's box cannot open it. */
function fakeBox(machine = 0x5a, available = true): SecretBox & { available: boolean; calls: string[] } {
  const xor = (bytes: Buffer) => Buffer.from(bytes.map((byte) => byte ^ machine));
  const box = {
    available,
    calls: [] as string[],
    isEncryptionAvailable: () => box.available,
    encryptString(plain: string) {
      box.calls.push('encrypt');
      return Buffer.concat([Buffer.from('FAKE'), xor(Buffer.from(plain, 'utf8'))]);
    },
    decryptString(sealed: Buffer) {
      box.calls.push('decrypt');
      if (sealed.subarray(0, 4).toString() !== 'FAKE') throw new Error('not ours');
      return xor(sealed.subarray(4)).toString('utf8');
    },
  };
  return box;
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'marquee-cipher-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const KEY = 'sk_test_51AbCdEfGh4242';

describe('safeStorageCipher', () => {
  it('seals with the OS secret store when it works; the plain text is nowhere in the sealed value', () => {
    const box = fakeBox();
    const cipher = safeStorageCipher(box, dataFolderCipher(tempDir()));
    expect(cipher.storage).toBe('os-secret-store');
    const sealed = cipher.encrypt('stripe.secretKey', KEY);
    expect(sealed.startsWith('os.')).toBe(true);
    expect(sealed).not.toContain(KEY);
    expect(Buffer.from(sealed.slice(3), 'base64').toString('latin1')).not.toContain(KEY);
    expect(cipher.decrypt('stripe.secretKey', sealed)).toBe(KEY);
    expect(box.calls).toEqual(['encrypt', 'decrypt']);
  });

  it('a value sealed for one name does not open as another', () => {
    const cipher = safeStorageCipher(fakeBox(), dataFolderCipher(tempDir()));
    const sealed = cipher.encrypt('stripe.secretKey', KEY);
    expect(() => cipher.decrypt('stripe.webhookSecret', sealed)).toThrow();
  });

  it("another machine's secret store cannot open it", () => {
    const sealed = safeStorageCipher(fakeBox(0x5a), dataFolderCipher(tempDir())).encrypt('stripe.secretKey', KEY);
    expect(() =>
      safeStorageCipher(fakeBox(0x33), dataFolderCipher(tempDir())).decrypt('stripe.secretKey', sealed),
    ).toThrow();
  });

  it('without a secret store it falls back to the data folder key, and says so', () => {
    const dir = tempDir();
    const box = fakeBox(0x5a, false);
    const cipher = safeStorageCipher(box, dataFolderCipher(dir));
    expect(cipher.storage).toBe('data-folder-key');
    const sealed = cipher.encrypt('stripe.secretKey', KEY);
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(cipher.decrypt('stripe.secretKey', sealed)).toBe(KEY);
    expect(box.calls).toEqual([]);
    // Sealed by the OS earlier, the store now gone: it cannot be opened (the page asks for the key again).
    box.available = true;
    const osSealed = cipher.encrypt('stripe.secretKey', KEY);
    box.available = false;
    expect(() => cipher.decrypt('stripe.secretKey', osSealed)).toThrow(/not available/);
  });

  it('a store that throws when asked counts as unavailable', () => {
    const box = fakeBox();
    box.isEncryptionAvailable = () => {
      throw new Error('no keyring');
    };
    expect(safeStorageCipher(box, dataFolderCipher(tempDir())).storage).toBe('data-folder-key');
  });
});

describe('dataFolderCipher', () => {
  it('creates a 0600 key file once and keeps using it', () => {
    const dir = tempDir();
    const first = dataFolderCipher(dir);
    const sealed = first.encrypt('stripe.webhookSecret', 'whsec_abcdefgh');
    const file = join(dir, SECRET_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const key = readFileSync(file, 'utf8');
    expect(dataFolderCipher(dir).decrypt('stripe.webhookSecret', sealed)).toBe('whsec_abcdefgh');
    expect(readFileSync(file, 'utf8')).toBe(key);
  });

  it('two encryptions differ (random IV); tampering, another name or another folder fail', () => {
    const dir = tempDir();
    const cipher = dataFolderCipher(dir);
    const a = cipher.encrypt('stripe.secretKey', KEY);
    expect(cipher.encrypt('stripe.secretKey', KEY)).not.toBe(a);
    expect(a).not.toContain(KEY);
    const raw = Buffer.from(a.slice(3), 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(() => cipher.decrypt('stripe.secretKey', `v1.${raw.toString('base64')}`)).toThrow();
    expect(() => cipher.decrypt('stripe.webhookSecret', a)).toThrow();
    expect(() => dataFolderCipher(tempDir()).decrypt('stripe.secretKey', a)).toThrow();
  });
});
