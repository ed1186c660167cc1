/** Keyboard-wedge scans told apart from people typing (src/renderer/modes/kiosk/wedge-reader.ts). */
import { describe, expect, it } from 'vitest';
import { createWedgeReader, WEDGE_MAX_GAP_MS } from '../../../src/renderer/modes/kiosk/wedge-reader';

function typeAt(gapMs: number, text: string, options: { startAt?: number } = {}) {
  let now = options.startAt ?? 1_000;
  const read = createWedgeReader(() => now);
  const results: (string | null)[] = [];
  for (const key of [...text, 'Enter']) {
    results.push(read({ key }));
    now += gapMs;
  }
  return results.filter((result) => result !== null);
}

describe('wedge scanner', () => {
  it('a fast burst ending with Enter is one scan, upper-cased', () => {
    expect(typeAt(5, 'fdmpwfc')).toEqual(['FDMPWFC']);
    const ticket = '0123456789ABCDEFGHJKLMNPQRSTUVWX'.repeat(3);
    expect(typeAt(2, ticket)).toEqual([ticket]);
  });

  it('keys as slow as a person are not a scan', () => {
    expect(typeAt(WEDGE_MAX_GAP_MS + 1, 'FDMPWFC')).toEqual([]);
  });

  it('Enter alone or after a few keys is not a scan', () => {
    expect(typeAt(5, '')).toEqual([]);
    expect(typeAt(5, 'ABC')).toEqual([]);
  });

  it('a pause starts a new code: only what came after it is scanned', () => {
    let now = 0;
    const read = createWedgeReader(() => now);
    for (const key of 'XYZ') {
      read({ key });
      now += 5;
    }
    now += 1_000;
    const results = [...'FDMPWFC', 'Enter'].map((key) => {
      const result = read({ key });
      now += 5;
      return result;
    });
    expect(results.filter(Boolean)).toEqual(['FDMPWFC']);
  });

  it('shortcuts and other special keys break a code; Shift does not', () => {
    let now = 0;
    const read = createWedgeReader(() => now);
    const press = (key: string, extra: { ctrlKey?: boolean } = {}) => {
      const result = read({ key, ...extra });
      now += 3;
      return result;
    };
    for (const key of 'ABCD') press(key);
    press('Shift');
    for (const key of 'EFG') press(key);
    expect(press('Enter')).toBe('ABCDEFG');
    for (const key of 'ABCD') press(key);
    press('v', { ctrlKey: true });
    press('Tab');
    for (const key of 'EF') press(key);
    expect(press('Enter')).toBeNull();
  });
});
