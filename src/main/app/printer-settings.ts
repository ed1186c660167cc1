/**
 * Admin → Settings → Printers on the desktop: this PC's printers (from Electron) and its ticket printer
 * (`printer` in settings.json: `{"deviceName"?, "format": "thermal80" | "a4"}`). Only an admin's token may
 * read or change it; the choice is validated as settings.json is (`parsePrinterSettings`), saved, and handed
 * to the running printer so the next ticket prints there. Electron, the settings file and the accounts are
 * reached through ports, so this is unit-tested with fakes (tests/unit/shell/printer-settings.test.ts).
 */
import type { Role } from '../../shared/domain/roles';
import { parsePrinterSettings, type PrinterSettings } from './printing';
import type { SettingsStore } from './terminal';

export interface PrinterInfo {
  name: string;
  displayName: string;
  isDefault: boolean;
}

export type PrintersResult =
  { ok: true; printers: PrinterInfo[]; current: PrinterSettings | null } | { ok: false; message: string };

export interface PrinterSettingsPorts {
  /** `webContents.getPrintersAsync()` of a window of this app. */
  listPrinters(): Promise<{ name: string; displayName?: string; isDefault?: boolean }[]>;
  settings: SettingsStore;
  /** The role behind a session token (null: none or not valid). */
  roleOf(token: string | null): Promise<Role | null>;
  /** The printer choice changed: the running printer uses it from now on. */
  onChange(settings: PrinterSettings): void;
}

const REFUSED = { ok: false, message: 'Only an admin may choose this PC’s ticket printer.' } as const;

export function printerSettings(ports: PrinterSettingsPorts) {
  const admin = async (token: unknown) =>
    (await ports.roleOf(typeof token === 'string' && token.length > 0 ? token : null)) === 'admin';
  return {
    async list(token: unknown): Promise<PrintersResult> {
      if (!(await admin(token))) return REFUSED;
      let printers;
      try {
        printers = await ports.listPrinters();
      } catch {
        return { ok: false, message: 'The operating system did not list its printers.' };
      }
      return {
        ok: true,
        printers: printers.map((printer) => ({
          name: printer.name,
          displayName: printer.displayName || printer.name,
          isDefault: printer.isDefault === true,
        })),
        current: ports.settings.load().printer ?? null,
      };
    },
    async set(token: unknown, choice: unknown): Promise<{ ok: true } | { ok: false; message: string }> {
      if (!(await admin(token))) return REFUSED;
      if (typeof choice !== 'object' || choice === null || Array.isArray(choice))
        return { ok: false, message: 'Choose a printer and a paper format.' };
      const parsed = parsePrinterSettings(choice);
      if (parsed.warnings.length > 0) return { ok: false, message: 'That is not a printer and paper format.' };
      ports.settings.save({ ...ports.settings.load(), printer: parsed.settings });
      ports.onChange(parsed.settings);
      return { ok: true };
    },
  };
}
