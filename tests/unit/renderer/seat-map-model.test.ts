import { describe, expect, it } from 'vitest';
import {
  buildGrid,
  moveFrom,
  rowSignature,
  seatName,
  type MapSeat,
  type SeatMapData,
} from '../../../src/renderer/components/seat-map/seat-map-model';

// Two rows: A has seats 1-2, an aisle, seat 3; B (behind) has seats 1-4 without gaps.
function data(): SeatMapData {
  const seat = (
    id: number,
    row: string,
    rowIndex: number,
    number: number,
    column: number,
    extra: Partial<MapSeat> = {},
  ): MapSeat => ({
    id,
    label: `${row}${number}`,
    row,
    number,
    rowIndex,
    column,
    type: 'standard',
    status: 'available',
    ...extra,
  });
  return {
    rows: [
      { label: 'B', index: 1, length: 4 },
      { label: 'A', index: 0, length: 4 },
    ],
    seats: [
      seat(1, 'A', 0, 1, 0),
      seat(2, 'A', 0, 2, 1, { status: 'sold' }),
      seat(3, 'A', 0, 3, 3, { type: 'wheelchair' }),
      seat(4, 'B', 1, 1, 0),
      seat(5, 'B', 1, 2, 1),
      seat(6, 'B', 1, 3, 2),
      seat(7, 'B', 1, 4, 3),
    ],
  };
}

describe('seat map model', () => {
  it('lays rows out from the screen back, with gaps where there is no seat', () => {
    const grid = buildGrid(data());
    expect(grid.rows.map((row) => row.label)).toEqual(['A', 'B']);
    expect(grid.rows[0]?.cells.map((cell) => cell?.id ?? null)).toEqual([1, 2, null, 3]);
    expect(grid.width).toBe(4);
  });

  it('names each seat for screen readers with its type and state', () => {
    const seat = data().seats[2] as MapSeat;
    expect(seatName(seat, 'available')).toBe('Row A, seat 3, wheelchair space, available');
    expect(seatName(data().seats[1] as MapSeat, 'sold')).toBe('Row A, seat 2, sold');
    expect(seatName(data().seats[0] as MapSeat, 'selected')).toBe('Row A, seat 1, selected');
  });

  it('moves along a row over the aisle and to the nearest seat of the next row', () => {
    const grid = buildGrid(data());
    expect(moveFrom(grid, 2, 'right')).toBe(3);
    expect(moveFrom(grid, 3, 'right')).toBeNull();
    expect(moveFrom(grid, 1, 'down')).toBe(4);
    expect(moveFrom(grid, 6, 'up')).toBe(2); // column 2 is the aisle in row A: the nearest is column 1
    expect(moveFrom(grid, 4, 'up')).toBe(1);
    expect(moveFrom(grid, 1, 'up')).toBeNull();
    expect(moveFrom(grid, 5, 'end')).toBe(7);
    expect(moveFrom(grid, 5, 'home')).toBe(4);
  });

  it('changes a row’s signature only when that row looks different', () => {
    const grid = buildGrid(data());
    const [rowA, rowB] = grid.rows;
    if (!rowA || !rowB) throw new Error('rows missing');
    const before = rowSignature(rowB, new Set(), null);
    expect(rowSignature(rowB, new Set([1]), null)).toBe(before);
    expect(rowSignature(rowB, new Set([5]), null)).not.toBe(before);
    expect(rowSignature(rowB, new Set(), 6)).not.toBe(before);
    expect(rowSignature(rowA, new Set(), null)).toBe('as_a');
  });
});

describe('curved rows', () => {
  it('lift nothing at the centre and the whole curve at the ends, symmetrically', async () => {
    const { curveLift } = await import('../../../src/renderer/components/seat-map/seat-map-model');
    expect(curveLift(0, 0, 10)).toBe(0);
    expect(curveLift(80, 0, 10)).toBe(0.8);
    expect(curveLift(80, 9, 10)).toBe(0.8);
    expect(curveLift(80, -1, 10)).toBe(0.8); // the row label beside the end
    expect(curveLift(100, 2, 5)).toBe(0);
    for (let c = 0; c < 10; c += 1) expect(curveLift(60, c, 10)).toBe(curveLift(60, 9 - c, 10));
    expect(curveLift(60, 4, 10)).toBeLessThan(curveLift(60, 2, 10));
  });

  it('come from the rows of the seat map data', () => {
    const curved = { ...data(), rows: data().rows.map((row) => ({ ...row, curve: 40 })) };
    expect(buildGrid(curved).rows.map((row) => row.curve)).toEqual([40, 40]);
    expect(buildGrid(data()).rows.map((row) => row.curve)).toEqual([0, 0]);
  });
});
