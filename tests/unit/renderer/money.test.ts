import { describe, expect, it } from 'vitest';
import { formatMoney, parseMoney, quickNotes } from '../../../src/renderer/lib/money';

describe('money on screen', () => {
  it('formats minor units in the currency', () => {
    expect(formatMoney(1250, 'GBP')).toBe('£12.50');
    expect(formatMoney(0, 'EUR')).toBe('€0.00');
  });

  it('reads typed cash amounts', () => {
    expect(parseMoney('20', 'GBP')).toBe(2000);
    expect(parseMoney('12.5', 'GBP')).toBe(1250);
    expect(parseMoney('12,50', 'GBP')).toBe(1250);
    expect(parseMoney('£7.05', 'GBP')).toBe(705);
    expect(parseMoney('', 'GBP')).toBeNull();
    expect(parseMoney('1.2.3', 'GBP')).toBeNull();
  });

  it('offers notes above the amount due', () => {
    expect(quickNotes(3785, 'GBP')).toEqual([4000, 5000, 10000]);
    expect(quickNotes(1000, 'GBP')).toEqual([2000, 5000, 10000]);
  });
});
