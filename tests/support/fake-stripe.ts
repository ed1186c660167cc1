/**
 * A fake Stripe API for tests: node:http on 127.0.0.1 (port 0 by default), speaking the form-encoded
 * requests and JSON answers of the endpoints Marquee calls, so the real `stripe` SDK can be pointed at it
 * (`host`, `port`, `protocol: 'http'`). Idempotency-Key is honoured like Stripe does (same key: the first
 * answer again). Switches make the next requests fail the ways Stripe documents (declined card, reader
 * not answering, network loss), and counters let a test assert "exactly one charge".
 *
 * Standalone (Playwright's global setup, manual runs):
 *   tsx tests/support/fake-stripe.ts [--port 12111] [--auto-present-ms 300]
 * prints "fake stripe listening on http://127.0.0.1:PORT".
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import Stripe from 'stripe';

export const DECLINE_CARD = '4000000000000002';
export const SUCCESS_CARD = '4242424242424242';

type Json = Record<string, unknown>;

export interface FakeIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  currency: string;
  status: string;
  capture_method: string;
  metadata: Record<string, string>;
  created: number;
  description: string | null;
  last_payment_error: { code: string; decline_code?: string; message: string } | null;
  latest_charge: string | null;
  payment_method_types: string[];
  client_secret: string;
}

export interface FakeReaderAction {
  type: 'process_payment_intent';
  status: 'in_progress' | 'succeeded' | 'failed';
  failure_code: string | null;
  failure_message: string | null;
  process_payment_intent: { payment_intent: string };
}

export interface FakeReader {
  id: string;
  object: 'terminal.reader';
  label: string;
  device_type: string;
  status: 'online' | 'offline';
  location: string | null;
  serial_number: string;
  action: FakeReaderAction | null;
  metadata: Record<string, string>;
}

export interface FakeRefund {
  id: string;
  object: 'refund';
  amount: number;
  payment_intent: string;
  status: string;
  metadata: Record<string, string>;
}

export interface FakeStripeOptions {
  port?: number;
  /** Present a succeeding card this many ms after a reader receives a PaymentIntent (demo, e2e). */
  autoPresentMs?: number | null;
}

