/**
 * The desktop app's command line. Electron's argv also carries the executable, the app path in
 * development and Chromium switches (`--no-sandbox`, `--enable-logging`, ...): those are ignored, only our
 * flags are read. A bad value of one of our flags is an error, never silently replaced by a default.
 *
 *   --mode=counter|kiosk|admin   which window to open (else the saved setting, else counter)
 *   --data-dir=DIR               database and settings folder (else the OS's per-user app data folder)
 *   --host=ADDR --port=N         where the embedded server listens (default 0.0.0.0:7450, --port 0: any)
 *   --server-url=URL             show another Marquee's pages instead of running a local core (kiosk PCs)
 *   --connect                    a terminal PC: pair with a box office on the "Connect to a box office" screen
 *   --demo                       load the demo cinema into an empty database
 *   --customer-display / --no-customer-display   the counter's second window on a second screen
 */
import { isAppMode, type AppMode } from '../../preload/protocol';

export interface ShellArgs {
  mode?: AppMode;
  dataDir?: string;
  host?: string;
  port?: number;
  serverUrl?: string;
  customerDisplay?: boolean;
  demo: boolean;
  /** --connect: this PC is a terminal; without a saved box office it opens on "Connect to a box office". */
  connect?: boolean;
  /** One line per bad flag; the shell refuses to start when there is any. */
  errors: string[];
}

const VALUE_FLAGS = ['mode', 'data-dir', 'host', 'port', 'server-url'] as const;
type ValueFlag = (typeof VALUE_FLAGS)[number];

function isValueFlag(name: string): name is ValueFlag {
  return (VALUE_FLAGS as readonly string[]).includes(name);
}

export function parsePort(value: string): number | null {
  if (!/^\d{1,5}$/.test(value)) return null;
  const port = Number(value);
  return port <= 65_535 ? port : null;
}

/** A server URL is an http(s) origin (a trailing slash is fine); anything with a path, query or credentials is refused. */
export function normalizeServerUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== ''))
    return null;
  return url.origin;
}

export function isValidHost(value: string): boolean {
  return value.length > 0 && value.length <= 255 && /^[A-Za-z0-9.:%_-]+$/.test(value);
}

export function parseShellArgs(argv: readonly string[]): ShellArgs {
  const result: ShellArgs = { demo: false, errors: [] };

  const apply = (name: ValueFlag, value: string | undefined): void => {
    if (value === undefined || value === '') {
      result.errors.push(`--${name} needs a value.`);
      return;
    }
    switch (name) {
      case 'mode':
        if (isAppMode(value)) result.mode = value;
        else result.errors.push(`--mode must be counter, kiosk or admin (got "${value}").`);
        return;
      case 'data-dir':
        result.dataDir = value;
        return;
      case 'host':
        if (isValidHost(value)) result.host = value;
        else result.errors.push(`--host must be an address such as 0.0.0.0 or 127.0.0.1 (got "${value}").`);
        return;
      case 'port': {
        const port = parsePort(value);
        if (port === null) result.errors.push(`--port must be a number from 0 to 65535 (got "${value}").`);
        else result.port = port;
        return;
      }
      case 'server-url': {
        const url = normalizeServerUrl(value);
        if (url === null) result.errors.push(`--server-url must be like http://boxoffice:7450 (got "${value}").`);
        else result.serverUrl = url;
        return;
      }
    }
  };

  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === undefined || !arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (isValueFlag(name)) {
      if (eq !== -1) {
        apply(name, arg.slice(eq + 1));
      } else {
        const next = argv[i + 1];
        const value = next !== undefined && !next.startsWith('--') ? next : undefined;
        if (value !== undefined) i += 1;
        apply(name, value);
      }
    } else if (name === 'connect' && eq === -1) {
      result.connect = true;
    } else if (name === 'demo' && eq === -1) {
      result.demo = true;
    } else if (name === 'customer-display' && eq === -1) {
      result.customerDisplay = true;
    } else if (name === 'no-customer-display' && eq === -1) {
      result.customerDisplay = false;
    }
  }
  return result;
}
