/**
 * Silent printing of tickets and receipts on the desktop. The server renders the layout (HTML with its
 * own `@page` size); the shell loads it into a hidden, script-less window and hands it to the printer
 * configured for this machine (an 80 mm thermal printer at the counter or in the kiosk, or an office A4
 * printer), without a dialog. Electron is reached only through the small `PrintWindow` port, so the
 * logic here is tested with fakes and `print-window.ts` is the only part that needs Electron.
 */
import type { WebContentsPrintOptions } from 'electron';

export type PaperFormat = 'thermal80' | 'a4';

/** Saved per machine under `printer` in settings.json. */
export interface PrinterSettings {
  /** The operating system's printer name; absent = the system default printer. */
  deviceName?: string;
  format: PaperFormat;
}

export interface PrintJob {
  html: string;
  format?: PaperFormat;
}

/** What printing needs of an Electron window (a fake in tests). */
export interface PrintWindow {
  load(html: string): Promise<void>;
  print(options: WebContentsPrintOptions): Promise<{ ok: boolean; reason?: string }>;
  close(): void;
}

export interface Printer {
  print(job: PrintJob): Promise<void>;
}

export class PrintFailedError extends Error {
  constructor(reason: string) {
    super(`Printing failed: ${reason}`);
    this.name = 'PrintFailedError';
  }
}

const MICRONS_PER_MM = 1000;

/** Electron's print options for a paper format on a configured printer. */
export function printOptions(
  settings: PrinterSettings,
  format: PaperFormat = settings.format,
): WebContentsPrintOptions {
  return {
    silent: true,
    printBackground: false,
    ...(settings.deviceName ? { deviceName: settings.deviceName } : {}),
    // A roll is 80 mm wide; each ticket is its own page (the layout breaks after each), about 150 mm long.
    pageSize: format === 'thermal80' ? { width: 80 * MICRONS_PER_MM, height: 150 * MICRONS_PER_MM } : 'A4',
    margins: { marginType: format === 'thermal80' ? 'none' : 'default' },
    color: false,
  };
}

/** Reads `printer` from the settings file; anything unusable falls back to the default printer, 80 mm. */
export function parsePrinterSettings(raw: unknown): { settings: PrinterSettings; warnings: string[] } {
  const warnings: string[] = [];
  const settings: PrinterSettings = { format: 'thermal80' };
  if (raw === undefined || raw === null) return { settings, warnings };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { settings, warnings: ['ignored the setting "printer": it is not an object'] };
  }
  const record = raw as Record<string, unknown>;
  if ('deviceName' in record) {
    const name = record.deviceName;
    if (typeof name === 'string' && name.trim().length > 0 && name.length <= 200) settings.deviceName = name.trim();
    else warnings.push('ignored the setting "printer.deviceName": not a printer name');
  }
  if ('format' in record) {
    if (record.format === 'thermal80' || record.format === 'a4') settings.format = record.format;
    else warnings.push('ignored the setting "printer.format": use "thermal80" or "a4"');
  }
  return { settings, warnings };
}

/** One print job at a time (a thermal printer takes jobs in order); each job gets a fresh window. */
export function createSilentPrinter(openWindow: () => PrintWindow, settings: PrinterSettings): Printer {
  let queue: Promise<unknown> = Promise.resolve();
  const run = async (job: PrintJob): Promise<void> => {
    const window = openWindow();
    try {
      await window.load(job.html);
      const outcome = await window.print(printOptions(settings, job.format ?? settings.format));
      if (!outcome.ok) throw new PrintFailedError(outcome.reason ?? 'the printer did not accept the job');
    } finally {
      window.close();
    }
  };
  return {
    print(job) {
      const next = queue.then(() => run(job));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
