/**
 * A terminal PC: a kiosk (or a second counter) that shows the pages of the box office's primary install
 * instead of running a core of its own. What it keeps, and how it gets it:
 *
 * - the primary's address, as `serverUrl` in settings.json (the same setting `--server-url` saves);
 * - the device credential the primary answered to `POST /api/v1/devices/pair`, encrypted with the operating
 *   system's secret store (Electron's safeStorage: DPAPI, Keychain, libsecret) and saved as base64 in
 *   settings.json (`deviceCredential`). Where no secret store works it is kept in memory only: the
 *   terminal then has to be paired again after a restart, which is better than a token in plain text.
 *
 * Electron is reached only through the `SecretBox` port and the settings through `SettingsStore`, so all
 * of this is unit-tested with fakes; shell.ts wires it to safeStorage, the settings file and IPC.
 */
import { normalizeServerUrl } from './args';
import type { ShellSettings } from './settings';

/** The part of Electron's safeStorage a terminal needs. */
export interface SecretBox {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** Reads and writes settings.json (loadSettings/saveSettings on the data folder). */
export interface SettingsStore {
  load(): ShellSettings;
  save(settings: ShellSettings): void;
}

export interface TerminalConnection {
  serverUrl: string;
  credential: string | null;
}

/** `fetch` as the pairing needs it (the global one in the shell, a fake in tests). */
export type Fetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string },
) => Promise<{
  status: number;
  json(): Promise<unknown>;
}>;

export type PairResult = { ok: true; serverUrl: string } | { ok: false; code: string; message: string };

const PAIR_TIMEOUT_MS = 15_000;

export class TerminalStore {
  /** The credential when it could not be kept encrypted on disk (no secret store): this run only. */
  private memoryCredential: string | null = null;

  constructor(
    private readonly settings: SettingsStore,
    private readonly box: SecretBox,
    private readonly log: (message: string) => void = () => {},
  ) {}

  /** The box office this PC shows and its credential; null when it is not a terminal (yet). */
  read(): TerminalConnection | null {
    const settings = this.settings.load();
    if (!settings.serverUrl) return null;
    return { serverUrl: settings.serverUrl, credential: this.decrypt(settings.deviceCredential) };
  }

  /** Keeps the box office's address and the device credential it gave this PC. */
  save(serverUrl: string, credential: string): void {
    const current = this.settings.load();
    const next: ShellSettings = { ...current, serverUrl };
    delete next.deviceCredential;
    this.memoryCredential = null;
    if (this.box.isEncryptionAvailable()) {
      next.deviceCredential = this.box.encryptString(credential).toString('base64');
    } else {
      this.memoryCredential = credential;
      this.log('no secret store on this machine: the device credential is kept until the app quits');
    }
    this.settings.save(next);
  }

  /** Drops the credential (revoked or replaced); the address stays, to offer it when connecting again. */
  forget(): void {
    this.memoryCredential = null;
    const current = this.settings.load();
    if (current.deviceCredential === undefined) return;
    const next: ShellSettings = { ...current };
    delete next.deviceCredential;
    this.settings.save(next);
  }

