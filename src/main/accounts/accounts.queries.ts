/** SQL of the accounts module: users, their theaters, sessions and API keys. */
import { sql, type Selectable } from 'kysely';
import type { Db, ApiKeysTable, UsersTable } from '../db/index';

const userColumns = [
  'id',
  'username',
  'password_hash',
  'role',
  'name',
  'email',
  'phone',
  'pin_hash',
  'disabled',
  'deleted_at',
  'created_at',
] as const;

/** A row as the queries below select it. */
export type UserRow = Pick<Selectable<UsersTable>, (typeof userColumns)[number]>;

export function findUserByName(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(userColumns).where('username', '=', username).executeTakeFirst();
}

export function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
}

export function listUsers(
  db: Db,
  options: { afterId: number; limit: number; roles?: readonly string[]; search?: string },
): Promise<UserRow[]> {
  let query = db.selectFrom('users').select(userColumns).where('id', '>', options.afterId);
  if (options.roles) query = query.where('role', 'in', options.roles);
  const search = options.search;
  if (search) {
    // LIKE with the user's text as a literal: escape the wildcards it may contain.
    const pattern = `%${search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`${eb.ref('username')} LIKE ${pattern} ESCAPE '\\'`,
        sql<boolean>`${eb.ref('name')} LIKE ${pattern} ESCAPE '\\'`,
        sql<boolean>`${eb.ref('email')} LIKE ${pattern} ESCAPE '\\'`,
      ]),
    );
  }
  return query.orderBy('id').limit(options.limit).execute();
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertUser(
  db: Db,
  values: {
    username: string;
    passwordHash: string;
    role: string;
    name: string | null;
    email: string | null;
    phone?: string | null;
    at: number;
  },
): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({
      username: values.username,
      password_hash: values.passwordHash,
      role: values.role,
      name: values.name,
      email: values.email,
      phone: values.phone ?? null,
      created_at: values.at,
      updated_at: values.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUser(
  db: Db,
  id: number,
  changes: Partial<{
    role: string;
    name: string | null;
    email: string | null;
    phone: string | null;
    pin_hash: string | null;
    password_hash: string;
    disabled: number;
  }>,
  at: number,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ ...changes, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function theaterIdsOf(db: Db, userIds: number[]): Promise<Map<number, number[]>> {
  const result = new Map<number, number[]>();
  if (userIds.length === 0) return result;
  const rows = await db
    .selectFrom('user_theaters')
    .select(['user_id', 'theater_id'])
    .where('user_id', 'in', userIds)
    .orderBy('theater_id')
    .execute();
  for (const row of rows) {
    const list = result.get(row.user_id) ?? [];
    list.push(row.theater_id);
    result.set(row.user_id, list);
  }
  return result;
}

export async function setTheaters(db: Db, userId: number, theaterIds: number[]): Promise<void> {
  await db.deleteFrom('user_theaters').where('user_id', '=', userId).execute();
  if (theaterIds.length > 0) {
    await db
      .insertInto('user_theaters')
      .values(theaterIds.map((theaterId) => ({ user_id: userId, theater_id: theaterId })))
      .execute();
  }
}

export async function existingTheaterIds(db: Db, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('theaters').select('id').where('id', 'in', ids).execute();
  return rows.map((row) => row.id);
}

export async function insertSession(
  db: Db,
  values: { userId: number; tokenHash: string; at: number; expiresAt: number },
): Promise<number> {
  const row = await db
    .insertInto('sessions')
    .values({
      user_id: values.userId,
      token_hash: values.tokenHash,
      created_at: values.at,
      expires_at: values.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function findSession(db: Db, tokenHash: string, now: number) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as sessionId',
      'sessions.expires_at as expiresAt',
      'users.id as userId',
      'users.username',
      'users.role',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', now)
    .where('users.disabled', '=', 0)
    .executeTakeFirst();
}

export async function revokeSession(db: Db, sessionId: number, at: number): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeSessionsOf(db: Db, userId: number, at: number): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Ends every session of the user but one (the one changing the password keeps working). */
export async function revokeSessionsOfExcept(db: Db, userId: number, keepSessionId: number, at: number): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('id', '!=', keepSessionId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function deleteExpiredSessions(db: Db, now: number): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}

const apiKeyColumns = ['id', 'name', 'role', 'prefix', 'created_at', 'last_used_at', 'revoked_at'] as const;

/** A row as the queries below select it. */
export type ApiKeyRow = Pick<Selectable<ApiKeysTable>, (typeof apiKeyColumns)[number]>;

export async function insertApiKey(
  db: Db,
  values: { name: string; role: string; keyHash: string; prefix: string; createdBy: number | null; at: number },
): Promise<ApiKeyRow> {
  return db
    .insertInto('api_keys')
    .values({
      name: values.name,
      role: values.role,
      key_hash: values.keyHash,
      prefix: values.prefix,
      created_by: values.createdBy,
      created_at: values.at,
    })
    .returning(apiKeyColumns)
    .executeTakeFirstOrThrow();
}

export function findApiKey(db: Db, keyHash: string) {
  return db
    .selectFrom('api_keys')
    .select(apiKeyColumns)
    .where('key_hash', '=', keyHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export function listApiKeys(db: Db, options: { afterId: number; limit: number }): Promise<ApiKeyRow[]> {
  return db
    .selectFrom('api_keys')
    .select(apiKeyColumns)
    .where('id', '>', options.afterId)
    .orderBy('id')
    .limit(options.limit)
    .execute();
}

export async function revokeApiKey(db: Db, id: number, at: number): Promise<boolean> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function apiKeyExists(db: Db, id: number): Promise<boolean> {
  return (await db.selectFrom('api_keys').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export async function touchApiKey(db: Db, id: number, at: number): Promise<void> {
  await db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
}

/** Names to show for users (their name, or their username when they gave none). */
export function displayNamesOf(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'username', 'name']).where('id', 'in', ids).execute();
}

/** Usernames by id (the audit log names its actors by them). */
export function usernamesOf(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'username']).where('id', 'in', ids).execute();
}

export function apiKeyNamesOf(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('api_keys').select(['id', 'name']).where('id', 'in', ids).execute();
}
