import { describe, expect, it } from 'vitest';
import {
  addDays,
  localDateOf,
  localDayRange,
  localTimeOf,
  parseInstant,
  toOffsetIso,
  zonedEpoch,
} from '../../../src/shared/domain/time';
import { formatMoney } from '../../../src/shared/domain/money';

describe('time zones', () => {
  it('formats instants with the zone offset, summer and winter', () => {
    expect(toOffsetIso(Date.parse('2026-07-01T18:00:00Z'), 'Europe/London')).toBe('2026-07-01T19:00:00+01:00');
    expect(toOffsetIso(Date.parse('2026-12-01T18:00:00Z'), 'Europe/London')).toBe('2026-12-01T18:00:00+00:00');
    expect(toOffsetIso(Date.parse('2026-12-01T18:00:00Z'), 'America/New_York')).toBe('2026-12-01T13:00:00-05:00');
  });

  it('local days are 23 or 25 hours long on DST changes', () => {
    const [springFrom, springTo] = localDayRange('2026-03-29', 'Europe/London');
    expect(springTo - springFrom).toBe(23 * 3_600_000);
    const [autumnFrom, autumnTo] = localDayRange('2026-10-25', 'Europe/London');
    expect(autumnTo - autumnFrom).toBe(25 * 3_600_000);
  });

  it('converts local dates and times both ways', () => {
    const epoch = zonedEpoch('2026-12-01', '19:30', 'Europe/Berlin');
    expect(new Date(epoch).toISOString()).toBe('2026-12-01T18:30:00.000Z');
    expect(localDateOf(Date.parse('2026-12-01T23:30:00Z'), 'Europe/Berlin')).toBe('2026-12-02');
    expect(localTimeOf(epoch, 'Europe/Berlin')).toBe('19:30');
    expect(parseInstant('2026-12-01T19:30:00+01:00')).toBe(epoch);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('money', () => {
  it('formats integer minor units by the currency exponent', () => {
    expect(formatMoney(1250, 'EUR', 'en-GB')).toBe('€12.50');
    expect(formatMoney(1250, 'JPY', 'en-GB')).toBe('JP¥1,250');
    expect(formatMoney(5, 'GBP', 'en-GB')).toBe('£0.05');
  });
});
