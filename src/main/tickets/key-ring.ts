/**
 * The installation's ticket signing keys, read from the database once and after every rotation. Exactly
 * one key signs (retired_at NULL); a retired key verifies the codes it signed until `valid_until`.
 */
import type { Db } from '../db/index';
import { importPrivateKey, importPublicKey, type SigningKey, type VerifyingKey } from './ticket-code';
import * as q from './tickets.queries';

interface LoadedKey extends VerifyingKey {
  publicKeyText: string;
  retiredAt: number | null;
  validUntil: number | null;
  privateKey: SigningKey['privateKey'];
}

export class KeyRing {
  private keys: LoadedKey[] = [];

  async load(db: Db): Promise<void> {
    const rows = await q.allKeys(db);
    this.keys = rows.map((row) => ({
      id: row.id,
      publicKey: importPublicKey(row.public_key),
      publicKeyText: row.public_key,
      privateKey: importPrivateKey(row.private_key),
      retiredAt: row.retired_at,
      validUntil: row.valid_until,
    }));
  }

  get signing(): SigningKey | null {
    const key = this.keys.find((k) => k.retiredAt === null);
    return key ? { id: key.id, privateKey: key.privateKey } : null;
  }

  /** Keys that verify codes at `now`. */
  verifying(now: number): Map<number, VerifyingKey> {
    return new Map(
      this.keys
        .filter((k) => k.retiredAt === null || (k.validUntil !== null && now <= k.validUntil))
        .map((k) => [k.id, { id: k.id, publicKey: k.publicKey }]),
    );
  }

  published(now: number) {
    return this.keys
      .filter((k) => k.retiredAt === null || (k.validUntil !== null && now <= k.validUntil))
      .map((k) => ({
        keyId: k.id,
        publicKey: k.publicKeyText,
        active: k.retiredAt === null,
        validUntil: k.validUntil,
      }));
  }
}
