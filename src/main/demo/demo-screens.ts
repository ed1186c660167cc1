/**
 * The demo theater's four auditoriums, each a different shape, so the seat map is shown at its extremes:
 * a 368-seat auditorium with two aisles, a cross-aisle and wheelchair spaces; a 152-seat house with one
 * centre aisle; a 48-seat all-premium "snug" of sofa pairs; and a wide, shallow, curved room without
 * aisles whose rows have different lengths.
 *
 * Layout rules kept here: rows are listed front (nearest the screen) to back; seats are numbered 1..n from
 * left to right as the audience sees them, skipping gaps; every wheelchair space sits next to a companion
 * seat; leading gaps centre shorter rows so aisles line up from row to row.
 */
import type { Layout } from '../../shared/contract/index';
import type { SeatType } from '../../shared/domain/seat-types';

type Cell = Layout['rows'][number]['seats'][number];

/** A block of seats between aisles: the seat types in order, `blocked` marks seats out of sale. */
type Block = Array<SeatType | { type: SeatType; blocked: true }>;

export interface DemoScreen {
  key: 'grand' | 'two' | 'snug' | 'wide';
  name: string;
  cleaningMinutes: number;
  layout: Layout;
}

const repeat = (type: SeatType, count: number): SeatType[] => Array.from({ length: count }, () => type);

/** One row: `pad` leading gaps, then the blocks with a one-seat aisle between each, numbered left to right. */
function row(label: string, pad: number, blocks: Block[], aisle = 1): Layout['rows'][number] {
  const seats: Cell[] = Array.from({ length: pad }, () => null);
  let number = 0;
  blocks.forEach((block, index) => {
    if (index > 0) for (let i = 0; i < aisle; i += 1) seats.push(null);
    for (const seat of block) {
      number += 1;
      seats.push(typeof seat === 'string' ? { number, type: seat } : { number, type: seat.type, blocked: true });
    }
  });
  return { label, seats };
}

/**
 * Screen 1: 18 rows (no row I, as in many cinemas), side blocks widening towards the back, a centre block
 * of 12, a cross-aisle before row J whose side blocks are wheelchair spaces with companion seats, and
 * premium seats in the back-middle (rows N to R).
 */
function grandLayout(): Layout {
  const rows: Layout['rows'] = [];
  const standard = (label: string, side: number, centre: SeatType = 'standard') =>
    row(label, 6 - side, [repeat('standard', side), repeat(centre, 12), repeat('standard', side)]);
  rows.push(standard('A', 3), standard('B', 4), standard('C', 4));
  for (const label of ['D', 'E', 'F', 'G', 'H']) rows.push(standard(label, 5));
  rows.push(
    row('J', 2, [
      ['wheelchair', 'companion', 'wheelchair', 'companion'],
      repeat('standard', 12),
      ['companion', 'wheelchair', 'companion', 'wheelchair'],
    ]),
  );
  for (const label of ['K', 'L', 'M']) rows.push(standard(label, 5));
  for (const label of ['N', 'O', 'P']) rows.push(standard(label, 5, 'premium'));
  for (const label of ['Q', 'R']) rows.push(standard(label, 6, 'premium'));
  return { rows };
}

/** Screen 2: 11 rows either side of one centre aisle, recliners in the back two rows, one wheelchair pair. */
function twoLayout(): Layout {
  const rows: Layout['rows'] = [row('A', 1, [repeat('standard', 6), repeat('standard', 6)])];
  for (const label of ['B', 'C', 'D', 'E', 'F', 'G', 'H', 'J']) {
    // E1 is a broken seat: out of sale on every showtime until it is repaired.
    const left: Block =
      label === 'E' ? [{ type: 'standard', blocked: true }, ...repeat('standard', 6)] : repeat('standard', 7);
    rows.push(row(label, 0, [left, repeat('standard', 7)]));
  }
  rows.push(row('K', 0, [repeat('premium', 7), repeat('premium', 7)]));
  rows.push(row('L', 0, [repeat('premium', 7), [...repeat('premium', 5), 'companion', 'wheelchair']]));
  return { rows };
}

/** Screen 3: six rows of four two-seat sofas, all premium. */
function snugLayout(): Layout {
  const pair = repeat('premium', 2);
  return { rows: ['A', 'B', 'C', 'D', 'E', 'F'].map((label) => row(label, 0, [pair, pair, pair, pair])) };
}

/**
 * Screen 4: wide and shallow with continental seating (no aisles); rows lengthen towards the back for a
 * curved feel, the back row is cut short by the projection booth, and the front row ends are wheelchair
 * spaces with companion seats.
 */
function wideLayout(): Layout {
  const lengths: Array<[string, number]> = [
    ['B', 20],
    ['C', 22],
    ['D', 24],
    ['E', 26],
    ['F', 28],
    ['G', 28],
    ['H', 24],
  ];
  return {
    rows: [
      row('A', 5, [['wheelchair', 'companion', ...repeat('standard', 14), 'companion', 'wheelchair']]),
      ...lengths.map(([label, length]) => row(label, (28 - length) / 2, [repeat('standard', length)])),
    ],
  };
}

export const DEMO_SCREENS: readonly DemoScreen[] = [
  { key: 'grand', name: 'Screen 1 · The Grand', cleaningMinutes: 25, layout: grandLayout() },
  { key: 'two', name: 'Screen 2', cleaningMinutes: 20, layout: twoLayout() },
  { key: 'snug', name: 'Screen 3 · The Snug', cleaningMinutes: 15, layout: snugLayout() },
  { key: 'wide', name: 'Screen 4 · Panorama', cleaningMinutes: 20, layout: wideLayout() },
];
