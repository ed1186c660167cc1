/**
 * The desktop's `SecretCipher`: credentials an admin enters (Stripe keys) are encrypted with the operating
 * system's secret store through Electron's safeStorage (DPAPI on Windows, Keychain on macOS, libsecret on
 * Linux), as the kiosk's device credential is. Where no secret store works (a Linux box without a keyring)
 * it falls back to the data folder's key file, and says so on the settings page (`storage`). A value is
 * bound to its name: the name is sealed with it and checked on the way out.
 *
 * Electron is reached only through the `SecretBox` port, so this is unit-tested with a fake.
 */
import type { SecretCipher } from '../settings/index';
import type { SecretBox } from './terminal';

const PREFIX = 'os.';

export function safeStorageCipher(box: SecretBox, fallback: SecretCipher): SecretCipher {
  const available = (): boolean => {
    try {
      return box.isEncryptionAvailable();
    } catch {
      return false;
    }
  };
  return {
    get storage() {
      return available() ? 'os-secret-store' : fallback.storage;
    },
    encrypt(name, plainText) {
      if (!available()) return fallback.encrypt(name, plainText);
      return PREFIX + box.encryptString(`${name}\n${plainText}`).toString('base64');
    },
    decrypt(name, sealed) {
      if (!sealed.startsWith(PREFIX)) return fallback.decrypt(name, sealed);
      if (!available()) throw new Error('the operating system secret store is not available');
      const opened = box.decryptString(Buffer.from(sealed.slice(PREFIX.length), 'base64'));
      const newline = opened.indexOf('\n');
      if (newline < 0 || opened.slice(0, newline) !== name) throw new Error(`not a sealed ${name}`);
      return opened.slice(newline + 1);
    },
  };
}
