/**
 * Installation settings an admin edits in Admin → Settings that are not a theater's: the Stripe keys.
 *
 * Keys are stored encrypted (`SecretCipher`) and never leave this module in clear except to build the
 * Stripe gateway: answers and the audit log say only whether a key is set, its last four characters,
 * when and by whom it changed. The environment (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET), when set,
 * wins, field by field; a stored value then waits unused and the page says so. Every change rebuilds the
 * gateway the card payments use, so a key entered here takes effect at once, without a restart.
 */
import { DomainError } from '../../shared/contract/errors';
import type { OutputOf, ParsedInputOf } from '../../shared/contract/index';
import { toOffsetIso } from '../../shared/domain/time';
import { recordAudit } from '../audit/index';
import type { Actor } from '../core/actor';
import type { Clock } from '../core/clock';
import type { CallContext } from '../core/context';
import { writeTransaction, type Db } from '../db/index';
import {
  createStripeGateway,
  GatewayError,
  type CardGateway,
  type StripeConfig,
  type StripeEnvironment,
} from '../stripe/index';
import type { SecretCipher } from './secret-cipher';
import * as q from './settings.queries';

type StripeStatus = OutputOf<'settings.stripe.get'>;
type SecretName = 'stripe.secretKey' | 'stripe.webhookSecret';

interface Stored {
  value: string;
  last4: string;
  updatedAt: number;
  updatedBy: string;
}

export interface SettingsDeps {
  cipher: SecretCipher;
  /** What the environment (or the caller of createCore) set; it wins over stored keys. */
  environment: StripeEnvironment;
  /** A ready gateway given at start (tests): it is used as is and stored keys never replace it. */
  fixedGateway: CardGateway | null;
  /** Hands the gateway to build from the keys in use (null: none) to the card payments. */
  applyGateway(gateway: CardGateway | null): void;
  makeGateway?: (config: StripeConfig) => CardGateway;
  log?: (message: string) => void;
}

function actorName(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
      return actor.username;
    case 'apiKey':
      return `API key "${actor.name}"`;
    case 'device':
      return actor.name;
    default:
      return 'anonymous';
  }
}

const last4 = (value: string) => value.slice(-4);

export class SettingsService {
  private stored = new Map<SecretName, Stored>();
  private gateway: CardGateway | null = null;
  private readonly makeGateway: (config: StripeConfig) => CardGateway;
  private readonly log: (message: string) => void;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly deps: SettingsDeps,
  ) {
    this.makeGateway = deps.makeGateway ?? createStripeGateway;
    this.log = deps.log ?? ((message) => console.error(`marquee: ${message}`));
  }

  /** Reads the stored keys and builds the gateway from the keys in use. */
  async init(): Promise<void> {
    await this.load(this.db);
    this.rebuild();
  }

  private async load(db: Db): Promise<void> {
    const stored = new Map<SecretName, Stored>();
    for (const row of await q.allSecrets(db)) {
      if (row.name !== 'stripe.secretKey' && row.name !== 'stripe.webhookSecret') continue;
      try {
        const value = this.deps.cipher.decrypt(row.name, row.ciphertext);
        stored.set(row.name, { value, last4: row.last4, updatedAt: row.updated_at, updatedBy: row.updated_by });
      } catch {
        // Another machine's key, or a lost key file: as if unset, and said once (never the value).
        this.log(`the stored ${row.name} cannot be decrypted on this machine; enter it again in Admin → Settings`);
      }
    }
    this.stored = stored;
  }

  /** The keys in use: the environment's, else the stored ones. */
  private inUse(): { secretKey?: string; webhookSecret?: string } {
    const env = this.deps.environment;
    return {
      secretKey: env.secretKey ?? this.stored.get('stripe.secretKey')?.value,
      webhookSecret: env.webhookSecret ?? this.stored.get('stripe.webhookSecret')?.value,
    };
  }

  private rebuild(): void {
    if (this.deps.fixedGateway) {
      this.gateway = this.deps.fixedGateway;
    } else {
      const { secretKey, webhookSecret } = this.inUse();
      const env = this.deps.environment;
      this.gateway = secretKey
        ? this.makeGateway({ secretKey, webhookSecret, apiBase: env.apiBase, location: env.location })
        : null;
    }
    this.deps.applyGateway(this.gateway);
  }

  stripeStatus(): StripeStatus {
    const env = this.deps.environment;
    const fixed = this.deps.fixedGateway !== null;
    const status = (name: SecretName, fromEnv: string | undefined): StripeStatus['secretKey'] => {
      const stored = this.stored.get(name);
      const meta = {
        storedLast4: stored?.last4 ?? null,
        updatedAt: stored ? toOffsetIso(stored.updatedAt, 'UTC') : null,
        updatedBy: stored?.updatedBy ?? null,
      };
      if (fromEnv !== undefined) return { set: true, source: 'environment', last4: last4(fromEnv), ...meta };
      if (stored) return { set: true, source: 'settings', last4: stored.last4, ...meta };
      return { set: false, source: 'none', last4: null, ...meta };
    };
    const secretKey =
      fixed && env.secretKey === undefined
        ? {
            set: true,
            source: 'environment' as const,
            last4: null,
            storedLast4: null,
            updatedAt: null,
            updatedBy: null,
          }
        : status('stripe.secretKey', env.secretKey);
    const webhookSecret = status('stripe.webhookSecret', env.webhookSecret);
    const key = this.inUse().secretKey;
    return {
      secretKey,
      webhookSecret,
      configured: this.gateway !== null,
      mode: key ? (/_live_/.test(key) ? 'live' : 'test') : null,
      storage: this.deps.cipher.storage,
    };
  }

  async updateStripe(input: ParsedInputOf<'settings.stripe.update'>, ctx: CallContext): Promise<StripeStatus> {
    const now = this.clock.now();
    const by = actorName(ctx.actor);
    const changes: Record<string, string> = {};
    await writeTransaction(this.db, async (trx) => {
      for (const [field, name] of [
        ['secretKey', 'stripe.secretKey'],
        ['webhookSecret', 'stripe.webhookSecret'],
      ] as const) {
        const value = input[field];
        if (value === undefined) continue;
        if (value === null) {
          await q.deleteSecret(trx, name);
          changes[field] = 'cleared';
        } else {
          await q.putSecret(trx, {
            name,
            ciphertext: this.deps.cipher.encrypt(name, value),
            last4: last4(value),
            updated_at: now,
            updated_by: by,
          });
          changes[field] = `set, ends in …${last4(value)}`;
        }
      }
      if (Object.keys(changes).length === 0) return;
      await recordAudit(trx, now, { actor: ctx.actor, action: 'settings.stripe', entity: 'settings', data: changes });
    });
    await this.load(this.db);
    this.rebuild();
    return this.stripeStatus();
  }

  async testStripe(): Promise<OutputOf<'settings.stripe.test'>> {
    const gateway = this.gateway;
    if (!gateway) throw new DomainError('payments_not_configured', 'No Stripe secret key is set.');
    try {
      const { livemode } = await gateway.checkConnection();
      return {
        ok: true,
        livemode,
        message: livemode ? 'Connected to Stripe (live mode).' : 'Connected to Stripe (test mode).',
      };
    } catch (error) {
      const reason =
        error instanceof GatewayError
          ? error.kind === 'network'
            ? 'Stripe could not be reached: check the network.'
            : `Stripe refused the key (${error.code}).`
          : 'Stripe could not be reached.';
      return { ok: false, livemode: null, message: reason };
    }
  }
}
