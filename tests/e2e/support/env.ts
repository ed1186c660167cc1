/** Values the global setup and the tests agree on. */

/** The demo's users (admin, manager, cashier, kiosk1) all get this password. */
export const E2E_PASSWORD = 'e2e-Password-2026';

/** Set by the global setup for the workers: the server's base URL, e.g. http://127.0.0.1:43121. */
export const BASE_URL_ENV = 'MARQUEE_E2E_BASE_URL';

/**
 * Set by the global setup: the fake Stripe API the server talks to, e.g. http://127.0.0.1:43122 (its
 * `/_control/...` switches drive card outcomes).
 */
export const STRIPE_URL_ENV = 'MARQUEE_E2E_STRIPE_URL';
/** The secret key the server is started with (the fake accepts any). */
export const E2E_STRIPE_KEY = 'sk_test_e2e';

export function stripeUrl(): string | null {
  return process.env[STRIPE_URL_ENV] ?? null;
}

export function baseUrl(): string {
  const url = process.env[BASE_URL_ENV];
  if (!url) throw new Error(`${BASE_URL_ENV} is not set: the global setup did not start the server`);
  return url;
}

export const SCREENSHOT_DIR = 'test-results/screenshots';
