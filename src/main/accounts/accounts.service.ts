/**
 * Accounts: users and roles, sessions, API keys, login throttling.
 * Secrets are never stored: passwords as scrypt hashes, session tokens and API keys as SHA-256 of 256
 * random bits (a fast hash is right for high-entropy tokens). Disabling a user or changing their role
 * revokes their sessions.
 */
import { createHash, randomBytes } from 'node:crypto';
import { DomainError } from '../../shared/contract/errors';
import type { OutputOf, ParsedInputOf } from '../../shared/contract/index';
import { STAFF_ROLES, type ApiKeyRole, type Role, type UserRole } from '../../shared/domain/roles';
import { toOffsetIso } from '../../shared/domain/time';
import { recordAudit } from '../audit/index';
import type { Actor } from '../core/actor';
import type { Clock } from '../core/clock';
import type { CallContext } from '../core/context';
import { decodeCursor, pageOf } from '../core/cursor';
import { isUniqueViolation, writeTransaction, type Db } from '../db/index';
import * as q from './accounts.queries';
import { customerEmailTaken } from './customers.queries';
import { PasswordHasher, type ScryptParams } from './password';
import { Throttle } from './throttle';

type UserOut = OutputOf<'users.get'>;
type ApiKeyOut = OutputOf<'apiKeys.list'>['items'][number];

export interface AccountsOptions {
  /** scrypt cost; OWASP's by default. Tests lower it to stay fast. */
  scrypt?: ScryptParams;
  staffSessionMs?: number;
  deviceSessionMs?: number;
}

