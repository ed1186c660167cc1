import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  localDateOf,
  localDayRange,
  localTimeOf,
  localWeekdayAndMinute,
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

  it('formats exactly as the time-zone database says, around transitions and in any order', () => {
    const zones = ['Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/St_Johns'];
    const transition = Date.parse('2026-03-29T01:00:00Z'); // London springs forward
    const instant = fc.oneof(
      fc.integer({ min: Date.parse('1990-01-01T00:00:00Z'), max: Date.parse('2040-01-01T00:00:00Z') }),
      fc.integer({ min: transition - 2, max: transition + 2 }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(instant, fc.constantFrom(...zones)), { minLength: 1, maxLength: 20 }), (calls) => {
        for (const [epochMs, zone] of calls) {
          const expected = Temporal.Instant.fromEpochMilliseconds(epochMs)
            .toZonedDateTimeISO(zone)
            .toString({ timeZoneName: 'never', smallestUnit: 'second' });
          expect(toOffsetIso(epochMs, zone)).toBe(expected);
        }
      }),
      { numRuns: 300 },
    );
    expect(toOffsetIso(transition - 1, 'Europe/London')).toBe('2026-03-29T00:59:59+00:00');
    expect(toOffsetIso(transition, 'Europe/London')).toBe('2026-03-29T02:00:00+01:00');
  });

  it('local dates, weekdays and minutes match the time-zone database, around transitions too', () => {
    const zones = ['Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham'];
    const transitions = [Date.parse('2026-03-29T01:00:00Z'), Date.parse('2026-11-01T06:00:00Z')];
    const instant = fc.oneof(
      fc.integer({ min: Date.parse('1900-01-01T00:00:00Z'), max: Date.parse('2100-01-01T00:00:00Z') }),
      fc.constantFrom(...transitions).chain((at) => fc.integer({ min: at - 120_000, max: at + 120_000 })),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(instant, fc.constantFrom(...zones)), { minLength: 1, maxLength: 20 }), (calls) => {
        for (const [epochMs, zone] of calls) {
          const zoned = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(zone);
          expect(localDateOf(epochMs, zone)).toBe(zoned.toPlainDate().toString());
          expect(localWeekdayAndMinute(epochMs, zone)).toEqual({
            weekday: zoned.dayOfWeek,
            minute: zoned.hour * 60 + zoned.minute,
          });
        }
      }),
      { numRuns: 300 },
    );
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
