/**
 * A card reader driven from this counter with Stripe's Terminal JS SDK (readers registered with
 * `integration: "terminal_js"`, on the counter's LAN). The SDK is loaded from js.stripe.com only when such
 * a reader is used (`@stripe/terminal-js/pure` waits for `loadStripeTerminal()`); connection tokens come
 * from the main process. This module only drives the reader: the PaymentIntent is created by the main
 * process, and whether money was taken is decided there, from Stripe (`payments.settle`), never from what
 * the SDK says here.
 *
 * Every failure comes back as a `TerminalFailure` whose `kind` the tender turns into words for the cashier.
 */
import { loadStripeTerminal, type ErrorResponse, type Reader, type Terminal } from '@stripe/terminal-js/pure';
import { call } from '../../lib/client';

export type TerminalFailureKind =
  /** The SDK could not be loaded from Stripe (no internet, or blocked). */
  | 'sdk_unavailable'
  /** Discovery did not list the reader, or connecting to it failed (off, asleep, another network). */
  | 'unreachable'
  /** The card was declined (the PaymentIntent records it; the main process reads it there). */
  | 'declined'
  /** Collection was cancelled (on the counter or on the reader). */
  | 'cancelled'
  /** Anything else the SDK reported while collecting or processing. */
  | 'failed';

export class TerminalFailure extends Error {
  constructor(
    readonly kind: TerminalFailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'TerminalFailure';
  }
}

export interface TerminalReader {
  id: string;
  label: string;
  theaterId: number;
  simulated: boolean;
  location: string | null;
}

function isError<T extends object>(result: T | ErrorResponse): result is ErrorResponse {
  return 'error' in result && !!result.error;
}

let terminalPromise: Promise<Terminal> | null = null;
let tokenTheater: number | null = null;
let connectedReaderId: string | null = null;

async function terminalFor(theaterId: number): Promise<Terminal> {
  tokenTheater = theaterId;
  terminalPromise ??= (async () => {
    let sdk;
    try {
      sdk = await loadStripeTerminal();
    } catch {
      sdk = null;
    }
    if (!sdk) throw new TerminalFailure('sdk_unavailable', 'The card reader software could not be loaded.');
    return sdk.create({
      onFetchConnectionToken: async () =>
        (await call('terminal.connectionToken', tokenTheater === null ? {} : { theaterId: tokenTheater })).secret,
      onUnexpectedReaderDisconnect: () => {
        connectedReaderId = null;
      },
    });
  })();
  try {
    return await terminalPromise;
  } catch (error) {
    terminalPromise = null; // try loading again next time (the network may be back)
    throw error;
  }
}

/** Connects this counter to the reader (discovered by its Stripe id), unless it already is. */
export async function connectReader(reader: TerminalReader): Promise<void> {
  const terminal = await terminalFor(reader.theaterId);
  const connected = String(terminal.getConnectionStatus()) === 'connected';
  if (connected && connectedReaderId === reader.id) return;
  if (connected) await terminal.disconnectReader();
  connectedReaderId = null;
  const discovered = await terminal.discoverReaders({
    simulated: reader.simulated,
    ...(reader.location && !reader.simulated ? { location: reader.location } : {}),
  });
  if (isError(discovered)) throw new TerminalFailure('unreachable', discovered.error.message);
  // Stripe's simulated reader has an id of its own; a real one is found by the id it was registered with.
  const found: Reader | undefined = reader.simulated
    ? discovered.discoveredReaders[0]
    : discovered.discoveredReaders.find((candidate) => candidate.id === reader.id);
  if (!found) throw new TerminalFailure('unreachable', 'The reader was not found on this network.');
  const result = await terminal.connectReader(found, { fail_if_in_use: true });
  if (isError(result)) throw new TerminalFailure('unreachable', result.error.message);
  connectedReaderId = reader.id;
}

/**
 * Collects a card on the connected reader for the PaymentIntent behind `clientSecret` and processes it.
 * Resolves once the SDK says the card was processed; rejects with a `TerminalFailure` otherwise.
 */
export async function collectAndProcess(reader: TerminalReader, clientSecret: string): Promise<void> {
  const terminal = await terminalFor(reader.theaterId);
  const collected = await terminal.collectPaymentMethod(clientSecret);
  if (isError(collected)) {
    const code = collected.error.code ?? '';
    throw new TerminalFailure(code === 'canceled' ? 'cancelled' : 'failed', collected.error.message);
  }
  const processed = await terminal.processPayment(collected.paymentIntent);
  if (isError(processed)) {
    const { code, decline_code: declineCode, message } = processed.error;
    throw new TerminalFailure(code === 'card_declined' || declineCode ? 'declined' : 'failed', message);
  }
}

/** Stops a collection waiting for the card; false when there was nothing to stop (already processing). */
export async function cancelCollect(reader: TerminalReader): Promise<boolean> {
  const terminal = await terminalFor(reader.theaterId);
  const result = await terminal.cancelCollectPaymentMethod();
  return !isError(result);
}
