/**
 * What the shell runs with, decided once at start: flags win over saved settings, settings over defaults.
 * The embedded server listens on the LAN by default (0.0.0.0:7450), because the box-office PC serves the
 * REST API, the admin pages and browsers at the door; its own windows always load it through the loopback
 * address, which Chromium treats as a secure context.
 */
import type { AppMode } from '../../preload/protocol';
import type { ShellArgs } from './args';
import type { ShellSettings } from './settings';

export const DEFAULT_HOST = '0.0.0.0';
export const DEFAULT_PORT = 7450;
export const DEFAULT_MODE: AppMode = 'counter';

export interface ShellConfig {
  mode: AppMode;
  host: string;
  port: number;
  /** When set, no local core: windows show this origin's pages over HTTP. */
  serverUrl: string | null;
  /** Whether the counter may open its customer display (it still needs a second screen). */
  customerDisplay: boolean;
  /** --demo: load the demo cinema (a no-op on a database that has data). */
  demo: boolean;
}

export function resolveShellConfig(args: ShellArgs, settings: ShellSettings): ShellConfig {
  return {
    mode: args.mode ?? settings.mode ?? DEFAULT_MODE,
    host: args.host ?? settings.host ?? DEFAULT_HOST,
    port: args.port ?? settings.port ?? DEFAULT_PORT,
    serverUrl: args.serverUrl ?? settings.serverUrl ?? null,
    customerDisplay: args.customerDisplay ?? settings.customerDisplay ?? true,
    demo: args.demo,
  };
}

const UNSPECIFIED_HOSTS = new Set(['0.0.0.0', '[::]', '::', '']);

/**
 * The origin the app's windows load, from the URL the server reports: a server bound to every interface
 * is reached through 127.0.0.1; one bound to a single address, through that address.
 */
export function localOrigin(serverUrl: string): string {
  const url = new URL(serverUrl);
  if (UNSPECIFIED_HOSTS.has(url.hostname)) url.hostname = '127.0.0.1';
  return url.origin;
}

/** The page of a mode: `/counter`, `/kiosk`, `/admin`; the customer display is a view of the counter. */
export function pageUrl(origin: string, mode: AppMode, view?: 'customer-display'): string {
  const url = new URL(`/${mode}`, origin);
  if (view) url.searchParams.set('view', view);
  return url.toString();
}
