/** Values the global setup and the tests agree on. */

/** The demo's users (admin, manager, cashier, kiosk1) all get this password. */
export const E2E_PASSWORD = 'e2e-Password-2026';

/** Set by the global setup for the workers: the server's base URL, e.g. http://127.0.0.1:43121. */
export const BASE_URL_ENV = 'MARQUEE_E2E_BASE_URL';

export function baseUrl(): string {
  const url = process.env[BASE_URL_ENV];
  if (!url) throw new Error(`${BASE_URL_ENV} is not set: the global setup did not start the server`);
  return url;
}

export const SCREENSHOT_DIR = 'test-results/screenshots';

/** Set by the global setup: the fake Stripe API's base URL (its `/_control/...` switches drive card outcomes). */
export const STRIPE_URL_ENV = 'MARQUEE_E2E_STRIPE_URL';

export function stripeUrl(): string {
  const url = process.env[STRIPE_URL_ENV];
  if (!url) throw new Error(`${STRIPE_URL_ENV} is not set: the global setup did not start the fake Stripe`);
  return url;
}
