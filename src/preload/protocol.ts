/**
 * The IPC protocol between the preload bridge and the main process's IPC transport: channel names,
 * message shapes, the window arguments the shell passes to the preload, and the bridge's type.
 *
 * Invariants: this file imports nothing at runtime (it is bundled into the sandboxed preload, which may
 * only `require('electron')`), and it never touches node:, electron or the DOM, so the main process and
 * the tests import it as plain TypeScript.
 */
/** Every channel the app uses. The preload never exposes ipcRenderer, only functions over these. */
export const IPC_CHANNELS = {
  /** invoke: one contract operation → IpcResult. */
  call: 'marquee:call',
  /** invoke: start receiving a topic's events → IpcResult<null>. */
  subscribe: 'marquee:subscribe',
  /** invoke: stop receiving a topic's events → IpcResult<null>. */
  unsubscribe: 'marquee:unsubscribe',
  /** invoke: print a booking's tickets on this machine's ticket printer → IpcResult<{ printCount }>. */
  print: 'marquee:print',
  /** main → renderer: one event `{ topic, payload }` of a topic this window subscribed to. */
  event: 'marquee:event',
  /** invoke (terminal windows): the box office and device credential the shell keeps → TerminalConnection | null. */
  terminalConnection: 'marquee:terminal:connection',
  /** invoke (terminal windows): pair with a box office `{ address, pairingCode }` → TerminalConnectResult. */
  terminalConnect: 'marquee:terminal:connect',
  /** invoke (terminal windows): forget the revoked device credential → null. */
  terminalForget: 'marquee:terminal:forget',
  /** invoke (admin, desktop with a core): this PC's printers and its ticket printer → PrintersResult. */
  printersList: 'marquee:printers:list',
  /** invoke (admin, desktop with a core): choose this PC's ticket printer `{ token, choice }` → { ok }. */
  printersSet: 'marquee:printers:set',
} as const;

export const APP_MODES = ['counter', 'kiosk', 'admin'] as const;
export type AppMode = (typeof APP_MODES)[number];

export function isAppMode(value: unknown): value is AppMode {
  return typeof value === 'string' && (APP_MODES as readonly string[]).includes(value);
}

/**
 * How the window reaches the core. `ipc`: the shell runs the core in this process and the bridge calls it.
 * `http`: the window shows another Marquee's pages (a kiosk PC pointed at the box office), so the preload
 * exposes no bridge and the renderer talks HTTP RPC to its own origin, as in a browser.
 */
export type WindowTransport = 'ipc' | 'http';

/** `webPreferences.additionalArguments` the shell gives each window; they end up in the preload's argv. */
export const MODE_ARGUMENT = '--marquee-mode=';
export const TRANSPORT_ARGUMENT = '--marquee-transport=';

export function windowArguments(mode: AppMode, transport: WindowTransport): string[] {
  return [`${MODE_ARGUMENT}${mode}`, `${TRANSPORT_ARGUMENT}${transport}`];
}

function argumentValue(argv: readonly string[], prefix: string): string | null {
  // The last occurrence wins, as with command-line flags generally.
  for (let i = argv.length - 1; i >= 0; i -= 1) {
    const arg = argv[i];
    if (arg !== undefined && arg.startsWith(prefix)) return arg.slice(prefix.length);
  }
  return null;
}

/**
 * The window's mode from its argv. A window the shell opened always has one; without it the preload
 * falls back to the kiosk, the mode that can do least.
 */
export function modeFromArgv(argv: readonly string[]): AppMode {
  const value = argumentValue(argv, MODE_ARGUMENT);
  return isAppMode(value) ? value : 'kiosk';
}

export function transportFromArgv(argv: readonly string[]): WindowTransport {
  return argumentValue(argv, TRANSPORT_ARGUMENT) === 'http' ? 'http' : 'ipc';
}

/** What the renderer sends on `marquee:call`. Untrusted: the main process parses it. */
export interface IpcCallRequest {
  name: string;
  input: unknown;
  token: string | null;
  /** One per user action for operations that create money or bookings; a retry sends the same one. */
  idempotencyKey?: string | null;
}

export interface IpcError {
  /** A contract `ErrorCode`; typed as string because a renderer must cope with codes newer than itself. */
  code: string;
  message: string;
  details: Record<string, unknown>;
}

/**
 * Every invoke answers a result instead of rejecting: Electron turns a rejection into a bare Error whose
 * message is all that crosses, which would lose the error code the renderer translates by.
 */
export type IpcResult<T = unknown> = { ok: true; value: T } | { ok: false; error: IpcError };

/** A terminal PC's box office and its device credential (null once forgotten). */
export interface TerminalConnection {
  serverUrl: string;
  credential: string | null;
}

export type TerminalConnectResult = { ok: true; serverUrl: string } | { ok: false; code: string; message: string };

/**
 * `window.marquee` in a terminal's window (transport `http`: the pages come from the box office and talk
 * HTTP to it): no `call`, only what the terminal PC itself does: keep its pairing, and print locally.
 */
export interface TerminalWindowBridge {
  readonly mode: AppMode;
  readonly transport: 'http';
  readonly terminal: {
    connection(): Promise<TerminalConnection | null>;
    connect(address: string, pairingCode: string): Promise<TerminalConnectResult>;
    forget(): Promise<void>;
  };
  printTickets(bookingId: number, token: string | null): Promise<PrintOutcome>;
}

/** What main sends on `marquee:event`. */
export interface IpcEventMessage {
  topic: string;
  payload: unknown;
}

/** Topics are short dotted names (`showtime.42.seats`): no wildcards, nothing a renderer could abuse. */
export const MAX_TOPIC_LENGTH = 100;
const TOPIC_PATTERN = /^[a-z][a-z0-9_-]*(?:\.[a-z0-9_-]+)*$/;

export function isValidTopic(topic: unknown): topic is string {
  return typeof topic === 'string' && topic.length <= MAX_TOPIC_LENGTH && TOPIC_PATTERN.test(topic);
}

/**
 * `window.marquee`, as the preload exposes it (kept in step with src/renderer/lib/bridge.d.ts, which is the
 * renderer's view of the same object).
 */
export interface MarqueeBridge {
  /** One contract operation; the main process checks the sender, the token, the role and the input. */
  call(name: string, input: unknown, token: string | null, idempotencyKey?: string | null): Promise<IpcResult>;
  /** Live updates of a topic; returns the function that stops them. */
  subscribe(topic: string, listener: (payload: unknown) => void): () => void;
  /** The mode the shell opened this window for. */
  readonly mode: AppMode;
  /**
   * Print a booking's tickets silently on the printer configured for this machine (settings.json
   * `printer`). The token decides who asks, exactly as for `call` (the `tickets.print` operation).
   */
  printTickets(bookingId: number, token: string | null): Promise<PrintOutcome>;
  /** Admin → Settings → Printers: this PC's printers and its ticket printer (admins' tokens only). */
  readonly printers: {
    list(token: string | null): Promise<unknown>;
    set(token: string | null, choice: unknown): Promise<unknown>;
  };
}

/**
 * What the renderer learns of a print: done, or why not (`no_printer`: none set up; `print_failed`: the
 * printer did not print, e.g. out of paper; `refused`: this window or booking may not print).
 */
export type PrintOutcome =
  { ok: true; printCount: number } | { ok: false; reason: 'no_printer' | 'print_failed' | 'refused'; message: string };
