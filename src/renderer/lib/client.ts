/**
 * The renderer's one way to reach the main process: `call(name, input)`, typed by the shared contract.
 *
 * The transport is chosen once at boot: IPC through the preload bridge inside Electron, HTTP RPC
 * (`POST /rpc/<name>`) in a browser on the LAN. Both answer the same way; failures become a `ClientError`
 * carrying the contract's stable error code, so screens translate by code and never parse messages.
 *
 * The renderer is an untrusted caller: it never decides who may do what. It only carries the current
 * mode's session and reports a 401 so the mode can ask for a login again (see session.ts). In a browser
 * the session is the mode's HttpOnly cookie, which script never sees: every call names the mode in the
 * `X-Marquee-Session` header and the browser adds the cookie. Over IPC (no cookies) the token is held in
 * memory and sent with each call; a terminal PC's window sends the credential its shell keeps the same way.
 */
import { ERRORS, isErrorCode, type FieldError } from '../../shared/contract/errors';
import { operations, type InputOf, type OperationName, type OutputOf } from '../../shared/contract/index';
import type { MarqueeBridge } from './bridge';

/** Codes the client adds to the contract's own: the server could not be asked or did not answer. */
export type ClientOnlyCode = 'network_error' | 'timeout' | 'bad_response';

export class ClientError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown>;
  /** The HTTP status (or the contract's status for the code over IPC); 0 when nothing answered. */
  readonly status: number;

  constructor(code: string, message: string, details: Record<string, unknown> = {}, status = 0) {
    super(message);
    this.name = 'ClientError';
    this.code = code;
    this.details = details;
    this.status = status;
  }

  /** `details.fields` of a validation error, checked element by element (the server is not trusted either). */
  get fieldErrors(): FieldError[] {
    const fields = this.details['fields'];
    if (!Array.isArray(fields)) return [];
    return fields.flatMap((field: unknown) => {
      if (typeof field !== 'object' || field === null) return [];
      const { path, message } = field as Record<string, unknown>;
      return typeof path === 'string' && typeof message === 'string' ? [{ path, message }] : [];
    });
  }
}

export function isClientError(error: unknown, code?: string): error is ClientError {
  return error instanceof ClientError && (code === undefined || error.code === code);
}

/** The browser sessions the server knows (`X-Marquee-Session`), one cookie each. */
export type SessionMode = 'admin' | 'counter' | 'kiosk' | 'door';

export const SESSION_HEADER = 'x-marquee-session';

/** What a call carries to say who asks: a token held in memory, and (HTTP) the browser session's mode. */
export interface Credentials {
  token: string | null;
  session: SessionMode | null;
}

export interface Transport {
  readonly kind: 'ipc' | 'http';
  /** Resolves with the operation's output (undefined for void ones) or rejects with a ClientError. */
  send(name: string, input: unknown, credentials: Credentials, idempotencyKey?: string): Promise<unknown>;
}

const NO_CREDENTIALS: Credentials = { token: null, session: null };

/** Headers that name the caller on a same-origin HTTP request (RPC, or a REST GET such as a ticket PDF). */
export function authHeaders(credentials: Credentials): Record<string, string> {
  const headers: Record<string, string> = {};
  if (credentials.session) headers[SESSION_HEADER] = credentials.session;
  if (credentials.token) headers['authorization'] = `Bearer ${credentials.token}`;
  return headers;
}

const REQUEST_TIMEOUT_MS = 20_000;

function statusOf(code: string): number {
  return isErrorCode(code) ? ERRORS[code].status : 500;
}

function errorFromBody(body: unknown, status: number): ClientError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error = body.error;
    if (typeof error === 'object' && error !== null) {
      const { code, message, details } = error as Record<string, unknown>;
      if (typeof code === 'string') {
        return new ClientError(
          code,
          typeof message === 'string' ? message : isErrorCode(code) ? ERRORS[code].message : code,
          typeof details === 'object' && details !== null ? (details as Record<string, unknown>) : {},
          status,
        );
      }
    }
  }
  const code = status >= 500 ? 'internal_error' : status === 401 ? 'unauthenticated' : 'bad_response';
  return new ClientError(code, isErrorCode(code) ? ERRORS[code].message : `The server answered ${status}.`, {}, status);
}

/**
 * HTTP RPC for the browser build: same origin, JSON in and out. The browser adds the mode's session
 * cookie by itself (same-origin credentials); the header names which cookie counts.
 */
