/**
 * Where the app's windows may go. They show the app's own origin and nothing else: any navigation or
 * redirect to another origin is stopped, and no page may open a window. A link to an https site opens in
 * the OS browser, except in the kiosk, where a customer must never leave the locked-down window.
 */
import type { AppMode } from '../../preload/protocol';

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True only for an http(s) URL on exactly the allowed origin (scheme, host and port). */
export function isAllowedNavigation(url: string, allowedOrigin: string): boolean {
  const target = parse(url);
  const allowed = parse(allowedOrigin);
  if (!target || !allowed) return false;
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return false;
  return target.origin === allowed.origin;
}

export type ExternalLinkAction = 'open-in-browser' | 'deny';

/** What to do with a link the app itself will not show (window.open, or navigation to another origin). */
export function externalLinkAction(url: string, mode: AppMode): ExternalLinkAction {
  if (mode === 'kiosk') return 'deny';
  const target = parse(url);
  if (!target || target.protocol !== 'https:' || target.username || target.password) return 'deny';
  return 'open-in-browser';
}
