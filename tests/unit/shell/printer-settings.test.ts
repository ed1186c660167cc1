/** Admin → Settings → Printers on the desktop, with fake printers, settings file and accounts. */
import { describe, expect, it } from 'vitest';
import { printerSettings } from '../../../src/main/app/printer-settings';
import type { PrinterSettings } from '../../../src/main/app/printing';
import type { ShellSettings } from '../../../src/main/app/settings';

function setup(initial: ShellSettings = { mode: 'counter' }) {
  let saved: ShellSettings = initial;
  const changes: PrinterSettings[] = [];
  const roles: Record<string, 'admin' | 'manager' | 'cashier'> = { a: 'admin', m: 'manager', c: 'cashier' };
  const printers = printerSettings({
    listPrinters: () =>
      Promise.resolve([
        { name: 'EPSON_TM_T88', displayName: 'Epson TM-T88VI', isDefault: true },
        { name: 'office', displayName: '' },
      ]),
    settings: { load: () => saved, save: (settings) => (saved = settings) },
    roleOf: (token) => Promise.resolve(token ? (roles[token] ?? null) : null),
    onChange: (settings) => changes.push(settings),
  });
  return { printers, saved: () => saved, changes };
}

describe('printer settings', () => {
  it("lists this PC's printers and the current choice, for an admin", async () => {
    const { printers } = setup({ printer: { format: 'a4', deviceName: 'office' } });
    expect(await printers.list('a')).toEqual({
      ok: true,
      printers: [
        { name: 'EPSON_TM_T88', displayName: 'Epson TM-T88VI', isDefault: true },
        { name: 'office', displayName: 'office', isDefault: false },
      ],
      current: { format: 'a4', deviceName: 'office' },
    });
  });

  it('saves a choice into settings.json, keeping the other settings, and hands it to the printer', async () => {
    const { printers, saved, changes } = setup();
    expect(await printers.set('a', { deviceName: 'EPSON_TM_T88', format: 'thermal80' })).toEqual({ ok: true });
    expect(saved()).toEqual({ mode: 'counter', printer: { deviceName: 'EPSON_TM_T88', format: 'thermal80' } });
    expect(changes).toEqual([{ deviceName: 'EPSON_TM_T88', format: 'thermal80' }]);
  });

  it('refuses other roles, no token, and a bad choice, changing nothing', async () => {
    const { printers, saved, changes } = setup();
    for (const token of ['m', 'c', null, 'unknown', 42]) {
      expect(await printers.list(token)).toMatchObject({ ok: false });
      expect(await printers.set(token, { format: 'a4' })).toMatchObject({ ok: false });
    }
    for (const choice of [null, 'a4', [], { format: 'a5' }, { format: 'a4', deviceName: '' }]) {
      expect(await printers.set('a', choice)).toMatchObject({ ok: false });
    }
    expect(saved()).toEqual({ mode: 'counter' });
    expect(changes).toEqual([]);
  });
});
