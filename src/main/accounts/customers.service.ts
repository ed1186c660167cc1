/**
 * Customer accounts: the profile, password change, kiosk PIN, member QR code, account deletion, one-time
 * password-reset tokens and signing in at a kiosk.
 *
 * - Reset tokens are `mqr_<selector>.<verifier>`: a 72-bit selector to find the row and a 256-bit
 *   verifier stored only as its SHA-256. Single use, 30 minutes, and issuing a new one (or any password
 *   change) ends the open ones. Wrong verifiers are counted per selector (5, then the token is locked for
 *   its whole life) and per address (20 per 15 minutes), in memory, so a refused attempt writes nothing.
 * - Member codes are `M1.<userId>.<expiry seconds>.<HMAC-SHA256>` with a key drawn once per database
 *   (on the first code issued, kept in `settings`). They last a year and stop working when the account is deleted or disabled.
 * - Deleting an account keeps its bookings (accounting) but blanks their customer name, e-mail and phone,
 *   removes the customer's reviews, ends every session and reset token, and blanks the user row; the
 *   username becomes `~deleted-<id>` (a name registration cannot produce), so the old name is free again.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../../shared/contract/errors';
import type { OutputOf, ParsedInputOf } from '../../shared/contract/index';
import { toOffsetIso } from '../../shared/domain/time';
import { recordAudit } from '../audit/index';
import { actorRef, type Actor } from '../core/actor';
import type { Clock } from '../core/clock';
import type { CallContext } from '../core/context';
import { writeTransaction, type Db } from '../db/index';
import * as q from './accounts.queries';
import type { AccountsService } from './accounts.service';
import * as cq from './customers.queries';
import { Throttle } from './throttle';

const MINUTE = 60_000;
const RESET_PREFIX = 'mqr_';
const RESET_TOKEN = /^mqr_([A-Za-z0-9_-]{12})\.([A-Za-z0-9_-]{43})$/;
const MEMBER_CODE = /^M1\.(\d{1,16})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;
const MEMBER_CODE_DAYS = 365;

/** Inside the deleting transaction: each module removes what it holds about the customer. */
export type CustomerDeletedHook = (trx: Db, userId: number, at: number) => Promise<void>;

export interface CustomersOptions {
  resetMs?: number;
  kioskSessionMs?: number;
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function iso(epochMs: number): string {
  return toOffsetIso(epochMs, 'UTC');
}

export class CustomersService {
  readonly onCustomerDeleted: CustomerDeletedHook[] = [];
  private readonly resetMs: number;
  private readonly kioskSessionMs: number;
  /** Wrong verifiers per reset token: five and the token is locked for the rest of its life. */
  private readonly resetTokenThrottle: Throttle;
  /** Failed reset attempts per address. */
  private readonly resetAddressThrottle: Throttle;
  /** Wrong current passwords per account (change password, set PIN, delete). */
  private readonly passwordThrottle: Throttle;
  /** Wrong PINs per e-mail, and failed sign-ins per kiosk. */
  private readonly pinThrottle: Throttle;
  private readonly kioskThrottle: Throttle;
  private memberKey: Buffer | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly accounts: AccountsService,
    options: CustomersOptions = {},
  ) {
    this.resetMs = options.resetMs ?? 30 * MINUTE;
    this.kioskSessionMs = options.kioskSessionMs ?? 10 * MINUTE;
    this.resetTokenThrottle = new Throttle(clock, { failures: 5, windowMs: this.resetMs, lockMs: this.resetMs });
    this.resetAddressThrottle = new Throttle(clock, { failures: 20, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE });
    this.passwordThrottle = new Throttle(clock, { failures: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE });
    this.pinThrottle = new Throttle(clock, { failures: 5, windowMs: 60 * MINUTE, lockMs: 60 * MINUTE });
    this.kioskThrottle = new Throttle(clock, { failures: 20, windowMs: 15 * MINUTE, lockMs: 5 * MINUTE });
  }

  // ---- profile ----------------------------------------------------------------------------------

