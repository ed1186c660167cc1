import { z } from 'zod';
import { op, timestamp } from './_prelude';

/** One credential as the settings show it: never the value, only that it is set, its end and who set it. */
export const secretStatus = z.object({
  set: z.boolean(),
  /** Where the value in use comes from: the environment (wins), these settings, or nowhere. */
  source: z.enum(['environment', 'settings', 'none']),
  /** The last four characters of the value in use ("…4242"), null when none. */
  last4: z.string().nullable(),
  /** The last four characters of the stored value (it may wait while the environment's is in use). */
  storedLast4: z.string().nullable(),
  /** When and by whom the stored value was last changed (null: never, or only the environment). */
  updatedAt: timestamp.nullable(),
  updatedBy: z.string().nullable(),
});

export const stripeSettings = z.object({
  secretKey: secretStatus,
  webhookSecret: secretStatus,
  /** Card payments are available (a secret key is in use). */
  configured: z.boolean(),
  mode: z.enum(['test', 'live']).nullable().describe('From the secret key in use'),
  /** How stored values are encrypted on this installation. */
  storage: z.enum(['os-secret-store', 'data-folder-key']),
});
export type StripeSettings = z.infer<typeof stripeSettings>;

const secretKey = z
  .string()
  .trim()
  .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9]{8,200}$/, 'must be a Stripe secret key (sk_test_…, sk_live_… or rk_…)');
const webhookSecret = z
  .string()
  .trim()
  .regex(/^whsec_[A-Za-z0-9+/=]{8,200}$/, 'must be a Stripe webhook signing secret (whsec_…)');

export const settingsOperations = {
  'settings.stripe.get': op({
    summary: 'Stripe settings (never the keys themselves)',
    tag: 'Settings',
    input: z.object({}),
    output: stripeSettings,
    access: ['admin'],
    rest: { method: 'GET', path: '/settings/stripe' },
  }),
  /**
   * Sets (a string) or clears (null) the secret key and the webhook signing secret; a field left out stays.
   * Stored encrypted; the answer and the audit log only ever say "set, ends in …". Environment variables
   * (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET), when set, still win.
   */
  'settings.stripe.update': op({
    summary: 'Set the Stripe keys',
    tag: 'Settings',
    input: z.object({
      secretKey: secretKey.nullable().optional(),
      webhookSecret: webhookSecret.nullable().optional(),
    }),
    output: stripeSettings,
    access: ['admin'],
    rest: { method: 'PUT', path: '/settings/stripe' },
  }),
  /** Asks Stripe for the account's balance with the key in use: proves the key and the network work. */
  'settings.stripe.test': op({
    summary: 'Test the connection to Stripe',
    tag: 'Settings',
    input: z.object({}),
    output: z.object({
      ok: z.boolean(),
      livemode: z.boolean().nullable(),
      message: z.string(),
    }),
    access: ['admin'],
    rest: { method: 'POST', path: '/settings/stripe/test' },
  }),
};
