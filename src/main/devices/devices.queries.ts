/** SQL of the devices module: paired kiosks and door scanners. */
import type { Selectable } from 'kysely';
import type { Db, DevicesTable } from '../db/index';

export type DeviceRow = Selectable<DevicesTable>;

export async function insertDevice(
  db: Db,
  values: Omit<DeviceRow, 'id' | 'token_hash' | 'paired_at' | 'last_seen_at' | 'revoked_at'>,
): Promise<number> {
  const row = await db.insertInto('devices').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export function findDevice(db: Db, id: number): Promise<DeviceRow | undefined> {
  return db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findByPairingCode(db: Db, codeHash: string, now: number): Promise<DeviceRow | undefined> {
  return db
    .selectFrom('devices')
    .selectAll()
    .where('pairing_code_hash', '=', codeHash)
    .where('pairing_expires_at', '>', now)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export function findByToken(db: Db, tokenHash: string): Promise<DeviceRow | undefined> {
  return db
    .selectFrom('devices')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function setPairingCode(db: Db, id: number, codeHash: string, expiresAt: number): Promise<void> {
  await db
    .updateTable('devices')
    .set({ pairing_code_hash: codeHash, pairing_expires_at: expiresAt })
    .where('id', '=', id)
    .execute();
}

/** Uses the one-time code: only one caller can ever see `true` for it. */
export async function completePairing(db: Db, id: number, codeHash: string, tokenHash: string, at: number) {
  const result = await db
    .updateTable('devices')
    .set({ token_hash: tokenHash, pairing_code_hash: null, pairing_expires_at: null, paired_at: at })
    .where('id', '=', id)
    .where('pairing_code_hash', '=', codeHash)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function touch(db: Db, id: number, at: number): Promise<void> {
  await db.updateTable('devices').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function revoke(db: Db, id: number, at: number): Promise<void> {
  await db
    .updateTable('devices')
    .set({ revoked_at: at, pairing_code_hash: null, pairing_expires_at: null })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

export function listDevices(db: Db, afterId: number, limit: number): Promise<DeviceRow[]> {
  return db.selectFrom('devices').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

/** Device names by id (the audit log names its actors by them). */
export function deviceNamesOf(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('devices').select(['id', 'name']).where('id', 'in', ids).execute();
}
