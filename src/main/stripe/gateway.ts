/**
 * Stripe, behind a small interface so the payments module can be tested against a fake server and
 * never sees the SDK's types. Only what the box office needs: card-present PaymentIntents driven on
 * Terminal readers (server-driven), reader registration and status, refunds, connection tokens for the
 * Terminal JS SDK, and webhook signature checks. Errors come back as `GatewayError` with a kind the
 * domain can act on: `network` (the outcome is unknown: look again later) or `rejected` (Stripe said no).
 */
import Stripe from 'stripe';

export interface StripeConfig {
  secretKey: string;
  webhookSecret?: string;
  /** Another API host for tests and proxies, e.g. `http://127.0.0.1:12111`. */
  apiBase?: string;
  /** A Terminal location for new readers (`tml_...`); without it one is created per theater. */
  location?: string;
}

export interface Intent {
  id: string;
  status: string;
  amount: number;
  amountReceived: number;
  currency: string;
  metadata: Record<string, string>;
  lastErrorCode: string | null;
  /** For the Terminal JS SDK in a counter (`collectPaymentMethod`); never logged or stored. */
  clientSecret: string | null;
}

export interface ReaderAction {
  status: 'in_progress' | 'succeeded' | 'failed';
  failureCode: string | null;
  paymentIntentId: string | null;
}

export interface ReaderInfo {
  id: string;
  label: string;
  deviceType: string;
  online: boolean;
  location: string | null;
  action: ReaderAction | null;
}

export interface WebhookEvent {
  id: string;
  type: string;
  /** The PaymentIntent the event is about (directly, or through a reader's action), if any. */
  paymentIntentId: string | null;
}

export class GatewayError extends Error {
  constructor(
    /** `network`: no answer (the request may or may not have been applied). `rejected`: Stripe refused it. */
    readonly kind: 'network' | 'rejected',
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

export interface CardGateway {
  createPaymentIntent(
    params: { amount: number; currency: string; description: string; metadata: Record<string, string> },
    idempotencyKey: string,
  ): Promise<Intent>;
  retrievePaymentIntent(id: string): Promise<Intent>;
  capturePaymentIntent(id: string, idempotencyKey: string): Promise<Intent>;
  cancelPaymentIntent(id: string): Promise<Intent>;
  /** PaymentIntents created since `sinceSeconds` (epoch s) that still wait for money. */
  listOpenPaymentIntents(sinceSeconds: number): Promise<Intent[]>;
  createLocation(displayName: string): Promise<string>;
  registerReader(params: { registrationCode: string; label: string; location: string }): Promise<ReaderInfo>;
  retrieveReader(id: string): Promise<ReaderInfo>;
  processPaymentIntent(readerId: string, paymentIntentId: string, idempotencyKey: string): Promise<ReaderInfo>;
  cancelReaderAction(readerId: string): Promise<ReaderInfo>;
  /** Test mode only: taps a test card on a simulated reader. */
  presentTestCard(readerId: string): Promise<ReaderInfo>;
  createRefund(
    params: { paymentIntentId: string; amount: number; metadata: Record<string, string> },
    idempotencyKey: string,
  ): Promise<{ id: string; status: string }>;
  createConnectionToken(location?: string): Promise<string>;
  /** Verifies a webhook's signature (tolerance in seconds, `nowMs` from our clock); throws `rejected`. */
  verifyWebhook(payload: string, signature: string, nowMs: number, toleranceSeconds: number): WebhookEvent;
  /** Reads the account's balance: proves the key and the way to Stripe work (Admin → Settings). */
  checkConnection(): Promise<{ livemode: boolean }>;
  readonly webhookConfigured: boolean;
  readonly location: string | undefined;
}

export function createStripeGateway(config: StripeConfig): CardGateway {
  const options: Stripe.StripeConfig = { maxNetworkRetries: 0, telemetry: false, timeout: 20_000 };
  if (config.apiBase) {
    const base = new URL(config.apiBase);
    options.host = base.hostname;
    options.protocol = base.protocol === 'http:' ? 'http' : 'https';
    options.port = Number(base.port || (base.protocol === 'http:' ? 80 : 443));
  }
  const stripe = new Stripe(config.secretKey, options);
  const call = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw toGatewayError(error);
    }
  };
  return {
    webhookConfigured: !!config.webhookSecret,
    location: config.location,
    createPaymentIntent: (params, idempotencyKey) =>
      call(async () =>
        toIntent(
          await stripe.paymentIntents.create(
            {
              amount: params.amount,
              currency: params.currency.toLowerCase(),
              payment_method_types: ['card_present'],
              capture_method: 'manual',
              description: params.description,
              metadata: params.metadata,
            } as Stripe.PaymentIntentCreateParams,
            { idempotencyKey },
          ),
        ),
      ),
    checkConnection: () => call(async () => ({ livemode: (await stripe.balance.retrieve()).livemode })),
    retrievePaymentIntent: (id) => call(async () => toIntent(await stripe.paymentIntents.retrieve(id))),
    capturePaymentIntent: (id, idempotencyKey) =>
      call(async () => toIntent(await stripe.paymentIntents.capture(id, {}, { idempotencyKey }))),
    cancelPaymentIntent: (id) => call(async () => toIntent(await stripe.paymentIntents.cancel(id))),
    listOpenPaymentIntents: (sinceSeconds) =>
      call(async () => {
        const page = await stripe.paymentIntents.list({ created: { gte: sinceSeconds }, limit: 100 });
        return page.data.map(toIntent).filter((pi) => pi.status !== 'succeeded' && pi.status !== 'canceled');
      }),
    createLocation: (displayName) =>
      call(async () => {
        const location = await stripe.terminal.locations.create({
          display_name: displayName,
          address: { line1: displayName, city: 'Box office', country: 'GB', postal_code: 'SW1A 1AA' },
        });
        return location.id;
      }),
    registerReader: (params) =>
      call(async () =>
        toReader(
          await stripe.terminal.readers.create({
            registration_code: params.registrationCode,
            label: params.label,
            location: params.location,
          }),
        ),
      ),
    retrieveReader: (id) =>
      call(async () => {
        const reader = await stripe.terminal.readers.retrieve(id);
        if ('deleted' in reader && reader.deleted) throw new GatewayError('rejected', 'resource_missing', 'Deleted.');
        return toReader(reader);
      }),
    processPaymentIntent: (readerId, paymentIntentId, idempotencyKey) =>
      call(async () =>
        toReader(
          await stripe.terminal.readers.processPaymentIntent(
            readerId,
            { payment_intent: paymentIntentId },
            { idempotencyKey },
          ),
        ),
      ),
    cancelReaderAction: (readerId) =>
      call(async () => toReader((await stripe.terminal.readers.cancelAction(readerId)) as Stripe.Terminal.Reader)),
    presentTestCard: (readerId) =>
      call(async () =>
        toReader((await stripe.testHelpers.terminal.readers.presentPaymentMethod(readerId)) as Stripe.Terminal.Reader),
      ),
    createRefund: (params, idempotencyKey) =>
      call(async () => {
        const refund = await stripe.refunds.create(
          { payment_intent: params.paymentIntentId, amount: params.amount, metadata: params.metadata },
          { idempotencyKey },
        );
        return { id: refund.id, status: refund.status ?? 'pending' };
      }),
    createConnectionToken: (location) =>
      call(async () => (await stripe.terminal.connectionTokens.create(location ? { location } : {})).secret),
    verifyWebhook(payload, signature, nowMs, toleranceSeconds) {
      if (!config.webhookSecret) throw new GatewayError('rejected', 'not_configured', 'No webhook secret is set.');
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(
          payload,
          signature,
          config.webhookSecret,
          toleranceSeconds,
          undefined,
          nowMs,
        );
      } catch (error) {
        throw new GatewayError('rejected', 'bad_signature', error instanceof Error ? error.message : 'Bad signature.');
      }
      return { id: event.id, type: event.type, paymentIntentId: intentOfEvent(event) };
    },
  };
}

