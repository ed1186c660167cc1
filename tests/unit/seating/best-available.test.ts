import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pickAccessible, pickBest, type PickableSeat } from '../../../src/main/seating/index';
import type { SeatType } from '../../../src/shared/domain/seat-types';

const general = (seat: PickableSeat) => seat.available && (seat.type === 'standard' || seat.type === 'premium');

/** Random auditoriums: rows of positions that are gaps or seats of any type, each available or not. */
const auditorium = fc
  .array(
    fc.array(
      fc.option(
        fc.record({
          type: fc.constantFrom<SeatType>('standard', 'standard', 'standard', 'premium', 'wheelchair', 'companion'),
          available: fc.boolean(),
        }),
        { freq: 6 },
      ),
      { minLength: 1, maxLength: 14 },
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((rows) => {
    const seats: PickableSeat[] = [];
    rows.forEach((row, rowIndex) =>
      row.forEach((position, column) => {
        if (position) seats.push({ id: seats.length + 1, rowIndex, column, ...position });
      }),
    );
    return seats;
  })
  .filter((seats) => seats.length > 0);

/** Runs of neighbouring usable seats per row (what "side by side" means). */
function runs(seats: PickableSeat[], usable: (seat: PickableSeat) => boolean): PickableSeat[][] {
  const result: PickableSeat[][] = [];
  const rows = new Map<number, PickableSeat[]>();
  for (const seat of seats) rows.set(seat.rowIndex, [...(rows.get(seat.rowIndex) ?? []), seat]);
  for (const row of rows.values()) {
    row.sort((a, b) => a.column - b.column);
    let current: PickableSeat[] = [];
    for (const seat of row) {
      const last = current[current.length - 1];
      if (usable(seat) && (!last || seat.column === last.column + 1)) current.push(seat);
      else {
        if (current.length > 0) result.push(current);
        current = usable(seat) ? [seat] : [];
      }
    }
    if (current.length > 0) result.push(current);
  }
  return result;
}

function strands(seats: PickableSeat[], chosen: Set<number>): boolean {
  return runs(seats, general).some((run) => {
    const inRun = run.map((seat) => chosen.has(seat.id));
    if (!inRun.some(Boolean)) return false;
    const first = inRun.indexOf(true);
    const last = inRun.lastIndexOf(true);
    return first === 1 || run.length - 1 - last === 1;
  });
}

describe('best available', () => {
  it('gives N distinct available general seats, or null exactly when fewer are free', () => {
    fc.assert(
      fc.property(auditorium, fc.integer({ min: 1, max: 10 }), (seats, n) => {
        const pick = pickBest(seats, n);
        const free = seats.filter(general).length;
        if (free < n) return pick === null;
        if (!pick) return false;
        const byId = new Map(seats.map((seat) => [seat.id, seat]));
        return (
          pick.seatIds.length === n &&
          new Set(pick.seatIds).size === n &&
          pick.seatIds.every((id) => {
            const seat = byId.get(id);
            return seat !== undefined && general(seat);
          })
        );
      }),
      { numRuns: 500 },
    );
  });

  it('seats the group side by side in one row whenever some row can', () => {
    fc.assert(
      fc.property(auditorium, fc.integer({ min: 1, max: 8 }), (seats, n) => {
        const fits = runs(seats, general).some((run) => run.length >= n);
        const pick = pickBest(seats, n);
        if (!fits) return pick === null || pick.together === false;
        if (!pick || !pick.together) return false;
        const chosen = seats.filter((seat) => pick.seatIds.includes(seat.id)).sort((a, b) => a.column - b.column);
        return chosen.every(
          (seat, i) => seat.rowIndex === chosen[0]!.rowIndex && (i === 0 || seat.column === chosen[i - 1]!.column + 1),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('never strands a single seat when a placement without stranding exists', () => {
    fc.assert(
      fc.property(auditorium, fc.integer({ min: 1, max: 6 }), (seats, n) => {
        const clean = runs(seats, general).some((run) => {
          for (let start = 0; start + n <= run.length; start += 1) {
            const left = start;
            const right = run.length - start - n;
            if (left !== 1 && right !== 1) return true;
          }
          return false;
        });
        const pick = pickBest(seats, n);
        if (!clean || !pick?.together) return true;
        return !strands(seats, new Set(pick.seatIds));
      }),
      { numRuns: 500 },
    );
  });

  it('prefers the sweet spot: middle of a row two-thirds back', () => {
    const seats: PickableSeat[] = [];
    for (let row = 0; row < 9; row += 1)
      for (let column = 0; column < 11; column += 1)
        seats.push({ id: seats.length + 1, rowIndex: row, column, type: 'standard', available: true });
    const pick = pickBest(seats, 3)!;
    const chosen = seats.filter((seat) => pick.seatIds.includes(seat.id));
    expect(chosen.map((seat) => seat.rowIndex)).toEqual([5, 5, 5]);
    expect(chosen.map((seat) => seat.column)).toEqual([4, 5, 6]);
  });

  it('splits as little as it can and says so', () => {
    const seats: PickableSeat[] = [0, 1, 2, 4, 5, 6].map((column, i) => ({
      id: i + 1,
      rowIndex: 0,
      column,
      type: 'standard',
      available: true,
    }));
    const pick = pickBest(seats, 5)!;
    expect(pick.together).toBe(false);
    expect(pick.seatIds).toHaveLength(5);
  });

  it('accessible: each wheelchair space with the companion seat beside it, never otherwise', () => {
    fc.assert(
      fc.property(auditorium, fc.integer({ min: 1, max: 3 }), (seats, spaces) => {
        const pick = pickAccessible(seats, spaces);
        if (!pick) return true;
        const byId = new Map(seats.map((seat) => [seat.id, seat]));
        const chosen = pick.seatIds.map((id) => byId.get(id)!);
        const wheelchairs = chosen.filter((seat) => seat.type === 'wheelchair');
        return (
          new Set(pick.seatIds).size === spaces * 2 &&
          chosen.every((seat) => seat.available) &&
          wheelchairs.length === spaces &&
          wheelchairs.every((w) =>
            chosen.some(
              (c) => c.type === 'companion' && c.rowIndex === w.rowIndex && Math.abs(c.column - w.column) === 1,
            ),
          )
        );
      }),
      { numRuns: 300 },
    );
  });
});
