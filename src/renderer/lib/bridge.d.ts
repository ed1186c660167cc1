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

export interface MarqueeBridge {
  /** One contract operation; the main process checks the token, the role and the input. */
  call(name: string, input: unknown, token: string | null, idempotencyKey?: string | null): Promise<BridgeResult>;
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
  ): Promise<{ ok: true; printCount: number } | { ok: false; reason: 'no_printer' | 'refused'; message: string }>;
}

declare global {
  interface Window {
    readonly marquee?: MarqueeBridge;
  }
}