function intentOfEvent(event: Stripe.Event): string | null {
  const object = event.data.object as unknown as Record<string, unknown>;
  if (object.object === 'payment_intent' && typeof object.id === 'string') return object.id;
  if (object.object === 'terminal.reader') {
    const action = object.action as { process_payment_intent?: { payment_intent?: unknown } } | null;
    const pi = action?.process_payment_intent?.payment_intent;
    if (typeof pi === 'string') return pi;
    if (pi && typeof pi === 'object' && typeof (pi as { id?: unknown }).id === 'string')
      return (pi as { id: string }).id;
  }
  return null;
}

function toIntent(pi: Stripe.PaymentIntent): Intent {
  return {
    id: pi.id,
    status: pi.status,
    amount: pi.amount,
    amountReceived: pi.amount_received ?? 0,
    currency: pi.currency,
    metadata: pi.metadata ?? {},
    lastErrorCode: pi.last_payment_error?.code ?? null,
    clientSecret: pi.client_secret ?? null,
  };
}

function toReader(reader: Stripe.Terminal.Reader): ReaderInfo {
  const action = reader.action;
  const pi = action?.process_payment_intent?.payment_intent;
  return {
    id: reader.id,
    label: reader.label ?? reader.id,
    deviceType: String(reader.device_type),
    online: reader.status === 'online',
    location: typeof reader.location === 'string' ? reader.location : (reader.location?.id ?? null),
    action: action
      ? {
          status: action.status as ReaderAction['status'],
          failureCode: action.failure_code ?? null,
          paymentIntentId: typeof pi === 'string' ? pi : (pi?.id ?? null),
        }
      : null,
  };
}

function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  if (error instanceof Stripe.errors.StripeError) {
    if (error.type === 'StripeConnectionError' || (error.statusCode ?? 0) >= 500 || error.statusCode === undefined)
      return new GatewayError('network', error.code ?? 'network_error', error.message);
    return new GatewayError('rejected', error.code ?? error.type, error.message);
  }
  return new GatewayError('network', 'network_error', error instanceof Error ? error.message : String(error));
}
