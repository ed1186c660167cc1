import { describe, expect, it } from 'vitest';
import {
  createSilentPrinter,
  parsePrinterSettings,
  printOptions,
  PrintFailedError,
  type PrintWindow,
} from '../../../src/main/app/printing';

function fakeWindows(outcomes: { ok: boolean; reason?: string }[] = []) {
  const log: string[] = [];
  let n = 0;
  const open = (): PrintWindow => {
    const id = ++n;
    return {
      load: async (html) => {
        await new Promise((r) => setTimeout(r, 5));
        log.push(`${id} load ${html}`);
      },
      print: (options) => {
        log.push(
          `${id} print ${options.deviceName ?? 'default'} ${JSON.stringify(options.pageSize)} silent=${options.silent}`,
        );
        return Promise.resolve(outcomes.shift() ?? { ok: true });
      },
      close: () => log.push(`${id} close`),
    };
  };
  return { open, log };
}

describe('silent ticket printing', () => {
  it('prints silently to the configured printer with the page size of the paper', () => {
    expect(printOptions({ deviceName: 'EPSON TM-T88VI', format: 'thermal80' })).toMatchObject({
      silent: true,
      deviceName: 'EPSON TM-T88VI',
      pageSize: { width: 80_000, height: 150_000 },
      margins: { marginType: 'none' },
    });
    expect(printOptions({ format: 'a4' })).toMatchObject({ silent: true, pageSize: 'A4' });
    expect(printOptions({ format: 'a4' })).not.toHaveProperty('deviceName');
  });

  it('runs jobs one after another, each in its own window, closed even when printing fails', async () => {
    const { open, log } = fakeWindows([{ ok: true }, { ok: false, reason: 'Out of paper' }, { ok: true }]);
    const printer = createSilentPrinter(open, { deviceName: 'Door printer', format: 'thermal80' });
    const results = await Promise.allSettled([
      printer.print({ html: 'A' }),
      printer.print({ html: 'B', format: 'a4' }),
      printer.print({ html: 'C' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(PrintFailedError);
    expect((results[1] as PromiseRejectedResult).reason.message).toContain('Out of paper');
    expect(log).toEqual([
      '1 load A',
      '1 print Door printer {"width":80000,"height":150000} silent=true',
      '1 close',
      '2 load B',
      '2 print Door printer "A4" silent=true',
      '2 close',
      '3 load C',
      '3 print Door printer {"width":80000,"height":150000} silent=true',
      '3 close',
    ]);
  });

  it('reads the printer setting, dropping what is not valid', () => {
    expect(parsePrinterSettings(undefined)).toEqual({ settings: { format: 'thermal80' }, warnings: [] });
    expect(parsePrinterSettings({ deviceName: ' Star TSP143 ', format: 'a4' }).settings).toEqual({
      deviceName: 'Star TSP143',
      format: 'a4',
    });
    const bad = parsePrinterSettings({ deviceName: 7, format: 'letter' });
    expect(bad.settings).toEqual({ format: 'thermal80' });
    expect(bad.warnings).toHaveLength(2);
    expect(parsePrinterSettings('x').warnings).toHaveLength(1);
  });
});