  async profile(ctx: CallContext): Promise<OutputOf<'me.get'>> {
    const row = await this.customerRow(this.db, ctx.actor);
    return toProfile(row);
  }

  async updateProfile(input: ParsedInputOf<'me.update'>, ctx: CallContext): Promise<OutputOf<'me.get'>> {
    const now = this.clock.now();
    const row = await writeTransaction(this.db, async (trx) => {
      const current = await this.customerRow(trx, ctx.actor);
      if (input.email !== undefined && (await cq.customerEmailTaken(trx, input.email, current.id))) {
        throw new DomainError('email_taken');
      }
      const changes: Parameters<typeof q.updateUser>[2] = {};
      if (input.name !== undefined) changes.name = input.name;
      if (input.email !== undefined) changes.email = input.email;
      if (input.phone !== undefined) changes.phone = input.phone;
      await q.updateUser(trx, current.id, changes, now);
      await recordAudit(trx, now, {
        actor: ctx.actor,
        action: 'customer.update',
        entity: 'user',
        entityId: current.id,
        data: { fields: Object.keys(changes) },
      });
      return (await q.findUserById(trx, current.id))!;
    });
    return toProfile(row);
  }

  async changePassword(input: ParsedInputOf<'me.changePassword'>, ctx: CallContext): Promise<void> {
    const row = await this.customerRow(this.db, ctx.actor);
    await this.checkPassword(row, input.currentPassword);
    const hash = await this.accounts.hasher.hash(input.newPassword);
    const now = this.clock.now();
    const sessionId = ctx.actor.kind === 'user' ? ctx.actor.sessionId : 0;
    await writeTransaction(this.db, async (trx) => {
      await q.updateUser(trx, row.id, { password_hash: hash }, now);
      await q.revokeSessionsOfExcept(trx, row.id, sessionId, now);
      await cq.revokeResetsOf(trx, row.id, now);
      this.accounts.forgetCredentials();
      await recordAudit(trx, now, { actor: ctx.actor, action: 'customer.password', entity: 'user', entityId: row.id });
    });
    this.accounts.forgetCredentials();
  }

  async setPin(input: ParsedInputOf<'me.setPin'>, ctx: CallContext): Promise<void> {
    const row = await this.customerRow(this.db, ctx.actor);
    await this.checkPassword(row, input.password);
    const hash = await this.accounts.hasher.hash(input.pin);
    const now = this.clock.now();
    await writeTransaction(this.db, async (trx) => {
      await q.updateUser(trx, row.id, { pin_hash: hash }, now);
      await recordAudit(trx, now, { actor: ctx.actor, action: 'customer.pin', entity: 'user', entityId: row.id });
    });
  }

  async memberCode(ctx: CallContext): Promise<OutputOf<'me.memberCode'>> {
    const row = await this.customerRow(this.db, ctx.actor);
    const expiresAt = Math.floor((this.clock.now() + MEMBER_CODE_DAYS * 24 * 60 * MINUTE) / 1000);
    const body = `M1.${row.id}.${expiresAt}`;
    if (!this.memberKey) {
      const candidate = randomBytes(32).toString('hex');
      const key = await writeTransaction(this.db, (trx) => cq.ensureMemberCodeKey(trx, candidate));
      this.memberKey = Buffer.from(key, 'hex');
    }
    return { code: `${body}.${sign(this.memberKey, body)}`, expiresAt: iso(expiresAt * 1000) };
  }

  async deleteAccount(input: ParsedInputOf<'me.delete'>, ctx: CallContext): Promise<void> {
    const row = await this.customerRow(this.db, ctx.actor);
    await this.checkPassword(row, input.password);
    const now = this.clock.now();
    await writeTransaction(this.db, async (trx) => {
      for (const hook of this.onCustomerDeleted) await hook(trx, row.id, now);
      await cq.anonymiseUser(trx, row.id, now);
      await q.revokeSessionsOf(trx, row.id, now);
      await cq.revokeResetsOf(trx, row.id, now);
      this.accounts.forgetCredentials();
      await recordAudit(trx, now, { actor: ctx.actor, action: 'customer.delete', entity: 'user', entityId: row.id });
    });
    this.accounts.forgetCredentials();
  }

