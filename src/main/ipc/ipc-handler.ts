/**
 * The IPC transport's logic, free of Electron: sender check, request parsing, authentication, dispatch
 * with `transport: 'ipc'`, and the mapping of every outcome to an IpcResult. ipc-transport.ts only wires
 * these functions to ipcMain. Same rules as the HTTP RPC route: an unknown or expired token is refused
 * (`unauthenticated`) except on public operations, where it is ignored.
 */
import { DomainError } from '../../shared/contract/errors';
import { isOperationName, operations } from '../../shared/contract/index';
import { isValidTopic, type IpcResult, type PrintOutcome } from '../../preload/protocol';
import { ANONYMOUS, type Actor } from '../core/actor';
import type { Dispatcher } from '../core/dispatcher';
import { failure, success, toIpcFailure, type IpcLogger } from './ipc-result';
import { checkSender, type SenderInfo, type SenderPolicy } from './sender-guard';
import type { SubscriptionRegistry } from './subscriptions';

/** Bounds on what a renderer may send; anything larger is refused before it reaches the core. */
export const MAX_OPERATION_NAME_LENGTH = 100;
export const MAX_TOKEN_LENGTH = 500;

export interface IpcHandlerOptions {
  dispatcher: Dispatcher;
  /** Sends a rendered ticket layout (HTML) to this machine's ticket printer; absent: no printer here. */
  printHtml?: ((html: string) => Promise<void>) | null;
  /** `core.accounts.authenticate`: a token to an actor, or null when unknown, expired or revoked. */
  authenticate: (token: string) => Promise<Actor | null>;
  policy: SenderPolicy;
  subscriptions: SubscriptionRegistry;
  log: IpcLogger;
}

export interface IpcHandlers {
  call(sender: SenderInfo, request: unknown): Promise<IpcResult>;
  subscribe(sender: SenderInfo, topic: unknown): IpcResult<null>;
  unsubscribe(sender: SenderInfo, topic: unknown): IpcResult<null>;
  print(sender: SenderInfo, request: unknown): Promise<PrintOutcome>;
}

interface ParsedRequest {
  name: string;
  input: unknown;
  token: string | null;
  idempotencyKey: string | null;
}

function parseRequest(request: unknown): ParsedRequest {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    throw new DomainError('bad_request', 'An IPC call is { name, input, token }.');
  }
  const { name, input, token, idempotencyKey } = request as Record<string, unknown>;
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_OPERATION_NAME_LENGTH) {
    throw new DomainError('bad_request', 'The operation name is missing or too long.');
  }
  if (token !== undefined && token !== null && (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH)) {
    throw new DomainError('bad_request', 'The token must be a string or null.');
  }
  if (
    idempotencyKey !== undefined &&
    idempotencyKey !== null &&
    (typeof idempotencyKey !== 'string' || idempotencyKey.length > 200)
  ) {
    throw new DomainError('bad_request', 'The idempotency key must be a string of at most 200 characters.');
  }
  return {
    name,
    input,
    token: typeof token === 'string' && token !== '' ? token : null,
    idempotencyKey: typeof idempotencyKey === 'string' && idempotencyKey !== '' ? idempotencyKey : null,
  };
}

export function createIpcHandlers(options: IpcHandlerOptions): IpcHandlers {
  const { dispatcher, authenticate, policy, subscriptions, log, printHtml } = options;

  function refuse(sender: SenderInfo, what: string): IpcResult<never> | null {
    const verdict = checkSender(sender, policy);
    if (verdict.trusted) return null;
    log(`refused an IPC ${what} from webContents ${sender.webContentsId}: ${verdict.reason}`);
    return failure('forbidden', 'This window may not call the box office.');
  }

  return {
    async call(sender, request) {
      const refused = refuse(sender, 'call');
      if (refused) return refused;
      try {
        const { name, input, token, idempotencyKey } = parseRequest(request);
        if (!isOperationName(name)) throw new DomainError('not_found', `There is no operation ${name}.`);
        let actor: Actor = ANONYMOUS;
        if (token !== null) {
          const authenticated = await authenticate(token);
          if (authenticated) actor = authenticated;
          else if (operations[name].access !== 'public') {
            throw new DomainError('unauthenticated', 'The token is unknown, expired or revoked: log in again.');
          }
        }
        const value = await dispatcher.call(name, input, {
          actor,
          transport: 'ipc',
          ...(idempotencyKey !== null && { idempotencyKey }),
        });
        return success(value);
      } catch (error) {
        return toIpcFailure(error, log);
      }
    },

    /**
     * The server renders the layout through `tickets.print` (same access rules and print counting as over
     * HTTP: the first print is the original, later ones say REPRINT); only then is the printer asked.
     */
    async print(sender, request) {
      const refused = refuse(sender, 'print');
      if (refused) return { ok: false, reason: 'refused', message: 'This window may not print.' };
      if (!printHtml) {
        return { ok: false, reason: 'no_printer', message: 'No ticket printer is set up on this machine.' };
      }
      const { bookingId, token } = (typeof request === 'object' && request !== null ? request : {}) as Record<
        string,
        unknown
      >;
      const result = await this.call(sender, { name: 'tickets.print', input: { bookingId }, token });
      if (!result.ok) return { ok: false, reason: 'refused', message: result.error.message };
      const layout = result.value as { html: string; printCount: number };
      try {
        await printHtml(layout.html);
        return { ok: true, printCount: layout.printCount };
      } catch (error) {
        log(`printing failed: ${error instanceof Error ? error.message : String(error)}`);
        return {
          ok: false,
          reason: 'print_failed',
          message: 'The ticket printer did not print (paper, cable or power).',
        };
      }
    },

    subscribe(sender, topic) {
      const refused = refuse(sender, 'subscribe');
      if (refused) return refused;
      if (!isValidTopic(topic)) return failure('bad_request', 'A topic is a short dotted lower-case name.');
      if (!subscriptions.add(sender.webContentsId, topic)) {
        return failure('too_many_attempts', 'This window has too many subscriptions.');
      }
      return success(null);
    },

    unsubscribe(sender, topic) {
      const refused = refuse(sender, 'unsubscribe');
      if (refused) return refused;
      if (isValidTopic(topic)) subscriptions.remove(sender.webContentsId, topic);
      return success(null);
    },
  };
}
