/**
 * The sender check every IPC message passes first (GitHub Desktop's ipc-main.ts does the same): only the
 * top frame of one of the app's own windows, showing a page of the app's own origin, is served. A window
 * that was somehow navigated elsewhere, an iframe, a devtools extension page or any other webContents gets
 * nothing. Pure, so it is tested with fakes; src/main/ipc/ipc-transport.ts feeds it Electron's event.
 */

/** What the transport knows about who sent a message. */
export interface SenderInfo {
  /** The sending frame's URL; null when the frame is gone (navigated away or destroyed). */
  frameUrl: string | null;
  /** True for the top-level frame of its webContents. */
  isMainFrame: boolean;
  /** The id of the webContents the frame belongs to. */
  webContentsId: number;
}

export interface SenderPolicy {
  /** The one origin the app's pages come from, e.g. `http://127.0.0.1:7450`. */
  allowedOrigin: string;
  /** True for the webContents of a window the shell created. */
  isOwnWebContents(webContentsId: number): boolean;
}

export type SenderVerdict = { trusted: true } | { trusted: false; reason: string };

/** The serialized origin of a URL (`http://127.0.0.1:7450`), or null for a URL without one. */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return parsed.origin;
}

export function checkSender(sender: SenderInfo, policy: SenderPolicy): SenderVerdict {
  if (!policy.isOwnWebContents(sender.webContentsId)) return { trusted: false, reason: 'not one of our windows' };
  if (!sender.isMainFrame) return { trusted: false, reason: 'not a top-level frame' };
  if (sender.frameUrl === null) return { trusted: false, reason: 'the frame is gone' };
  const allowed = originOf(policy.allowedOrigin);
  const origin = originOf(sender.frameUrl);
  if (allowed === null || origin === null || origin !== allowed) {
    return { trusted: false, reason: `origin ${origin ?? 'none'} is not ${allowed ?? 'valid'}` };
  }
  return { trusted: true };
}

export function isTrustedSender(sender: SenderInfo, policy: SenderPolicy): boolean {
  return checkSender(sender, policy).trusted;
}
