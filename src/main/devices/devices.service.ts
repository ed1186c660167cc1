/**
 * Devices: kiosks and door scanners paired once with a short one-time code an admin creates (valid 10
 * minutes). The device trades the code for its own long-lived token, which acts with the device's role
 * until an admin revokes it. Only SHA-256 hashes of codes and tokens are stored.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { DomainError } from '../../shared/contract/errors';
import type { OutputOf, ParsedInputOf } from '../../shared/contract/index';
import type { Role } from '../../shared/domain/roles';
import { toOffsetIso } from '../../shared/domain/time';
import { recordAudit } from '../audit/index';
import { actorRef, type Actor } from '../core/actor';
import type { Clock } from '../core/clock';
import type { CallContext } from '../core/context';
import { decodeCursor, pageOf } from '../core/cursor';
import { writeTransaction, type Db } from '../db/index';
import * as q from './devices.queries';

type DeviceOut = OutputOf<'devices.list'>['items'][number];
export const DEVICE_TOKEN_PREFIX = 'mqd_';
const PAIRING_MS = 10 * 60_000;
/** No 0/O, 1/I/L, 2/Z, 5/S, 8/B: read aloud and typed on a touch screen without mistakes. */
const PAIRING_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
const PAIRING_LENGTH = 8;

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function normalizePairingCode(text: string): string {
  return text.replace(/[\s-]+/g, '').toUpperCase();
}

function newPairingCode(): string {
  let code = '';
  for (let i = 0; i < PAIRING_LENGTH; i += 1) code += PAIRING_ALPHABET[randomInt(PAIRING_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export class DevicesService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    /** Called when a credential ends, so cached authentications are dropped at once. */
    private readonly onRevoked: () => void = () => {},
  ) {}

  async create(input: ParsedInputOf<'devices.create'>, ctx: CallContext): Promise<OutputOf<'devices.create'>> {
    const now = this.clock.now();
    const pairingCode = newPairingCode();
    const id = await writeTransaction(this.db, async (trx) => {
      const deviceId = await q.insertDevice(trx, {
        name: input.name,
        role: input.role,
        theater_id: input.theaterId ?? null,
        pairing_code_hash: sha256(normalizePairingCode(pairingCode)),
        pairing_expires_at: now + PAIRING_MS,
        created_by: actorRef(ctx.actor),
        created_at: now,
      });
      await recordAudit(trx, now, {
        actor: ctx.actor,
        action: 'device.create',
        entity: 'device',
        entityId: deviceId,
        data: { role: input.role },
      });
      return deviceId;
    });
    return { device: await this.get(id), pairingCode, pairingExpiresAt: toOffsetIso(now + PAIRING_MS, 'UTC') };
  }

  async newPairingCode(
    input: ParsedInputOf<'devices.newPairingCode'>,
    ctx: CallContext,
  ): Promise<OutputOf<'devices.newPairingCode'>> {
    const now = this.clock.now();
    const pairingCode = newPairingCode();
    await writeTransaction(this.db, async (trx) => {
      const row = await q.findDevice(trx, input.deviceId);
      if (!row || row.revoked_at !== null) throw new DomainError('not_found', 'Device not found.');
      await q.setPairingCode(trx, row.id, sha256(normalizePairingCode(pairingCode)), now + PAIRING_MS);
      await recordAudit(trx, now, {
        actor: ctx.actor,
        action: 'device.newPairingCode',
        entity: 'device',
        entityId: row.id,
      });
    });
    return {
      device: await this.get(input.deviceId),
      pairingCode,
      pairingExpiresAt: toOffsetIso(now + PAIRING_MS, 'UTC'),
    };
  }

  async pair(input: ParsedInputOf<'devices.pair'>, ctx: CallContext): Promise<OutputOf<'devices.pair'>> {
    const now = this.clock.now();
    const codeHash = sha256(normalizePairingCode(input.pairingCode));
    const token = DEVICE_TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const id = await writeTransaction(this.db, async (trx) => {
      const row = await q.findByPairingCode(trx, codeHash, now);
      if (!row || !(await q.completePairing(trx, row.id, codeHash, sha256(token), now))) {
        throw new DomainError('pairing_code_invalid');
      }
      await recordAudit(trx, now, { actor: ctx.actor, action: 'device.pair', entity: 'device', entityId: row.id });
      return row.id;
    });
    this.onRevoked(); // a re-paired device's old token stops working
    return { token, device: await this.get(id) };
  }

  async list(input: ParsedInputOf<'devices.list'>): Promise<OutputOf<'devices.list'>> {
    const after = decodeCursor(input.cursor, ['number']);
    const rows = await q.listDevices(this.db, Number(after?.[0] ?? 0), input.limit + 1);
    return pageOf(rows, input.limit, toDevice, (row) => [row.id]);
  }

  async revoke(input: ParsedInputOf<'devices.revoke'>, ctx: CallContext): Promise<void> {
    const now = this.clock.now();
    await writeTransaction(this.db, async (trx) => {
      const row = await q.findDevice(trx, input.deviceId);
      if (!row) throw new DomainError('not_found', 'Device not found.');
      if (row.revoked_at !== null) return;
      await q.revoke(trx, row.id, now);
      await recordAudit(trx, now, { actor: ctx.actor, action: 'device.revoke', entity: 'device', entityId: row.id });
    });
    this.onRevoked();
  }

  /** For the accounts module: a device token (already hashed) to its actor, or null. */
  async authenticate(tokenHash: string, now: number): Promise<{ actor: Actor; expiresAt: number } | null> {
    const row = await q.findByToken(this.db, tokenHash);
    if (!row) return null;
    if (row.last_seen_at === null || row.last_seen_at < now - 60_000) await q.touch(this.db, row.id, now);
    return {
      actor: {
        kind: 'device',
        id: row.id,
        name: row.name,
        role: row.role as Role,
        theaterIds: row.theater_id === null ? [] : [row.theater_id],
      },
      expiresAt: Infinity,
    };
  }

  /** Device names for the audit log's actors. */
  async names(ids: number[]): Promise<Map<number, string>> {
    return new Map((await q.deviceNamesOf(this.db, ids)).map((row) => [row.id, row.name]));
  }

  /** A device by id (for other modules, e.g. assigning a card reader to a kiosk), or null. */
  async find(id: number): Promise<DeviceOut | null> {
    const row = await q.findDevice(this.db, id);
    return row ? toDevice(row) : null;
  }

  private async get(id: number): Promise<DeviceOut> {
    const row = await q.findDevice(this.db, id);
    if (!row) throw new DomainError('not_found', 'Device not found.');
    return toDevice(row);
  }
}

function toDevice(row: q.DeviceRow): DeviceOut {
  const iso = (ms: number | null) => (ms === null ? null : toOffsetIso(ms, 'UTC'));
  return {
    id: row.id,
    name: row.name,
    role: row.role as DeviceOut['role'],
    theaterId: row.theater_id,
    status: row.revoked_at !== null ? 'revoked' : row.token_hash !== null ? 'paired' : 'awaiting_pairing',
    createdAt: toOffsetIso(row.created_at, 'UTC'),
    pairedAt: iso(row.paired_at),
    lastSeenAt: iso(row.last_seen_at),
    revokedAt: iso(row.revoked_at),
  };
}
