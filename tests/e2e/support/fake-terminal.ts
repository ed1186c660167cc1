/**
 * A fake Stripe Terminal JS SDK, served in place of https://js.stripe.com/terminal/v1 with `page.route`.
 * It puts a small `window.StripeTerminal` on the page that behaves like the real one for what the counter
 * uses (create with a connection-token callback, discoverReaders, connectReader, collectPaymentMethod,
 * cancelCollectPaymentMethod, processPayment). `processPayment` really moves the fake Stripe server's
 * PaymentIntent (through its test-only endpoint, reached via this route so the page needs no CORS): a good
 * card leaves it `requires_capture`, a declined one records `last_payment_error`, exactly what the server
 * then reads from "Stripe" when the counter asks it to settle.
 *
 * The page-side script is plain JavaScript in a string: it runs in the browser, where nothing of this
 * module exists, and the tests compile without the DOM library.
 */
import type { Page, Route } from '@playwright/test';
import { E2E_STRIPE_KEY, stripeUrl } from './env';

export const SUCCESS_CARD = '4242424242424242';
export const DECLINE_CARD = '4000000000000002';

const SDK_URL = 'https://js.stripe.com/terminal/v1**';
const PROCESS_PATH = '/terminal/v1/__fake/process';

export interface FakeTerminalOptions {
  /** Stripe ids of the readers discovery finds on "this network" (none: the reader is unreachable). */
  readerIds: string[];
  /** The cards presented, one per processPayment, in order; then always a good card. */
  cards?: string[];
  /** How long the customer takes to tap after collectPaymentMethod starts. */
  tapDelayMs?: number;
}

/** What the page's fake SDK recorded, for assertions (`page.evaluate(() => window.__fakeTerminal)`). */
export interface FakeTerminalRecord {
  connectionTokens: number;
  connected: string | null;
  collected: number;
  cancelled: number;
  processed: string[];
}

function script(options: Required<FakeTerminalOptions>): string {
  return `(function (config) {
  'use strict';
  var cards = config.cards.slice();
  var record = { connectionTokens: 0, connected: null, collected: 0, cancelled: 0, processed: [] };
  window.__fakeTerminal = record;
  function fail(code, message, extra) {
    var error = { type: 'api_error', code: code, message: message };
    if (extra) for (var key in extra) error[key] = extra[key];
    return { error: error };
  }
  function create(props) {
    var status = 'not_connected';
    var pending = null;
    var token = null;
    function ensureToken() {
      if (token) return Promise.resolve(token);
      return Promise.resolve(props.onFetchConnectionToken()).then(function (secret) {
        if (typeof secret !== 'string' || secret.indexOf('pst_') !== 0) throw new Error('bad connection token');
        record.connectionTokens += 1;
        token = secret;
        return secret;
      });
    }
    return {
      getConnectionStatus: function () { return status; },
      getPaymentStatus: function () { return pending ? 'waiting_for_input' : 'ready'; },
      getConnectedReader: function () { return record.connected; },
      discoverReaders: function () {
        return ensureToken().then(
          function () {
            return {
              discoveredReaders: config.readerIds.map(function (id) {
                return { id: id, object: 'terminal.reader', label: id, status: 'online', device_type: 'bbpos_wisepos_e' };
              })
            };
          },
          function (error) { return fail('failed_fetch_connection_token', String(error && error.message)); }
        );
      },
      connectReader: function (reader) {
        if (config.readerIds.indexOf(reader.id) < 0) return Promise.resolve(fail('reader_error', 'Could not connect.'));
        status = 'connected';
        record.connected = reader.id;
        return Promise.resolve({ reader: reader });
      },
      disconnectReader: function () {
        status = 'not_connected';
        record.connected = null;
        return Promise.resolve({});
      },
      clearCachedCredentials: function () { token = null; return Promise.resolve({}); },
      collectPaymentMethod: function (clientSecret) {
        if (status !== 'connected') return Promise.resolve(fail('no_established_connection', 'No reader connected.'));
        return new Promise(function (resolve) {
          var timer = setTimeout(function () {
            pending = null;
            record.collected += 1;
            resolve({ paymentIntent: { id: clientSecret.split('_secret_')[0], client_secret: clientSecret, sdk_payment_details: {} } });
          }, config.tapDelayMs);
          pending = function () {
            clearTimeout(timer);
            pending = null;
            record.cancelled += 1;
            resolve(fail('canceled', 'The collection was cancelled.'));
          };
        });
      },
      cancelCollectPaymentMethod: function () {
        if (!pending) return Promise.resolve(fail('cancelable_already_completed', 'Nothing to cancel.'));
        pending();
        return Promise.resolve({});
      },
      processPayment: function (intent) {
        var card = cards.length > 0 ? cards.shift() : ${JSON.stringify(SUCCESS_CARD)};
        return fetch('https://js.stripe.com${PROCESS_PATH}', {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: JSON.stringify({ clientSecret: intent.client_secret, card: card })
        }).then(function (response) {
          return response.json().then(function (body) {
            if (!response.ok) return fail(body.error.code, body.error.message);
            record.processed.push(card);
            if (body.last_payment_error) {
              return fail('card_declined', 'Your card was declined.', {
                decline_code: body.last_payment_error.decline_code,
                payment_intent: body
              });
            }
            return { paymentIntent: body };
          });
        }, function (error) { return fail('network_error', String(error && error.message)); });
      }
    };
  }
  window.StripeTerminal = {
    create: create,
    PaymentStatus: { NOT_READY: 'not_ready', READY: 'ready', WAITING_FOR_INPUT: 'waiting_for_input', PROCESSING: 'processing' },
    ConnectionStatus: { CONNECTING: 'connecting', CONNECTED: 'connected', NOT_CONNECTED: 'not_connected' },
    OutputLogLevel: { NONE: 'none', VERBOSE: 'verbose' }
  };
})(${JSON.stringify(options)});
`;
}

/** Forwards the fake SDK's "the card was processed" to the fake Stripe server's test-only endpoint. */
async function processOnStripe(route: Route): Promise<void> {
  const base = stripeUrl();
  if (!base) {
    await route.fulfill({ status: 500, json: { error: { code: 'no_fake_stripe', message: 'No fake Stripe.' } } });
    return;
  }
  const { clientSecret, card } = JSON.parse(route.request().postData() ?? '{}') as {
    clientSecret: string;
    card: string;
  };
  const response = await fetch(`${base}/v1/_test/terminal_js/process`, {
    method: 'POST',
    headers: { authorization: `Bearer ${E2E_STRIPE_KEY}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ clientSecret, card }).toString(),
  });
  await route.fulfill({
    status: response.status,
    headers: { 'access-control-allow-origin': '*' },
    contentType: 'application/json',
    body: await response.text(),
  });
}

/** Serves the fake SDK to `page` (call before the page loads the counter). */
export async function serveFakeTerminal(page: Page, options: FakeTerminalOptions): Promise<void> {
  const config: Required<FakeTerminalOptions> = { cards: [], tapDelayMs: 300, ...options };
  await page.route(SDK_URL, async (route) => {
    if (new URL(route.request().url()).pathname === PROCESS_PATH) return processOnStripe(route);
    await route.fulfill({ status: 200, contentType: 'application/javascript', body: script(config) });
  });
}

/** Makes js.stripe.com unreachable for `page`, as on a counter whose internet is down. */
export async function blockStripeJs(page: Page): Promise<void> {
  await page.route(SDK_URL, (route) => route.abort('internetdisconnected'));
}