export function httpTransport(baseUrl = ''): Transport {
  return {
    kind: 'http',
    async send(name, input, credentials, idempotencyKey) {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        accept: 'application/json',
        ...authHeaders(credentials),
      };
      if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
      let response: Response;
      try {
        response = await fetch(`${baseUrl}/rpc/${name}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers,
          body: JSON.stringify(input ?? {}),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
      } catch (error) {
        if (error instanceof DOMException && error.name === 'TimeoutError') {
          throw new ClientError('timeout', 'The box-office server took too long to answer.');
        }
        throw new ClientError('network_error', 'Cannot reach the box-office server.');
      }
      if (response.status === 204) return undefined;
      const text = await response.text();
      let body: unknown = undefined;
      if (text) {
        try {
          body = JSON.parse(text) as unknown;
        } catch {
          throw new ClientError('bad_response', 'The server sent an answer that is not JSON.', {}, response.status);
        }
      }
      if (!response.ok) throw errorFromBody(body, response.status);
      return body;
    },
  };
}

/** IPC through the preload bridge inside Electron. */
type BridgeCall = NonNullable<MarqueeBridge['call']>;

export function ipcTransport(bridge: { call: BridgeCall }): Transport {
  return {
    kind: 'ipc',
    async send(name, input, credentials, idempotencyKey) {
      let result: Awaited<ReturnType<BridgeCall>>;
      try {
        result = await bridge.call(name, input ?? {}, credentials.token, idempotencyKey ?? null);
      } catch {
        throw new ClientError('network_error', 'The desktop app did not answer.');
      }
      if (result.ok) return result.value;
      const { code, message, details } = result.error;
      throw new ClientError(code, message, details ?? {}, statusOf(code));
    },
  };
}

/**
 * IPC when the shell runs the core in this process; HTTP RPC to the page's own origin otherwise (a browser,
 * or a terminal PC's window showing the box office's pages, whose bridge has no `call`).
 */
export function chooseTransport(): Transport {
  const bridge = typeof window !== 'undefined' ? window.marquee : undefined;
  const local = bridge && bridge.transport !== 'http' && typeof bridge.call === 'function' ? bridge : null;
  return local ? ipcTransport(local as { call: BridgeCall }) : httpTransport();
}

type Listener = () => void;

/** `reconnecting`: the last call could not reach the box office; the client probes until it answers. */
export type ConnectionState = 'online' | 'reconnecting';

/** Codes that mean "the box office could not be reached" rather than "it refused". */
export function isConnectionError(error: unknown): boolean {
  return (
    isClientError(error) && (error.code === 'network_error' || error.code === 'timeout' || error.code === 'unavailable')
  );
}

const PROBE_FIRST_MS = 1_000;
const PROBE_MAX_MS = 5_000;

/**
 * Holds the transport and the current mode's session: the browser session's mode (HTTP; its cookie is
 * the credential) and a token held in memory (IPC, a terminal's kept credential). A 401 on a call made
 * while signed in means the session ended (expired, revoked, user disabled or given another role): the
 * session is dropped and listeners are told, so the mode shows its login again.
 */
export class Client {
  private token: string | null = null;
  private session: SessionMode | null = null;
  private signedIn = false;
  /** Bumped at every sign-in and sign-out, so a late 401 from an earlier session ends nothing. */
  private generation = 0;
  private readonly unauthorizedListeners = new Set<Listener>();
  private readonly forbiddenListeners = new Set<Listener>();
  private readonly connectionListeners = new Set<Listener>();
  private state: ConnectionState = 'online';
  private probeTimer: ReturnType<typeof setTimeout> | null = null;
  private waiting: (() => void)[] = [];

  constructor(readonly transport: Transport) {}

  /** Whether the box office answered the last call; `reconnecting` until a probe gets through again. */
  get connection(): ConnectionState {
    return this.state;
  }

  onConnectionChange(listener: Listener): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  /** Resolves once the box office answers again (at once when it does already). */
  whenOnline(): Promise<void> {
    if (this.state === 'online') return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private setConnection(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    if (state === 'online') {
      const waiting = this.waiting;
      this.waiting = [];
      for (const resolve of waiting) resolve();
    }
    for (const listener of [...this.connectionListeners]) listener();
  }

  /** Lost: probe the health check with a growing pause until it answers, then say so. */
  private lost(): void {
    this.setConnection('reconnecting');
    if (this.probeTimer !== null) return;
    let delay = PROBE_FIRST_MS;
    const probe = (): void => {
      this.transport.send('system.health', {}, NO_CREDENTIALS).then(
        () => {
          this.probeTimer = null;
          this.setConnection('online');
        },
        () => {
          delay = Math.min(delay * 2, PROBE_MAX_MS);
          this.probeTimer = setTimeout(probe, delay);
        },
      );
    };
    this.probeTimer = setTimeout(probe, delay);
  }

  /**
   * Like `call`, but a lost connection is waited out and the call sent again with the same
   * Idempotency-Key, so an answer lost on the way back returns the first answer instead of doing it twice.
   * Use it for what must not be lost (starting a card payment, reading it back).
   */
  async callUntilReached<N extends OperationName>(
    name: N,
    input: InputOf<N>,
    options: { idempotencyKey?: string; signal?: AbortSignal } = {},
  ): Promise<OutputOf<N>> {
    const idempotencyKey = options.idempotencyKey ?? (operations[name].idempotent ? crypto.randomUUID() : undefined);
    for (;;) {
      try {
        return await this.call(name, input, idempotencyKey === undefined ? {} : { idempotencyKey });
      } catch (error) {
        if (!isConnectionError(error) || options.signal?.aborted) throw error;
        await this.whenOnline();
        if (options.signal?.aborted) throw error;
      }
    }
  }

  /** True when the session lives in a cookie the browser keeps (HTTP), false when the page must hold it (IPC). */
  get usesCookies(): boolean {
    return this.transport.kind === 'http';
  }

  /** The browser session every call names from now on (the page's mode); IPC ignores it. */
  setSessionMode(mode: SessionMode | null): void {
    this.session = mode;
  }

  /**
   * Signed in from now on: with `token` held in memory (IPC, a terminal's credential), or with the
   * browser's cookie when it is null or empty (the server put the credential there and blanked it).
   */
  signIn(token: string | null): void {
    this.token = token ? token : null;
    this.signedIn = true;
    this.generation += 1;
  }

  /** Signed out: nothing is held any more (the server clears the cookie on `auth.logout`). */
  signOut(): void {
    this.token = null;
    this.signedIn = false;
    this.generation += 1;
  }

  /** The token held in memory, for the desktop's own printing bridge; null in a browser session. */
  getToken(): string | null {
    return this.token;
  }

  /** What a same-origin request of the page's own (a ticket PDF) carries to say who asks. */
  credentials(): Credentials {
    return { token: this.token, session: this.transport.kind === 'http' ? this.session : null };
  }

  onUnauthorized(listener: Listener): () => void {
    this.unauthorizedListeners.add(listener);
    return () => this.unauthorizedListeners.delete(listener);
  }

  /** A call made while signed in was refused as `forbidden`: the role may have changed since sign-in. */
  onForbidden(listener: Listener): () => void {
    this.forbiddenListeners.add(listener);
    return () => this.forbiddenListeners.delete(listener);
  }

  /**
   * `idempotencyKey`: one per user action for operations that take money or create bookings, so that
   * retrying the action (a lost answer, a double tap) cannot do it twice. Made here when not given.
   */
  async call<N extends OperationName>(
    name: N,
    input: InputOf<N>,
    options: { idempotencyKey?: string } = {},
  ): Promise<OutputOf<N>> {
    const sentGeneration = this.signedIn ? this.generation : null;
    const key = options.idempotencyKey ?? (operations[name].idempotent ? crypto.randomUUID() : undefined);
    try {
      const output = (await this.transport.send(name, input, this.credentials(), key)) as OutputOf<N>;
      this.setConnection('online');
      return output;
    } catch (error) {
      if (isConnectionError(error)) this.lost();
      else if (isClientError(error) && error.status > 0) this.setConnection('online');
      // Only the session that is still the current one ends: a late 401 from before a new login does not.
      if (isClientError(error) && error.status === 401 && sentGeneration === this.generation) {
        this.signOut();
        for (const listener of this.unauthorizedListeners) listener();
      } else if (isClientError(error, 'forbidden') && sentGeneration === this.generation) {
        for (const listener of this.forbiddenListeners) listener();
      }
      throw error;
    }
  }
}

export const client = new Client(chooseTransport());

/** Calls one contract operation over the boot-time transport with the current mode's session. */
export function call<N extends OperationName>(
  name: N,
  input: InputOf<N>,
  options: { idempotencyKey?: string } = {},
): Promise<OutputOf<N>> {
  return client.call(name, input, options);
}