  // ---- password reset ---------------------------------------------------------------------------

  async issueReset(
    input: ParsedInputOf<'passwordResets.create'>,
    ctx: CallContext,
  ): Promise<OutputOf<'passwordResets.create'>> {
    const now = this.clock.now();
    const selector = randomBytes(9).toString('base64url');
    const verifier = randomBytes(32).toString('base64url');
    const expiresAt = now + this.resetMs;
    const target = await writeTransaction(this.db, async (trx) => {
      const user = await this.findCustomer(trx, input);
      await cq.revokeResetsOf(trx, user.id, now);
      await cq.insertReset(trx, {
        userId: user.id,
        selector,
        verifierHash: sha256(verifier),
        createdBy: actorRef(ctx.actor),
        at: now,
        expiresAt,
      });
      await recordAudit(trx, now, {
        actor: ctx.actor,
        action: 'customer.resetIssued',
        entity: 'user',
        entityId: user.id,
      });
      return user;
    });
    return {
      token: `${RESET_PREFIX}${selector}.${verifier}`,
      expiresAt: iso(expiresAt),
      userId: target.id,
      username: target.username,
      email: target.email,
    };
  }

  async resetPassword(input: ParsedInputOf<'auth.resetPassword'>, ctx: CallContext): Promise<void> {
    const addressKey = `addr:${ctx.address ?? 'local'}`;
    const match = RESET_TOKEN.exec(input.token);
    const selectorKey = `reset:${match?.[1] ?? ''}`;
    const wait = Math.max(
      this.resetAddressThrottle.retryAfter(addressKey),
      match ? this.resetTokenThrottle.retryAfter(selectorKey) : 0,
    );
    if (wait > 0) throw new DomainError('too_many_attempts', undefined, { retryAfterSeconds: Math.ceil(wait / 1000) });
    const now = this.clock.now();
    const row = match ? await cq.findReset(this.db, match[1]!) : undefined;
    const valid =
      match !== null &&
      row !== undefined &&
      row.used_at === null &&
      row.revoked_at === null &&
      row.expires_at > now &&
      sameText(sha256(match[2]!), row.verifier_hash);
    if (!valid || !row) {
      this.resetAddressThrottle.fail(addressKey);
      if (match) this.resetTokenThrottle.fail(selectorKey);
      throw new DomainError('reset_token_invalid');
    }
    const hash = await this.accounts.hasher.hash(input.password);
    await writeTransaction(this.db, async (trx) => {
      const at = this.clock.now();
      if (!(await cq.useReset(trx, row.id, at))) throw new DomainError('reset_token_invalid');
      await q.updateUser(trx, row.user_id, { password_hash: hash }, at);
      await q.revokeSessionsOf(trx, row.user_id, at);
      await cq.revokeResetsOf(trx, row.user_id, at);
      this.accounts.forgetCredentials();
      await recordAudit(trx, at, {
        actor: ctx.actor,
        action: 'customer.passwordReset',
        entity: 'user',
        entityId: row.user_id,
      });
    });
    this.accounts.forgetCredentials();
    this.resetAddressThrottle.succeed(addressKey);
  }

  // ---- kiosk sign-in ----------------------------------------------------------------------------

  async kioskSignIn(input: ParsedInputOf<'kiosk.signIn'>, ctx: CallContext): Promise<OutputOf<'kiosk.signIn'>> {
    const kioskKey = `kiosk:${actorRef(ctx.actor)}`;
    const emailKey = 'email' in input ? `email:${input.email.toLowerCase()}` : null;
    const wait = Math.max(
      this.kioskThrottle.retryAfter(kioskKey),
      emailKey ? this.pinThrottle.retryAfter(emailKey) : 0,
    );
    if (wait > 0) throw new DomainError('too_many_attempts', undefined, { retryAfterSeconds: Math.ceil(wait / 1000) });
    const customer = 'memberCode' in input ? await this.byMemberCode(input.memberCode) : await this.byPin(input);
    if (!customer) {
      this.kioskThrottle.fail(kioskKey);
      if (emailKey) this.pinThrottle.fail(emailKey);
      throw new DomainError('sign_in_failed');
    }
    if (emailKey) this.pinThrottle.succeed(emailKey);
    const session = await this.accounts.issueSession(customer.id, this.kioskSessionMs);
    return {
      token: session.token,
      expiresAt: iso(session.expiresAt),
      customer: { id: customer.id, username: customer.username, name: customer.name },
    };
  }