const HOUR = 3_600_000;
const SESSION_PREFIX = 'mqs_';
const API_KEY_PREFIX = 'mqk_';
const AUTH_CACHE_MS = 10_000;
/** Roles that may have a staff sign-in PIN. */
const PIN_ROLES: readonly string[] = ['cashier', 'manager'];

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function newSecret(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

function iso(epochMs: number): string {
  return toOffsetIso(epochMs, 'UTC');
}

/** Paired devices authenticate through the devices module (tokens with their own prefix). */
export interface DeviceAuthenticator {
  readonly prefix: string;
  authenticate(tokenHash: string, now: number): Promise<{ actor: Actor; expiresAt: number } | null>;
}

export class AccountsService {
  /** Shared with the customer-account use cases of this module (one queue for scrypt's memory). */
  readonly hasher: PasswordHasher;
  devices: DeviceAuthenticator | null = null;
  private readonly accountThrottle: Throttle;
  private readonly addressThrottle: Throttle;
  private readonly pinAccountThrottle: Throttle;
  private readonly pinAddressThrottle: Throttle;
  private readonly staffSessionMs: number;
  private readonly deviceSessionMs: number;
  private readonly authCache = new Map<string, { actor: Actor; until: number; expiresAt: number }>();
  /** A real hash to verify against when the username is unknown, so timing does not reveal which names exist. */
  private decoyHash: Promise<string> | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    options: AccountsOptions = {},
  ) {
    this.hasher = new PasswordHasher(options.scrypt);
    this.accountThrottle = new Throttle(clock, { failures: 5, windowMs: 15 * 60_000, lockMs: 60_000 });
    this.addressThrottle = new Throttle(clock, { failures: 30, windowMs: 15 * 60_000, lockMs: 5 * 60_000 });
    // A PIN has 10^4..10^8 values, a password far more: five wrong PINs in a day lock the account's PIN
    // sign-in for a day (its password still works, and signing in with it or a new PIN from an admin
    // lifts the lock), so a guesser gets at most five tries per day at one account. An address gets ten
    // wrong PINs per 15 minutes across all accounts, then waits 15 minutes.
    this.pinAccountThrottle = new Throttle(clock, { failures: 5, windowMs: 24 * HOUR, lockMs: 24 * HOUR });
    this.pinAddressThrottle = new Throttle(clock, { failures: 10, windowMs: 15 * 60_000, lockMs: 15 * 60_000 });
    this.staffSessionMs = options.staffSessionMs ?? 12 * HOUR;
    this.deviceSessionMs = options.deviceSessionMs ?? 30 * 24 * HOUR;
  }

  // ---- authentication ---------------------------------------------------------------------------

  async login(input: ParsedInputOf<'auth.login'>, ctx: CallContext): Promise<OutputOf<'auth.login'>> {
    const accountKey = `user:${input.username.toLowerCase()}`;
    const addressKey = `addr:${ctx.address ?? 'local'}`;
    const wait = Math.max(this.accountThrottle.retryAfter(accountKey), this.addressThrottle.retryAfter(addressKey));
    if (wait > 0) {
      throw new DomainError('too_many_attempts', undefined, { retryAfterSeconds: Math.ceil(wait / 1000) });
    }
    const row = await q.findUserByName(this.db, input.username);
    const ok = row
      ? await this.hasher.verify(input.password, row.password_hash)
      : await this.hasher.verify(input.password, await this.decoy()).then(() => false);
    if (!row || !ok || row.disabled) {
      this.accountThrottle.fail(accountKey);
      this.addressThrottle.fail(addressKey);
      throw new DomainError('invalid_credentials');
    }
    this.accountThrottle.succeed(accountKey);
    this.pinAccountThrottle.succeed(accountKey);
    return this.startSession(row);
  }

  /**
   * Username and PIN at the counter: only cashiers and managers with a PIN an admin set (a customer's
   * kiosk PIN, an admin or a device never signs in this way). Every refusal looks the same, hashing
   * runs either way, and failures count against the account and the address (see the throttles).
   */
  async pinLogin(input: ParsedInputOf<'auth.pinLogin'>, ctx: CallContext): Promise<OutputOf<'auth.pinLogin'>> {
    const accountKey = `user:${input.username.toLowerCase()}`;
    const addressKey = `addr:${ctx.address ?? 'local'}`;
    const wait = Math.max(
      this.pinAccountThrottle.retryAfter(accountKey),
      this.pinAddressThrottle.retryAfter(addressKey),
    );
    if (wait > 0) {
      throw new DomainError('too_many_attempts', 'Too many wrong PINs: sign in with your password instead.', {
        retryAfterSeconds: Math.ceil(wait / 1000),
      });
    }
    const row = await q.findUserByName(this.db, input.username);
    const eligible = row !== undefined && row.pin_hash !== null && PIN_ROLES.includes(row.role) && !row.disabled;
    const ok = eligible
      ? await this.hasher.verify(input.pin, row.pin_hash as string)
      : await this.hasher.verify(input.pin, await this.decoy()).then(() => false);
    if (!row || !eligible || !ok) {
      this.pinAccountThrottle.fail(accountKey);
      this.pinAddressThrottle.fail(addressKey);
      throw new DomainError('invalid_credentials', 'Wrong username or PIN.');
    }
    this.pinAccountThrottle.succeed(accountKey);
    return this.startSession(row);
  }

  private async startSession(row: q.UserRow): Promise<OutputOf<'auth.login'>> {
    const now = this.clock.now();
    const device = row.role === 'kiosk' || row.role === 'scanner';
    const expiresAt = now + (device ? this.deviceSessionMs : this.staffSessionMs);
    const token = newSecret(SESSION_PREFIX);
    await writeTransaction(this.db, async (trx) => {
      await q.insertSession(trx, { userId: row.id, tokenHash: sha256(token), at: now, expiresAt });
      await q.deleteExpiredSessions(trx, now - 24 * HOUR);
    });
    return {
      token,
      expiresAt: iso(expiresAt),
      user: { id: row.id, username: row.username, role: row.role as UserRole },
    };
  }

  /**
   * Turns a bearer token (session or API key) into an actor, or null when it is unknown, expired or
   * revoked. Every request asks, so answers are kept for a few seconds; anything that ends or changes a
   * credential here (logout, revoking a key, editing or disabling a user) empties the cache at once.
   */
  async authenticate(token: string): Promise<Actor | null> {
    if (token.length > 200) return null;
    const now = this.clock.now();
    const hash = sha256(token);
    const cached = this.authCache.get(hash);
    if (cached && cached.until > now && cached.expiresAt > now) return cached.actor;
    const found = await this.lookUp(token, hash, now);
    if (!found) return null;
    if (this.authCache.size > 10_000) this.authCache.clear();
    this.authCache.set(hash, { actor: found.actor, until: now + AUTH_CACHE_MS, expiresAt: found.expiresAt });
    return found.actor;
  }

  private async lookUp(token: string, hash: string, now: number): Promise<{ actor: Actor; expiresAt: number } | null> {
    if (token.startsWith(SESSION_PREFIX)) {
      const session = await q.findSession(this.db, hash, now);
      if (!session) return null;
      const theaters = await q.theaterIdsOf(this.db, [session.userId]);
      const actor: Actor = {
        kind: 'user',
        id: session.userId,
        username: session.username,
        role: session.role as Role,
        theaterIds: theaters.get(session.userId) ?? [],
        sessionId: session.sessionId,
      };
      return { actor, expiresAt: session.expiresAt };
    }
    if (this.devices && token.startsWith(this.devices.prefix)) return this.devices.authenticate(hash, now);
    if (token.startsWith(API_KEY_PREFIX)) {
      const key = await q.findApiKey(this.db, hash);
      if (!key) return null;
      // Last-used is informational: record it at most once a minute per key to keep reads cheap.
      if (key.last_used_at === null || key.last_used_at < now - 60_000) await q.touchApiKey(this.db, key.id, now);
      return {
        actor: { kind: 'apiKey', id: key.id, name: key.name, role: key.role as Role, theaterIds: [] },
        expiresAt: Infinity,
      };
    }
    return null;
  }

  async logout(ctx: CallContext): Promise<void> {
    if (ctx.actor.kind === 'user') await q.revokeSession(this.db, ctx.actor.sessionId, this.clock.now());
    this.forgetCredentials();
  }

  /** A new session for the user (a kiosk's short customer session, for example); the token is in this answer only. */
  async issueSession(userId: number, lifetimeMs: number): Promise<{ token: string; expiresAt: number }> {
    const now = this.clock.now();
    const expiresAt = now + lifetimeMs;
    const token = newSecret(SESSION_PREFIX);
    await writeTransaction(this.db, async (trx) => {
      await q.insertSession(trx, { userId, tokenHash: sha256(token), at: now, expiresAt });
    });
    return { token, expiresAt };
  }

  /** Drops every cached authentication (after anything that ends or changes a credential). */
  forgetCredentials(): void {
    this.authCache.clear();
  }

  /**
   * A manager's or admin's approval given at someone else's counter (username and password): the approver,
   * or 403 `approval_rejected`. Throttled like a login, and nothing is written: no session is made.
   */
  async verifyApprover(
    credentials: { username: string; password: string },
    address?: string,
  ): Promise<{ id: number; username: string; role: Role; theaterIds: number[] }> {
    const accountKey = `user:${credentials.username.toLowerCase()}`;
    const addressKey = `addr:${address ?? 'local'}`;
    const wait = Math.max(this.accountThrottle.retryAfter(accountKey), this.addressThrottle.retryAfter(addressKey));
    if (wait > 0) throw new DomainError('too_many_attempts', undefined, { retryAfterSeconds: Math.ceil(wait / 1000) });
    const row = await q.findUserByName(this.db, credentials.username);
    const ok = row
      ? await this.hasher.verify(credentials.password, row.password_hash)
      : await this.hasher.verify(credentials.password, await this.decoy()).then(() => false);
    if (!row || !ok || row.disabled) {
      this.accountThrottle.fail(accountKey);
      this.addressThrottle.fail(addressKey);
      throw new DomainError('approval_rejected', 'Wrong username or password for the approval.');
    }
    this.accountThrottle.succeed(accountKey);
    if (row.role !== 'manager' && row.role !== 'admin') {
      throw new DomainError('approval_rejected', 'Only a manager or an admin can approve this.');
    }
    const theaters = await q.theaterIdsOf(this.db, [row.id]);
    return { id: row.id, username: row.username, role: row.role as Role, theaterIds: theaters.get(row.id) ?? [] };
  }

  me(ctx: CallContext): OutputOf<'auth.me'> {
    const actor = ctx.actor;
    if (actor.kind === 'anonymous') throw new DomainError('unauthenticated');
    return {
      kind: actor.kind,
      id: actor.id,
      name: actor.kind === 'user' ? actor.username : actor.name,
      role: actor.role,
      theaterIds: [...actor.theaterIds],
    };
  }

  // ---- users ------------------------------------------------------------------------------------

  /** Customer self-registration: the role is always `customer`; an e-mail another customer uses is 409. */
  async register(input: ParsedInputOf<'auth.register'>, ctx: CallContext): Promise<UserOut> {
    return this.createUser({ ...input, role: 'customer', theaterIds: [] }, ctx);
  }

  async createUser(input: ParsedInputOf<'users.create'> & { phone?: string }, ctx: CallContext): Promise<UserOut> {
    const passwordHash = await this.hasher.hash(input.password);
    const now = this.clock.now();
    const theaterIds = [...new Set(input.theaterIds ?? [])];
    try {
      const id = await writeTransaction(this.db, async (trx) => {
        await this.assertTheatersExist(trx, theaterIds);
        if (input.role === 'customer' && input.email && (await customerEmailTaken(trx, input.email, null))) {
          throw new DomainError('email_taken');
        }
        const userId = await q.insertUser(trx, {
          username: input.username,
          passwordHash,
          role: input.role,
          name: input.name ?? null,
          email: input.email ?? null,
          phone: input.phone ?? null,
          at: now,
        });
        await q.setTheaters(trx, userId, theaterIds);
        await recordAudit(trx, now, {
          actor: ctx.actor,
          action: 'user.create',
          entity: 'user',
          entityId: userId,
          data: { role: input.role },
        });
        return userId;
      });
      return this.getUser(id);
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('username_taken', undefined, { username: input.username });
      throw error;
    }
  }

  async getUser(id: number): Promise<UserOut> {
    const row = await q.findUserById(this.db, id);
    if (!row) throw new DomainError('not_found', 'User not found.');
    const theaters = await q.theaterIdsOf(this.db, [id]);
    return toUser(row, theaters.get(id) ?? []);
  }

  async listUsers(input: ParsedInputOf<'users.list'>): Promise<OutputOf<'users.list'>> {
    const after = decodeCursor(input.cursor, ['number']);
    const rows = await q.listUsers(this.db, {
      afterId: Number(after?.[0] ?? 0),
      limit: input.limit + 1,
      roles: input.role === undefined ? undefined : input.role === 'staff' ? STAFF_ROLES : [input.role],
      search: input.q === undefined || input.q === '' ? undefined : input.q,
    });
    const theaters = await q.theaterIdsOf(
      this.db,
      rows.map((row) => row.id),
    );
    return pageOf(
      rows,
      input.limit,
      (row) => toUser(row, theaters.get(row.id) ?? []),
      (row) => [row.id],
    );
  }

  async updateUser(input: ParsedInputOf<'users.update'>, ctx: CallContext): Promise<UserOut> {
    const passwordHash = input.password === undefined ? undefined : await this.hasher.hash(input.password);
    const now = this.clock.now();
    await writeTransaction(this.db, async (trx) => {
      const row = await q.findUserById(trx, input.userId);
      if (!row) throw new DomainError('not_found', 'User not found.');
      if (
        ctx.actor.kind === 'user' &&
        ctx.actor.id === row.id &&
        (input.disabled || (input.role && input.role !== 'admin'))
      ) {
        throw new DomainError('conflict', 'You cannot disable yourself or take away your own admin role.');
      }
      const changes: Parameters<typeof q.updateUser>[2] = {};
      if (input.role !== undefined) changes.role = input.role;
      // A PIN belongs to the role it was set for: a customer's kiosk PIN never becomes a staff PIN.
      if (input.role !== undefined && input.role !== row.role) changes.pin_hash = null;
      if (input.name !== undefined) changes.name = input.name;
      if (input.email !== undefined) changes.email = input.email;
      if (passwordHash !== undefined) changes.password_hash = passwordHash;
      if (input.disabled !== undefined) changes.disabled = input.disabled ? 1 : 0;
      await q.updateUser(trx, row.id, changes, now);
      if (input.theaterIds !== undefined) {
        const ids = [...new Set(input.theaterIds)];
        await this.assertTheatersExist(trx, ids);
        await q.setTheaters(trx, row.id, ids);
      }
      if (input.disabled || (input.role !== undefined && input.role !== row.role) || passwordHash !== undefined) {
        await q.revokeSessionsOf(trx, row.id, now);
      }
      this.forgetCredentials();
      const audited = { ...input, password: input.password === undefined ? undefined : '(changed)' };
      await recordAudit(trx, now, {
        actor: ctx.actor,
        action: 'user.update',
        entity: 'user',
        entityId: row.id,
        data: audited,
      });
    });
    this.forgetCredentials(); // again after the commit, so no read from before it lingers
    return this.getUser(input.userId);
  }

  /** Sets a cashier's or manager's sign-in PIN (hashed like a password); lifts a PIN lockout. */
  async setStaffPin(input: ParsedInputOf<'users.setPin'>, ctx: CallContext): Promise<UserOut> {
    const hash = await this.hasher.hash(input.pin);
    const now = this.clock.now();
    const username = await writeTransaction(this.db, async (trx) => {
      const row = await q.findUserById(trx, input.userId);
      if (!row || row.deleted_at !== null) throw new DomainError('not_found', 'User not found.');
      if (!PIN_ROLES.includes(row.role)) {
        throw new DomainError(
          'conflict',
          'Only cashiers and managers can have a PIN; admins sign in with a password.',
          {
            role: row.role,
          },
        );
      }
      await q.updateUser(trx, row.id, { pin_hash: hash }, now);
      await recordAudit(trx, now, { actor: ctx.actor, action: 'user.pin.set', entity: 'user', entityId: row.id });
      return row.username;
    });
    this.pinAccountThrottle.succeed(`user:${username.toLowerCase()}`);
    return this.getUser(input.userId);
  }

  /** Removes any PIN of the user: PIN sign-in stops at once (sessions already open stay). */
  async clearPin(input: ParsedInputOf<'users.clearPin'>, ctx: CallContext): Promise<UserOut> {
    const now = this.clock.now();
    await writeTransaction(this.db, async (trx) => {
      const row = await q.findUserById(trx, input.userId);
      if (!row) throw new DomainError('not_found', 'User not found.');
      if (row.pin_hash === null) return;
      await q.updateUser(trx, row.id, { pin_hash: null }, now);
      await recordAudit(trx, now, { actor: ctx.actor, action: 'user.pin.clear', entity: 'user', entityId: row.id });
    });
    return this.getUser(input.userId);
  }

  /** Usernames and API key names for the audit log's actors. */
  async actorNames(kind: 'user' | 'apiKey', ids: number[]): Promise<Map<number, string>> {
    const rows = kind === 'user' ? await q.usernamesOf(this.db, ids) : await q.apiKeyNamesOf(this.db, ids);
    return new Map(rows.map((row) => [row.id, 'username' in row ? row.username : row.name]));
  }

  /**
   * On an empty database, creates the `admin` user. Returns the password when it was generated here
   * (the caller shows it once), null when it came from the environment or an admin already existed.
   */
  async ensureInitialAdmin(
    passwordFromEnv: string | undefined,
  ): Promise<{ created: boolean; generatedPassword: string | null }> {
    if ((await q.countUsers(this.db)) > 0) return { created: false, generatedPassword: null };
    const generated = passwordFromEnv ? null : randomBytes(15).toString('base64url');
    const password = passwordFromEnv ?? (generated as string);
    const system: CallContext = { actor: { kind: 'anonymous' }, transport: 'memory' };
    await this.createUser({ username: 'admin', password, role: 'admin', name: 'Administrator' }, system);
    return { created: true, generatedPassword: generated };
  }

  /** Public display names for users (reviews' authors): their name, else their username. */
  async displayNames(ids: number[]): Promise<Map<number, string>> {
    const rows = await q.displayNamesOf(this.db, [...new Set(ids)]);
    return new Map(rows.map((row) => [row.id, row.name ?? row.username]));
  }

  // ---- API keys ---------------------------------------------------------------------------------

  async createApiKey(input: ParsedInputOf<'apiKeys.create'>, ctx: CallContext): Promise<OutputOf<'apiKeys.create'>> {
    const key = newSecret(API_KEY_PREFIX);
    const now = this.clock.now();
    const row = await writeTransaction(this.db, async (trx) => {
      const inserted = await q.insertApiKey(trx, {
        name: input.name,
        role: input.role,
        keyHash: sha256(key),
        prefix: key.slice(0, API_KEY_PREFIX.length + 6),
        createdBy: ctx.actor.kind === 'user' ? ctx.actor.id : null,
        at: now,
      });
      await recordAudit(trx, now, {
        actor: ctx.actor,
        action: 'apiKey.create',
        entity: 'api_key',
        entityId: inserted.id,
        data: { role: input.role },
      });
      return inserted;
    });
    return { ...toApiKey(row), key };
  }

  async listApiKeys(input: ParsedInputOf<'apiKeys.list'>): Promise<OutputOf<'apiKeys.list'>> {
    const after = decodeCursor(input.cursor, ['number']);
    const rows = await q.listApiKeys(this.db, { afterId: Number(after?.[0] ?? 0), limit: input.limit + 1 });
    return pageOf(rows, input.limit, toApiKey, (row) => [row.id]);
  }

  async revokeApiKey(input: ParsedInputOf<'apiKeys.revoke'>, ctx: CallContext): Promise<void> {
    const now = this.clock.now();
    await writeTransaction(this.db, async (trx) => {
      if (!(await q.apiKeyExists(trx, input.apiKeyId))) throw new DomainError('not_found', 'API key not found.');
      this.forgetCredentials();
      if (await q.revokeApiKey(trx, input.apiKeyId, now)) {
        await recordAudit(trx, now, {
          actor: ctx.actor,
          action: 'apiKey.revoke',
          entity: 'api_key',
          entityId: input.apiKeyId,
        });
      }
    });
    this.forgetCredentials();
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private async assertTheatersExist(trx: Db, ids: number[]): Promise<void> {
    const found = new Set(await q.existingTheaterIds(trx, ids));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) {
      throw new DomainError('validation_failed', `Unknown theater ${missing.join(', ')}.`, {
        fields: missing.map((id) => ({ path: `theaterIds`, message: `theater ${id} does not exist` })),
      });
    }
  }

  private decoy(): Promise<string> {
    this.decoyHash ??= this.hasher.hash(randomBytes(16).toString('hex'));
    return this.decoyHash;
  }
}

function toUser(row: q.UserRow, theaterIds: number[]): UserOut {
  return {
    id: row.id,
    username: row.username,
    role: row.role as UserRole,
    name: row.name,
    email: row.email,
    phone: row.phone,
    theaterIds,
    disabled: row.disabled === 1,
    hasPin: row.pin_hash !== null,
    createdAt: iso(row.created_at),
  };
}

function toApiKey(row: q.ApiKeyRow): ApiKeyOut {
  return {
    id: row.id,
    name: row.name,
    role: row.role as ApiKeyRole,
    prefix: row.prefix,
    createdAt: iso(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : iso(row.last_used_at),
    revokedAt: row.revoked_at === null ? null : iso(row.revoked_at),
  };
}
