/**
 * Where Stripe's settings come from at start: the environment (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET,
 * STRIPE_API_BASE, STRIPE_LOCATION), read the same way by the headless server and the desktop app. A key
 * set here wins over one an admin stored in Admin → Settings (src/main/settings).
 */

export interface StripeEnvironment {
  /** From the environment; undefined when unset (the stored key, if any, is used then). */
  secretKey?: string;
  webhookSecret?: string;
  /** Another API host (tests, proxies); applies to stored keys too. */
  apiBase?: string;
  location?: string;
}

/** Throws on a malformed STRIPE_API_BASE (the caller says so and stops). */
export function stripeEnvironment(env: NodeJS.ProcessEnv = process.env): StripeEnvironment {
  const apiBase = env.STRIPE_API_BASE || undefined;
  if (apiBase && !/^https?:\/\/[^/]+\/?$/.test(apiBase))
    throw new Error('STRIPE_API_BASE must look like http://127.0.0.1:12111');
  return {
    ...(env.STRIPE_SECRET_KEY && { secretKey: env.STRIPE_SECRET_KEY }),
    ...(env.STRIPE_WEBHOOK_SECRET && { webhookSecret: env.STRIPE_WEBHOOK_SECRET }),
    ...(apiBase && { apiBase }),
    ...(env.STRIPE_LOCATION && { location: env.STRIPE_LOCATION }),
  };
}
