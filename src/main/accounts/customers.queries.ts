/** SQL of customer accounts: profile fields, deletion, password-reset tokens, the member-code key. */
import { sql, type Selectable } from 'kysely';
import type { Db, PasswordResetsTable } from '../db/index';

/** True when another live customer account (not `exceptUserId`) uses the e-mail, case-insensitively. */
export async function customerEmailTaken(db: Db, email: string, exceptUserId: number | null): Promise<boolean> {
  let query = db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'customer')
    .where('deleted_at', 'is', null)
    .where(sql<boolean>`email = ${email} COLLATE NOCASE`);
  if (exceptUserId !== null) query = query.where('id', '!=', exceptUserId);
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}

/** Live, enabled customer accounts with this e-mail (normally one; older data may hold a few). */
export function customersByEmail(db: Db, email: string, limit: number) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'name', 'pin_hash'])
    .where('role', '=', 'customer')
    .where('deleted_at', 'is', null)
    .where('disabled', '=', 0)
    .where(sql<boolean>`email = ${email} COLLATE NOCASE`)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Blanks a deleted customer's personal data; the row stays so that bookings keep their reference. */
export async function anonymiseUser(db: Db, userId: number, at: number): Promise<void> {
  await db
    .updateTable('users')
    .set({
      username: `~deleted-${userId}`,
      password_hash: '!',
      name: null,
      email: null,
      phone: null,
      pin_hash: null,
      disabled: 1,
      deleted_at: at,
      updated_at: at,
    })
    .where('id', '=', userId)
    .execute();
}

const MEMBER_CODE_KEY = 'accounts.member_code_key';

export async function memberCodeKey(db: Db): Promise<string | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', MEMBER_CODE_KEY).executeTakeFirst();
  return row?.value ?? null;
}

/** Stores the candidate key unless one exists already; answers the key in force. */
export async function ensureMemberCodeKey(db: Db, candidate: string): Promise<string> {
  await db
    .insertInto('settings')
    .values({ key: MEMBER_CODE_KEY, value: candidate })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return (await memberCodeKey(db))!;
}

const resetColumns = ['id', 'user_id', 'selector', 'verifier_hash', 'expires_at', 'used_at', 'revoked_at'] as const;
export type ResetRow = Pick<Selectable<PasswordResetsTable>, (typeof resetColumns)[number]>;

export function findReset(db: Db, selector: string): Promise<ResetRow | undefined> {
  return db.selectFrom('password_resets').select(resetColumns).where('selector', '=', selector).executeTakeFirst();
}

export async function insertReset(
  db: Db,
  values: { userId: number; selector: string; verifierHash: string; createdBy: string; at: number; expiresAt: number },
): Promise<void> {
  await db
    .insertInto('password_resets')
    .values({
      user_id: values.userId,
      selector: values.selector,
      verifier_hash: values.verifierHash,
      created_by: values.createdBy,
      created_at: values.at,
      expires_at: values.expiresAt,
    })
    .execute();
}

/** Marks the token used if it is still open; false when someone else used it first (or it ran out). */
export async function useReset(db: Db, id: number, at: number): Promise<boolean> {
  const result = await db
    .updateTable('password_resets')
    .set({ used_at: at })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ends every still-open reset token of the user. */
export async function revokeResetsOf(db: Db, userId: number, at: number): Promise<void> {
  await db
    .updateTable('password_resets')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
}