/** Parses Stripe's form encoding (`a[b][0]=x`) into nested objects; numeric keys become arrays. */
export function parseForm(body: string): Json {
  const root: Json = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const parts = rawKey.split(/\[|\]\[|\]/).filter((part, i) => part !== '' || i === 0);
    let node: Json = root;
    parts.forEach((part, i) => {
      const key = part === '' ? String(Object.keys(node).length) : part;
      if (i === parts.length - 1) node[key] = value;
      else node = (node[key] ??= {}) as Json;
    });
  }
  const arrays = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    const obj = value as Json;
    const keys = Object.keys(obj);
    const converted = Object.fromEntries(keys.map((k) => [k, arrays(obj[k])]));
    return keys.length > 0 && keys.every((k, i) => k === String(i)) ? keys.map((k) => converted[k]) : converted;
  };
  return arrays(root) as Json;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class FakeStripe {
  readonly intents = new Map<string, FakeIntent>();
  readonly readers = new Map<string, FakeReader>();
  readonly refunds: FakeRefund[] = [];
  readonly locations = new Map<string, Json>();
  /** Calls that did their work (idempotent replays are not counted), by operation. */
  readonly counts: Record<string, number> = {};
  /** The API key of the latest request (tests check which key Marquee used). */
  lastKey = '';
  /** Every request as received: method and path. */
  readonly requests: string[] = [];

  // ---- switches ----
  /** The next card presented is declined. */
  declineNext = false;
  /**
   * The next card presented for each of these Marquee bookings (`metadata.marquee_booking_id`) is declined:
   * a test declines its own payment without touching payments other tests make on the same reader.
   */
  readonly declineBookings = new Set<string>();
  /** processPaymentIntent answers `terminal_reader_timeout` (the reader did not answer) without starting. */
  readerTimeout = false;
  /** Every request is dropped (socket destroyed) before it is applied. */
  networkDown = false;
  /** The next N requests are applied and then the connection is dropped: the outcome is unknown to the caller. */
  dropResponsesAfterApply = 0;
  /** Capture requests are applied and then never answered; the callback runs once the capture is done. */
  onCaptureHold: ((intent: FakeIntent) => void) | null = null;
  autoPresentMs: number | null;

  private server: Server | null = null;
  private readonly idempotent = new Map<string, { fingerprint: string; status: number; body: Json }>();
  private readonly held = new Set<ServerResponse>();
  private sequence = 0;
  port = 0;

  constructor(options: FakeStripeOptions = {}) {
    this.autoPresentMs = options.autoPresentMs ?? null;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Options for `new Stripe(key, ...)` pointing at this fake. */
  sdkOptions(): Stripe.StripeConfig {
    return { host: '127.0.0.1', port: this.port, protocol: 'http', maxNetworkRetries: 0, telemetry: false };
  }

  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 1_000;
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.held.clear();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  count(op: string): number {
    return this.counts[op] ?? 0;
  }

  /** Captures and automatic-capture successes: money actually taken. */
  charges(): number {
    return [...this.intents.values()].filter((pi) => pi.status === 'succeeded').length;
  }

  reset(): void {
    this.declineNext = false;
    this.declineBookings.clear();
    this.readerTimeout = false;
    this.networkDown = false;
    this.dropResponsesAfterApply = 0;
    this.onCaptureHold = null;
  }

  /** The customer taps a card on the reader (what the test helper endpoint does). */
  present(readerId: string, card: string = SUCCESS_CARD): FakeReader {
    const reader = this.reader(readerId);
    const action = reader.action;
    if (!action || action.status !== 'in_progress')
      throw new ApiError(400, 'invalid_request_error', 'terminal_reader_action_required', 'The reader has no action.');
    const intent = this.intent(action.process_payment_intent.payment_intent);
    const declined =
      card === DECLINE_CARD ||
      this.declineNext ||
      this.declineBookings.delete(intent.metadata.marquee_booking_id ?? '');
    this.declineNext = false;
    if (declined) {
      action.status = 'failed';
      action.failure_code = 'card_declined';
      action.failure_message = 'Your card was declined.';
      intent.status = 'requires_payment_method';
      intent.last_payment_error = { code: 'card_declined', decline_code: 'generic_decline', message: 'declined' };
    } else {
      action.status = 'succeeded';
      intent.last_payment_error = null;
      intent.latest_charge = this.newId('ch');
      if (intent.capture_method === 'manual') intent.status = 'requires_capture';
      else this.succeed(intent);
    }
    return reader;
  }

  /**
   * What the Terminal JS SDK does on a reader it drives from the browser: `collectPaymentMethod` with the
   * PaymentIntent's client secret, then `processPayment`. A declined card leaves the PaymentIntent waiting
   * for a payment method with `last_payment_error`; a good one moves it to `requires_capture` (manual
   * capture) or `succeeded`. Test-only endpoint: `POST /v1/_test/terminal_js/process` (form: `clientSecret`, `card`).
   */
  processWithSdk(clientSecret: string, card: string = SUCCESS_CARD): FakeIntent {
    const intent = [...this.intents.values()].find((pi) => pi.client_secret === clientSecret);
    if (!intent)
      throw new ApiError(400, 'invalid_request_error', 'resource_missing', 'No PaymentIntent has this client secret.');
    if (intent.status !== 'requires_payment_method')
      throw new ApiError(400, 'invalid_request_error', 'payment_intent_unexpected_state', `It is ${intent.status}.`);
    this.bump('terminal_js.process_payment');
    if (card === DECLINE_CARD || this.declineNext) {
      this.declineNext = false;
      intent.last_payment_error = { code: 'card_declined', decline_code: 'generic_decline', message: 'declined' };
    } else {
      intent.last_payment_error = null;
      intent.latest_charge = this.newId('ch');
      if (intent.capture_method === 'manual') intent.status = 'requires_capture';
      else this.succeed(intent);
    }
    return intent;
  }

  /** The customer presses cancel on the reader. */
  cancelOnReader(readerId: string): FakeReader {
    const action = this.reader(readerId).action;
    if (action?.status === 'in_progress') {
      action.status = 'failed';
      action.failure_code = 'customer_canceled';
      action.failure_message = 'The customer cancelled on the reader.';
    }
    return this.reader(readerId);
  }

  /** A webhook event signed with `secret` at `timestamp` (s), as Stripe would deliver it. */
  signedEvent(
    secret: string,
    type: string,
    object: object,
    options: { id?: string; timestamp?: number } = {},
  ): { payload: string; signature: string; id: string } {
    const id = options.id ?? this.newId('evt');
    const payload = JSON.stringify({
      id,
      object: 'event',
      type,
      created: options.timestamp ?? Math.floor(Date.now() / 1000),
      data: { object },
      livemode: false,
      api_version: '2026-10-28.endive',
    });
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: options.timestamp });
    return { payload, signature, id };
  }

  // ---- HTTP ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    this.requests.push(`${method} ${url.pathname}`);
    if (url.pathname.startsWith('/_control/')) {
      this.control(method, url.pathname, raw, res);
      return;
    }
    if (this.networkDown) {
      req.socket.destroy();
      return;
    }
    // A key with "invalid" in it is refused as Stripe refuses a wrong key (Admin → Settings, test connection).
    const auth = req.headers.authorization ?? '';
    this.lastKey = auth.replace(/^Bearer\s+/i, '');
    if (/invalid/.test(auth)) {
      res.writeHead(401, { 'content-type': 'application/json', 'request-id': this.newId('req') });
      res.end(
        JSON.stringify(
          errorBody(new ApiError(401, 'invalid_request_error', 'api_key_invalid', 'Invalid API Key provided.')),
        ),
      );
      return;
    }
    const params = method === 'GET' ? parseForm(url.search.slice(1)) : parseForm(raw);
    const key = req.headers['idempotency-key'];
    const idemKey = typeof key === 'string' && method === 'POST' ? `${url.pathname}|${key}` : null;
    let status = 200;
    let body: Json;
    const prior = idemKey ? this.idempotent.get(idemKey) : undefined;
    if (prior) {
      if (prior.fingerprint !== raw) {
        status = 400;
        body = errorBody(
          new ApiError(400, 'idempotency_error', 'idempotency_key_in_use', 'Keys are for one request only.'),
        );
      } else {
        status = prior.status;
        body = prior.body;
        res.setHeader('idempotent-replayed', 'true');
      }
    } else {
      try {
        body = this.route(method, url.pathname, params);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        status = error.status;
        body = errorBody(error);
      }
      if (idemKey && status < 500) this.idempotent.set(idemKey, { fingerprint: raw, status, body });
    }
    if (this.dropResponsesAfterApply > 0) {
      this.dropResponsesAfterApply -= 1;
      req.socket.destroy();
      return;
    }
    if (url.pathname.endsWith('/capture') && this.onCaptureHold && status === 200) {
      const hold = this.onCaptureHold;
      this.onCaptureHold = null;
      this.held.add(res);
      hold(this.intent(String(body.id)));
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': this.newId('req') });
    res.end(JSON.stringify(body));
  }

  /**
   * Switches for tests in other processes (Playwright's workers reach the fake their global setup started):
   * `POST /_control/decline {"bookingId": N}` declines the next card presented for that booking.
   */
  private control(method: string, path: string, raw: string, res: ServerResponse): void {
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      body = null;
    }
    const bookingId = (body as { bookingId?: unknown } | null)?.bookingId;
    if (method === 'POST' && path === '/_control/decline' && Number.isInteger(bookingId)) {
      this.declineBookings.add(String(bookingId));
      res.writeHead(204).end();
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'unknown control' }));
  }

  private route(method: string, path: string, p: Json): Json {
    const parts = path.split('/').filter(Boolean); // v1, ...
    const at = (i: number) => parts[i] ?? '';
    const route = `${method} /${parts
      .slice(1)
      .map((part, i) => (/^(pi|tmr|tml|re)_/.test(part) && i > 0 ? ':id' : part))
      .join('/')}`;
    const id = parts.find((part, i) => i > 1 && /^(pi|tmr|tml|re)_/.test(part)) ?? '';
    switch (route) {
      case 'GET /balance':
        this.bump('balance.retrieve');
        return { object: 'balance', livemode: false, available: [], pending: [] };
      case 'POST /payment_intents':
        return this.createIntent(p);
      case 'GET /payment_intents':
        return list(
          [...this.intents.values()].filter((pi) => !p.created || pi.created >= Number((p.created as Json).gte)),
        );
      case 'GET /payment_intents/:id':
        return this.intent(id) as unknown as Json;
      case 'POST /payment_intents/:id/capture':
        return this.capture(id);
      case 'POST /payment_intents/:id/cancel':
        return this.cancelIntent(id);
      case 'POST /terminal/readers':
        return this.registerReader(p);
      case 'GET /terminal/readers':
        return list([...this.readers.values()]);
      case 'GET /terminal/readers/:id':
        return this.reader(id) as unknown as Json;
      case 'POST /terminal/readers/:id/process_payment_intent':
        return this.process(id, str(p.payment_intent, ''));
      case 'POST /terminal/readers/:id/cancel_action':
        return this.cancelAction(id);
      case 'POST /test_helpers/terminal/readers/:id/present_payment_method': {
        this.bump('test_helpers.present_payment_method');
        const card = ((p.card_present as Json | undefined)?.number as string | undefined) ?? SUCCESS_CARD;
        return this.present(id, card) as unknown as Json;
      }
      case 'POST /_test/terminal_js/process':
        return this.processWithSdk(str(p.clientSecret, ''), str(p.card, SUCCESS_CARD)) as unknown as Json;
      case 'POST /refunds':
        return this.refund(p);
      case 'POST /terminal/connection_tokens':
        this.bump('terminal.connection_tokens.create');
        return { object: 'terminal.connection_token', secret: `pst_test_${this.newId('secret')}` };
      case 'POST /terminal/locations': {
        this.bump('terminal.locations.create');
        const location = { id: this.newId('tml'), object: 'terminal.location', display_name: p.display_name };
        this.locations.set(location.id, location);
        return location;
      }
      case 'GET /terminal/locations':
        return list([...this.locations.values()]);
      default:
        void at;
        throw new ApiError(404, 'invalid_request_error', 'resource_missing', `Unrecognized request URL (${route}).`);
    }
  }

  private createIntent(p: Json): Json {
    const amount = Number(p.amount);
    if (!Number.isInteger(amount) || amount <= 0)
      throw new ApiError(400, 'invalid_request_error', 'parameter_invalid_integer', 'Invalid amount.');
    this.bump('payment_intents.create');
    const intent: FakeIntent = {
      id: this.newId('pi'),
      object: 'payment_intent',
      amount,
      amount_received: 0,
      currency: str(p.currency, 'gbp').toLowerCase(),
      status: 'requires_payment_method',
      capture_method: str(p.capture_method, 'automatic'),
      metadata: (p.metadata as Record<string, string>) ?? {},
      created: Math.floor(Date.now() / 1000),
      description: (p.description as string) ?? null,
      last_payment_error: null,
      latest_charge: null,
      payment_method_types: (p.payment_method_types as string[]) ?? ['card_present'],
      client_secret: '',
    };
    intent.client_secret = `${intent.id}_secret_${Math.random().toString(36).slice(2, 12)}`;
    this.intents.set(intent.id, intent);
    return intent as unknown as Json;
  }

  private capture(id: string): Json {
    const intent = this.intent(id);
    if (intent.status !== 'requires_capture')
      throw new ApiError(
        400,
        'invalid_request_error',
        'payment_intent_unexpected_state',
        `This PaymentIntent could not be captured because it has a status of ${intent.status}.`,
      );
    this.bump('payment_intents.capture');
    this.succeed(intent);
    return intent as unknown as Json;
  }

  private succeed(intent: FakeIntent): void {
    intent.status = 'succeeded';
    intent.amount_received = intent.amount;
    this.bump('charges');
  }

  private cancelIntent(id: string): Json {
    const intent = this.intent(id);
    if (intent.status === 'succeeded' || intent.status === 'canceled')
      throw new ApiError(
        400,
        'invalid_request_error',
        'payment_intent_unexpected_state',
        `You cannot cancel this PaymentIntent because it has a status of ${intent.status}.`,
      );
    this.bump('payment_intents.cancel');
    intent.status = 'canceled';
    for (const reader of this.readers.values()) {
      const action = reader.action;
      if (action?.status === 'in_progress' && action.process_payment_intent.payment_intent === id) {
        action.status = 'failed';
        action.failure_code = 'payment_intent_canceled';
      }
    }
    return intent as unknown as Json;
  }

  private registerReader(p: Json): Json {
    const code = str(p.registration_code, '');
    if (!code || code === 'invalid-code')
      throw new ApiError(400, 'invalid_request_error', 'resource_missing', 'No reader has this registration code.');
    this.bump('terminal.readers.create');
    const simulated = code.startsWith('simulated-');
    const reader: FakeReader = {
      id: this.newId('tmr'),
      object: 'terminal.reader',
      label: str(p.label, 'Reader'),
      device_type: simulated ? 'simulated_wisepos_e' : 'bbpos_wisepos_e',
      status: 'online',
      location: (p.location as string) ?? null,
      serial_number: `WSC${this.sequence}`,
      action: null,
      metadata: (p.metadata as Record<string, string>) ?? {},
    };
    this.readers.set(reader.id, reader);
    return reader as unknown as Json;
  }

  private process(readerId: string, intentId: string): Json {
    const reader = this.reader(readerId);
    const intent = this.intent(intentId);
    if (this.readerTimeout)
      throw new ApiError(
        400,
        'invalid_request_error',
        'terminal_reader_timeout',
        'The reader did not respond in time; it may not have received the action.',
      );
    if (reader.status === 'offline')
      throw new ApiError(400, 'invalid_request_error', 'terminal_reader_offline', 'The reader is offline.');
    if (reader.action?.status === 'in_progress' && reader.action.process_payment_intent.payment_intent !== intentId)
      throw new ApiError(409, 'invalid_request_error', 'terminal_reader_busy', 'The reader is busy.');
    if (intent.status !== 'requires_payment_method')
      throw new ApiError(400, 'invalid_request_error', 'payment_intent_unexpected_state', `It is ${intent.status}.`);
    this.bump('terminal.readers.process_payment_intent');
    reader.action = {
      type: 'process_payment_intent',
      status: 'in_progress',
      failure_code: null,
      failure_message: null,
      process_payment_intent: { payment_intent: intentId },
    };
    if (this.autoPresentMs !== null) {
      const action = reader.action;
      setTimeout(() => {
        if (reader.action === action && action.status === 'in_progress') this.present(readerId);
      }, this.autoPresentMs).unref();
    }
    return reader as unknown as Json;
  }

  private cancelAction(readerId: string): Json {
    const reader = this.reader(readerId);
    this.bump('terminal.readers.cancel_action');
    if (reader.action?.status === 'in_progress') {
      reader.action.status = 'failed';
      reader.action.failure_code = 'canceled_by_api';
      reader.action.failure_message = 'The action was cancelled.';
    }
    return reader as unknown as Json;
  }

  private refund(p: Json): Json {
    const intent = this.intent(str(p.payment_intent, ''));
    const refunded = this.refunds.filter((r) => r.payment_intent === intent.id).reduce((s, r) => s + r.amount, 0);
    const amount = p.amount === undefined ? intent.amount_received - refunded : Number(p.amount);
    if (intent.status !== 'succeeded')
      throw new ApiError(400, 'invalid_request_error', 'charge_not_captured', 'Nothing was captured.');
    if (!(amount > 0) || refunded + amount > intent.amount_received)
      throw new ApiError(400, 'invalid_request_error', 'charge_already_refunded', 'More than what is left.');
    this.bump('refunds.create');
    const refund: FakeRefund = {
      id: this.newId('re'),
      object: 'refund',
      amount,
      payment_intent: intent.id,
      status: 'succeeded',
      metadata: (p.metadata as Record<string, string>) ?? {},
    };
    this.refunds.push(refund);
    return refund as unknown as Json;
  }

  private intent(id: string): FakeIntent {
    const intent = this.intents.get(id);
    if (!intent)
      throw new ApiError(404, 'invalid_request_error', 'resource_missing', `No such payment_intent: '${id}'`);
    return intent;
  }

  private reader(id: string): FakeReader {
    const reader = this.readers.get(id);
    if (!reader) throw new ApiError(404, 'invalid_request_error', 'resource_missing', `No such reader: '${id}'`);
    return reader;
  }

  private bump(op: string): void {
    this.counts[op] = (this.counts[op] ?? 0) + 1;
  }

  private newId(prefix: string): string {
    this.sequence += 1;
    return `${prefix}_fake${String(this.sequence).padStart(6, '0')}${Math.random().toString(36).slice(2, 8)}`;
  }
}

function str(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function list(items: unknown[]): Json {
  return { object: 'list', data: items, has_more: false, url: '/v1/list' };
}

function errorBody(error: ApiError): Json {
  return { error: { type: error.type, code: error.code, message: error.message } };
}

export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  return new FakeStripe(options).start(options.port ?? 0);
}

// Standalone: `tsx tests/support/fake-stripe.ts [--port N] [--auto-present-ms N]`.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const autoPresent = arg('--auto-present-ms');
  const fake = await startFakeStripe({
    port: Number(arg('--port') ?? 0),
    autoPresentMs: autoPresent === undefined ? null : Number(autoPresent),
  });
  process.stdout.write(`fake stripe listening on ${fake.url}\n`);
  const stop = () => void fake.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
