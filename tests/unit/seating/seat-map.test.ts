/**
 * The seat map's JSON text (written from a per-screen template) must be exactly JSON.stringify of the
 * answer, for any layout, labels, statuses and price list, and follow layout edits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seatMap as seatMapSchema } from '../../../src/shared/contract/booking';
import { SEAT_TYPES, type SeatStatus } from '../../../src/shared/domain/seat-types';
import { jsonTextOf } from '../../../src/main/core/json-text';
import { buildSeatMap } from '../../../src/main/seating/seat-map';
import type { SeatInfo } from '../../../src/main/theaters/index';

const label = fc.string({
  minLength: 1,
  maxLength: 3,
  unit: fc.constantFrom('A', 'B', 'Ä', '"', '\\', '\u2028', '😀'),
});

const screen = fc
  .array(
    fc.record({ label, length: fc.integer({ min: 1, max: 12 }), curve: fc.option(fc.integer({ min: 0, max: 200 })) }),
    { minLength: 1, maxLength: 8 },
  )
  .chain((rows) =>
    fc
      .array(
        fc.record({
          rowIndex: fc.integer({ min: 0, max: rows.length - 1 }),
          column: fc.integer({ min: 0, max: 11 }),
          number: fc.integer({ min: 1, max: 99 }),
          type: fc.constantFrom(...SEAT_TYPES),
          blocked: fc.boolean(),
          status: fc.constantFrom<SeatStatus | undefined>(undefined, 'held', 'sold', 'blocked'),
        }),
        { maxLength: 40 },
      )
      .map((seats) => ({
        rows: rows.map((row, index) => ({
          label: row.label,
          index,
          length: row.length,
          ...(row.curve !== null && { curve: row.curve }),
        })),
        seats: seats.map((seat, i) => ({ ...seat, id: 1000 - i, row: rows[seat.rowIndex]!.label })),
      })),
  );

const ticketTypes = fc.array(
  fc.record({
    code: fc.string({ minLength: 1, maxLength: 8 }),
    name: fc.string({ maxLength: 12 }),
    prices: fc.record({
      standard: fc.nat(),
      premium: fc.nat(),
      wheelchair: fc.nat(),
      companion: fc.nat(),
    }),
  }),
  { maxLength: 4 },
);

describe('seat map answer', () => {
  it('writes exactly the JSON of the answer, seats in row and column order', () => {
    fc.assert(
      fc.property(screen, ticketTypes, fc.constantFrom('GBP', 'EUR'), ({ rows, seats }, types, currency) => {
        const infos: SeatInfo[] = seats.map(({ status: _status, ...info }) => info);
        const statuses = new Map(seats.map((seat) => [seat.id, seat.status]));
        const map = buildSeatMap({
          showtimeId: 7,
          currency,
          seats: infos,
          rows,
          ticketTypes: types,
          claimOf: (id) => statuses.get(id),
        });
        expect(jsonTextOf(map)).toBe(JSON.stringify(map));
        expect(seatMapSchema.parse(JSON.parse(jsonTextOf(map)))).toEqual(map);
        const order = map.seats.map((seat) => [seat.rowIndex, seat.column]);
        expect(order).toEqual([...order].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!));
        expect(map.available).toBe(map.seats.filter((seat) => seat.status === 'available').length);
        for (const seat of map.seats) {
          const info = infos.find((i) => i.id === seat.id)!;
          expect(seat.status).toBe(info.blocked ? 'blocked' : (statuses.get(seat.id) ?? 'available'));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('takes new row labels from a new row list for the same seats', () => {
    const seats: SeatInfo[] = [
      { id: 1, row: 'A', number: 1, type: 'standard', rowIndex: 0, column: 0, blocked: false },
    ];
    const build = (rows: { label: string; index: number; length: number }[]) =>
      buildSeatMap({ showtimeId: 1, currency: 'GBP', seats, rows, ticketTypes: [], claimOf: () => undefined });
    expect(JSON.parse(jsonTextOf(build([{ label: 'A', index: 0, length: 1 }]))).seats[0].row).toBe('A');
    expect(JSON.parse(jsonTextOf(build([{ label: 'Z', index: 0, length: 1 }]))).seats[0].row).toBe('Z');
  });
});
