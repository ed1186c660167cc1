/**
 * A very small router: the pathname picks the mode (`/counter`, `/kiosk`, `/admin`, `/` for the landing
 * page). Inside Electron the preload's `mode` wins, so a window can never wander into another mode.
 */
import { useSyncExternalStore } from 'react';
import type { BridgeMode } from './bridge';

export type Route = 'landing' | BridgeMode | 'door';

const NAVIGATE_EVENT = 'marquee:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

export function routeOf(pathname: string): Route {
  const first = pathname.split('/').filter(Boolean)[0] ?? '';
  return first === 'counter' || first === 'kiosk' || first === 'admin' || first === 'door' ? first : 'landing';
}

export function useRoute(): Route {
  const pathname = useSyncExternalStore(subscribe, () => window.location.pathname);
  return window.marquee?.mode ?? routeOf(pathname);
}

/** True when the shell fixed the mode (Electron window): no way back to the landing page. */
export function isModeLocked(): boolean {
  return window.marquee?.mode !== undefined;
}

export function navigate(path: string): void {
  if (path === window.location.pathname) return;
  window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}
