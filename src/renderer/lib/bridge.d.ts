/**
 * The Electron preload bridge (src/preload/protocol.ts, MarqueeBridge). When it exists the renderer talks
 * IPC; in a browser on the LAN (or an Electron window showing another Marquee's pages) it is absent and the
 * renderer talks HTTP RPC. Kept in step with the preload by hand: the renderer may not import src/preload.
 */
export {};

export type BridgeMode = 'counter' | 'kiosk' | 'admin';

export type BridgeResult =
  | { ok: true; value: unknown }
  | { ok: false; error: { code: string; message: string; details: Record<string, unknown> } };

/** A terminal PC (a kiosk or second counter connected to a box office): what its shell keeps for it. */
export interface TerminalConnection {
  /** The box office this PC shows, e.g. http://box-office:7450. */
  serverUrl: string;
  /** The device credential from pairing, kept by the shell (encrypted at rest); null once forgotten. */
  credential: string | null;
}

export type TerminalConnectResult = { ok: true; serverUrl: string } | { ok: false; code: string; message: string };

export interface TerminalBridge {
  /** The box office and credential this PC was paired with, or null on a PC that is not a terminal yet. */
  connection(): Promise<TerminalConnection | null>;
  /**
   * Pair with the box office at `serverUrl` using the one-time code from Admin → Devices. The shell keeps
   * the device credential and then loads the box office's pages in this window.
   */
  connect(serverUrl: string, pairingCode: string): Promise<TerminalConnectResult>;
  /** Drop the kept credential (it was revoked): the window shows the connect screen again. */
  forget(): Promise<void>;
}

/** A printer the operating system knows on this PC. */
export interface PrinterInfo {
  name: string;
  displayName: string;
  isDefault: boolean;
}

/** This PC's ticket printer (settings.json `printer`); no deviceName: the system default printer. */
export interface PrinterChoice {
  deviceName?: string;
  format: 'thermal80' | 'a4';
}

export type PrintersResult =
  { ok: true; printers: PrinterInfo[]; current: PrinterChoice | null } | { ok: false; message: string };

/** Admin → Settings → Printers on the desktop: list this PC's printers and choose the ticket printer (admins). */
export interface PrintersBridge {
  list(token: string | null): Promise<PrintersResult>;
  set(token: string | null, choice: PrinterChoice): Promise<{ ok: true } | { ok: false; message: string }>;
}

export interface MarqueeBridge {
  /** This PC's printers (the desktop app with a core; absent in a browser and on terminals). */
  readonly printers?: PrintersBridge;
  /**
   * One contract operation; the main process checks the token, the role and the input. Absent in a
   * terminal's window, whose renderer talks HTTP to the box office it shows.
   */
  call?(name: string, input: unknown, token: string | null, idempotencyKey?: string | null): Promise<BridgeResult>;
  /** `http`: this window shows another Marquee's pages (a terminal PC); `ipc` (or absent): the local core. */
  readonly transport?: 'ipc' | 'http';
  /** Present on a terminal PC's windows. */
  readonly terminal?: TerminalBridge;
  /** Live updates of a topic (`showtime.42.seats`); returns the function that stops them. */
  subscribe?(topic: string, listener: (payload: unknown) => void): () => void;
  /** The window's mode, when the shell opened it for one (it wins over the URL path). */
  readonly mode?: BridgeMode;
  /**
   * Print a booking's tickets on this machine's ticket printer (the desktop app; absent in a browser).
   * The token decides who asks, as for `call`; `no_printer`: none set up, or it did not print.
   */
  printTickets?(
    bookingId: number,
    token: string | null,
  ): Promise<
    { ok: true; printCount: number } | { ok: false; reason: 'no_printer' | 'print_failed' | 'refused'; message: string }
  >;
}

declare global {
  interface Window {
    readonly marquee?: MarqueeBridge;
  }
}
