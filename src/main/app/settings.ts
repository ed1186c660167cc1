/**
 * Settings saved in the data folder (`settings.json`), for what a cinema configures once per machine:
 * which mode the app opens in, where the server listens, the kiosk's remote server and its (encrypted)
 * device credential, the first-run choice.
 * Command-line flags win over them. A damaged or hand-edited file never stops the app: each bad field is
 * dropped with a warning. Writes go to a temporary file first and are renamed into place.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAppMode, type AppMode } from '../../preload/protocol';
import { isValidHost, normalizeServerUrl } from './args';
import { parsePrinterSettings, type PrinterSettings } from './printing';

export const SETTINGS_FILE = 'settings.json';

export interface ShellSettings {
  mode?: AppMode;
  host?: string;
  port?: number;
  /** Another Marquee whose pages this machine shows (a kiosk PC pointed at the box office). */
  serverUrl?: string;
  /** The counter's customer-facing window on a second screen; on when a second screen exists, unless false. */
  customerDisplay?: boolean;
  /** The first-run choice: load the demo cinema into the new, empty database. */
  demoOnFirstRun?: boolean;
  /** This machine's ticket printer (counter or kiosk): `{"deviceName"?, "format": "thermal80" | "a4"}`. */
  printer?: PrinterSettings;
  /**
   * A terminal's device credential from pairing with the box office at `serverUrl`, encrypted by the
   * operating system's secret store (terminal.ts), base64. Never the token in plain text.
   */
  deviceCredential?: string;
}

export interface LoadedSettings {
  settings: ShellSettings;
  /** False on the very first run (no settings file yet). */
  existed: boolean;
  warnings: string[];
}

export function parseSettings(raw: unknown): { settings: ShellSettings; warnings: string[] } {
  const settings: ShellSettings = {};
  const warnings: string[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { settings, warnings: ['the settings file is not a JSON object; using defaults'] };
  }
  const record = raw as Record<string, unknown>;
  const drop = (key: string): void => {
    warnings.push(`ignored the setting "${key}": ${JSON.stringify(record[key])} is not valid`);
  };

  if ('mode' in record) {
    if (isAppMode(record.mode)) settings.mode = record.mode;
    else drop('mode');
  }
  if ('host' in record) {
    if (typeof record.host === 'string' && isValidHost(record.host)) settings.host = record.host;
    else drop('host');
  }
  if ('port' in record) {
    const port = record.port;
    if (typeof port === 'number' && Number.isInteger(port) && port >= 0 && port <= 65_535) settings.port = port;
    else drop('port');
  }
  if ('serverUrl' in record && record.serverUrl !== null) {
    const url = typeof record.serverUrl === 'string' ? normalizeServerUrl(record.serverUrl) : null;
    if (url !== null) settings.serverUrl = url;
    else drop('serverUrl');
  }
  for (const key of ['customerDisplay', 'demoOnFirstRun'] as const) {
    if (key in record) {
      const value = record[key];
      if (typeof value === 'boolean') settings[key] = value;
      else drop(key);
    }
  }
  if ('deviceCredential' in record && record.deviceCredential !== null) {
    const value = record.deviceCredential;
    if (typeof value === 'string' && value.length > 0 && value.length <= 4096 && /^[A-Za-z0-9+/]+=*$/.test(value))
      settings.deviceCredential = value;
    else warnings.push('ignored the setting "deviceCredential": not an encrypted credential');
  }
  if ('printer' in record && record.printer !== null) {
    const printer = parsePrinterSettings(record.printer);
    settings.printer = printer.settings;
    warnings.push(...printer.warnings);
  }
  return { settings, warnings };
}

export function loadSettings(dataDir: string): LoadedSettings {
  const file = join(dataDir, SETTINGS_FILE);
  if (!existsSync(file)) return { settings: {}, existed: false, warnings: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { settings: {}, existed: true, warnings: [`could not read ${file} (${reason}); using defaults`] };
  }
  return { ...parseSettings(raw), existed: true };
}

export function saveSettings(dataDir: string, settings: ShellSettings): void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, SETTINGS_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(settings, null, 2)}\n`, 'utf8');
  renameSync(temporary, file);
}