  private decrypt(saved: string | undefined): string | null {
    if (saved === undefined) return this.memoryCredential;
    if (!this.box.isEncryptionAvailable()) return this.memoryCredential;
    try {
      const credential = this.box.decryptString(Buffer.from(saved, 'base64'));
      return credential.length > 0 ? credential : null;
    } catch {
      // Another user's or machine's secret (a copied data folder): unusable, so pair again.
      this.log('the saved device credential cannot be decrypted here; pair this terminal again');
      return null;
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Trades a one-time pairing code for a device credential at the box office `address` (typed by staff,
 * so normalised and checked here), and keeps both. Nothing is kept unless the box office accepted.
 */
export async function connectTerminal(
  deps: { store: TerminalStore; fetch: Fetch },
  input: { address: unknown; pairingCode: unknown },
): Promise<PairResult> {
  const serverUrl = typeof input.address === 'string' ? normalizeServerUrl(input.address.trim()) : null;
  if (serverUrl === null) {
    return {
      ok: false,
      code: 'validation_failed',
      message: 'Enter the box office’s address, like http://box-office:7450.',
    };
  }
  const pairingCode = typeof input.pairingCode === 'string' ? input.pairingCode.trim() : '';
  if (pairingCode.length === 0 || pairingCode.length > 20) {
    return { ok: false, code: 'validation_failed', message: 'Enter the pairing code shown in Admin → Devices.' };
  }
  let status: number;
  let body: unknown;
  try {
    const response = await withTimeout(
      deps.fetch(`${serverUrl}/api/v1/devices/pair`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ pairingCode }),
      }),
      PAIR_TIMEOUT_MS,
    );
    status = response.status;
    body = await response.json().catch(() => null);
  } catch {
    return { ok: false, code: 'network_error', message: `Nothing answered at ${serverUrl}.` };
  }
  if (status !== 200) {
    const error = isRecord(body) && isRecord(body.error) ? body.error : null;
    const code = typeof error?.code === 'string' ? error.code : 'bad_response';
    const message = typeof error?.message === 'string' ? error.message : `The box office answered ${status}.`;
    return { ok: false, code, message };
  }
  const token = isRecord(body) && typeof body.token === 'string' && body.token.length > 0 ? body.token : null;
  const device = isRecord(body) && isRecord(body.device) ? body.device : null;
  if (token === null || device === null) {
    return { ok: false, code: 'bad_response', message: 'That address answered, but not like a Marquee box office.' };
  }
  // A door scanner's code cannot make a kiosk (its token could not sell anyway).
  if (device.role !== 'kiosk') {
    return { ok: false, code: 'wrong_role', message: `That code belongs to a ${String(device.role)} device.` };
  }
  deps.store.save(serverUrl, token);
  return { ok: true, serverUrl };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export type TerminalPrintOutcome =
  { ok: true; printCount: number } | { ok: false; reason: 'no_printer' | 'print_failed' | 'refused'; message: string };

/**
 * Prints a booking's tickets on this terminal's printer: the box office renders and counts the print
 * (`tickets.print` over its RPC, with the window's own token deciding who asks), then the local printer
 * gets the HTML. `printHtml` null: no printer set up on this PC.
 */
export async function printViaBoxOffice(
  deps: { fetch: Fetch; serverUrl: string; printHtml: ((html: string) => Promise<void>) | null },
  request: unknown,
): Promise<TerminalPrintOutcome> {
  if (!deps.printHtml) return { ok: false, reason: 'no_printer', message: 'No ticket printer is set up on this PC.' };
  const fields: Record<string, unknown> = isRecord(request) ? request : {};
  const { bookingId, token } = fields;
  if (!Number.isInteger(bookingId) || typeof token !== 'string' || token.length === 0 || token.length > 500) {
    return { ok: false, reason: 'refused', message: 'Which booking, and whose token?' };
  }
  let layout: unknown;
  try {
    const response = await withTimeout(
      deps.fetch(`${deps.serverUrl}/rpc/tickets.print`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ bookingId }),
      }),
      PAIR_TIMEOUT_MS,
    );
    layout = await response.json().catch(() => null);
    if (response.status !== 200) {
      const error = isRecord(layout) && isRecord(layout.error) ? layout.error : null;
      const message =
        typeof error?.message === 'string' ? error.message : `The box office answered ${response.status}.`;
      return { ok: false, reason: 'refused', message };
    }
  } catch {
    return { ok: false, reason: 'refused', message: 'The box office could not be reached.' };
  }
  if (!isRecord(layout) || typeof layout.html !== 'string' || typeof layout.printCount !== 'number') {
    return { ok: false, reason: 'refused', message: 'The box office sent no ticket layout.' };
  }
  try {
    await deps.printHtml(layout.html);
    return { ok: true, printCount: layout.printCount };
  } catch {
    return { ok: false, reason: 'print_failed', message: 'The ticket printer did not print (paper, cable or power).' };
  }
}