  private async byMemberCode(code: string): Promise<{ id: number; username: string; name: string | null } | null> {
    const match = MEMBER_CODE.exec(code);
    if (!match) return null;
    const [, userId, expiry, mac] = match as unknown as [string, string, string, string];
    const key = await this.loadMemberKey();
    if (!key || !sameText(sign(key, `M1.${userId}.${expiry}`), mac)) return null;
    if (Number(expiry) * 1000 <= this.clock.now()) return null;
    const row = await q.findUserById(this.db, Number(userId));
    if (!row || row.role !== 'customer' || row.disabled || row.deleted_at !== null) return null;
    return row;
  }

  private async byPin(input: { email: string; pin: string }) {
    // E-mail addresses are unique among customers for new accounts; look at a few in case older data repeats one.
    for (const row of await cq.customersByEmail(this.db, input.email, 3)) {
      if (row.pin_hash && (await this.accounts.hasher.verify(input.pin, row.pin_hash))) return row;
    }
    return null;
  }

  // ---- helpers ----------------------------------------------------------------------------------

  /** The caller's own live customer row (the dispatcher already checked the role). */
  private async customerRow(db: Db, actor: Actor): Promise<q.UserRow> {
    if (actor.kind !== 'user') throw new DomainError('not_found', 'Account not found.');
    const row = await q.findUserById(db, actor.id);
    if (!row || row.role !== 'customer' || row.deleted_at !== null)
      throw new DomainError('not_found', 'Account not found.');
    return row;
  }

  /** Verifies the account's current password, counting failures per account; throws when wrong. */
  private async checkPassword(row: q.UserRow, password: string): Promise<void> {
    const key = `user:${row.id}`;
    const wait = this.passwordThrottle.retryAfter(key);
    if (wait > 0) throw new DomainError('too_many_attempts', undefined, { retryAfterSeconds: Math.ceil(wait / 1000) });
    if (!(await this.accounts.hasher.verify(password, row.password_hash))) {
      this.passwordThrottle.fail(key);
      throw new DomainError('wrong_password');
    }
    this.passwordThrottle.succeed(key);
  }

  private async findCustomer(trx: Db, input: ParsedInputOf<'passwordResets.create'>): Promise<q.UserRow> {
    let row: q.UserRow | undefined;
    if (input.userId !== undefined) row = await q.findUserById(trx, input.userId);
    else if (input.username !== undefined) row = await q.findUserByName(trx, input.username);
    else if (input.email !== undefined) {
      const found = await cq.customersByEmail(trx, input.email, 2);
      if (found.length > 1) {
        throw new DomainError('conflict', 'Several customer accounts use this e-mail: give the username instead.');
      }
      row = found[0] ? await q.findUserById(trx, found[0].id) : undefined;
    }
    // Only customer accounts are reset this way: staff passwords are the admin's to change.
    if (!row || row.role !== 'customer' || row.disabled || row.deleted_at !== null) {
      throw new DomainError('not_found', 'Customer account not found.');
    }
    return row;
  }

  /** The key that signs member codes, or null while no code was ever issued. */
  private async loadMemberKey(): Promise<Buffer | null> {
    if (!this.memberKey) {
      const key = await cq.memberCodeKey(this.db);
      if (key) this.memberKey = Buffer.from(key, 'hex');
    }
    return this.memberKey;
  }
}

function sign(key: Buffer, body: string): string {
  return createHmac('sha256', key).update(body).digest('base64url');
}

function toProfile(row: q.UserRow): OutputOf<'me.get'> {
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    email: row.email,
    phone: row.phone,
    hasPin: row.pin_hash !== null,
    createdAt: iso(row.created_at),
  };
}
