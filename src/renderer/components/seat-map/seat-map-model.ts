/**
 * The seat map's pure part: the grid of rows and positions, seat names for screen readers, and keyboard
 * moves. No React here, so the kiosk and the counter share it and it is cheap to test.
 */
import type { SeatStatus, SeatType } from '../../../shared/domain/seat-types';

export interface MapSeat {
  id: number;
  label: string;
  row: string;
  number: number;
  type: SeatType;
  status: SeatStatus;
  rowIndex: number;
  column: number;
}

export interface MapRow {
  label: string;
  index: number;
  length: number;
  /** Hundredths of a row by which the row's ends come forward (absent or 0: straight). */
  curve?: number;
}

export interface SeatMapData {
  rows: readonly MapRow[];
  seats: readonly MapSeat[];
}

/** What a seat looks like now: its server status, or selected when it is in this sale. */
export type SeatView = SeatStatus | 'selected';

export interface GridRow {
  label: string;
  index: number;
  /** Hundredths of a row by which the row's ends come forward (0: straight). */
  curve: number;
  /** One entry per position of the row; null is a gap (an aisle or an empty place). */
  cells: (MapSeat | null)[];
}

export interface SeatGrid {
  rows: GridRow[];
  /** Widest row, in positions. */
  width: number;
  byId: Map<number, MapSeat>;
  /** Seat id → [row position in `rows`, column]. */
  positions: Map<number, [number, number]>;
}

/** Rows nearest the screen first; every row as wide as the widest so aisles line up. */
export function buildGrid(data: SeatMapData): SeatGrid {
  const rows = [...data.rows].sort((a, b) => a.index - b.index);
  const width = Math.max(1, ...rows.map((row) => row.length), ...data.seats.map((seat) => seat.column + 1));
  const rowPosition = new Map<number, number>();
  const grid: GridRow[] = rows.map((row, position) => {
    rowPosition.set(row.index, position);
    return {
      label: row.label,
      index: row.index,
      curve: row.curve ?? 0,
      cells: Array.from({ length: width }, () => null),
    };
  });
  const byId = new Map<number, MapSeat>();
  const positions = new Map<number, [number, number]>();
  for (const seat of data.seats) {
    const position = rowPosition.get(seat.rowIndex);
    if (position === undefined) continue;
    const row = grid[position];
    if (!row) continue;
    row.cells[seat.column] = seat;
    byId.set(seat.id, seat);
    positions.set(seat.id, [position, seat.column]);
  }
  return { rows: grid, width, byId, positions };
}

const TYPE_WORDS: Record<SeatType, string | null> = {
  standard: null,
  premium: 'premium seat',
  wheelchair: 'wheelchair space',
  companion: 'companion seat',
};

const VIEW_WORDS: Record<SeatView, string> = {
  available: 'available',
  selected: 'selected',
  held: 'held by another sale',
  sold: 'sold',
  blocked: 'not for sale',
};

/** "Row F, seat 7, wheelchair space, available". */
export function seatName(seat: Pick<MapSeat, 'row' | 'number' | 'type'>, view: SeatView): string {
  const type = TYPE_WORDS[seat.type];
  return `Row ${seat.row}, seat ${seat.number}${type ? `, ${type}` : ''}, ${VIEW_WORDS[view]}`;
}

export function viewOf(seat: MapSeat, selected: ReadonlySet<number>): SeatView {
  return selected.has(seat.id) ? 'selected' : seat.status;
}

/** Whether a click may change this seat: free seats and the sale's own. */
export function isSelectable(seat: MapSeat, selected: ReadonlySet<number>): boolean {
  return selected.has(seat.id) || seat.status === 'available';
}

export type Move = 'left' | 'right' | 'up' | 'down' | 'home' | 'end';

/**
 * The seat a key moves to from `fromId`: along the row skipping gaps, or to the nearest seat by column
 * in the next row that has one. Null when there is nowhere to go.
 */
export function moveFrom(grid: SeatGrid, fromId: number, move: Move): number | null {
  const position = grid.positions.get(fromId);
  if (!position) return null;
  const [rowAt, column] = position;
  const row = grid.rows[rowAt];
  if (!row) return null;
  if (move === 'left' || move === 'right') {
    const step = move === 'left' ? -1 : 1;
    for (let c = column + step; c >= 0 && c < row.cells.length; c += step) {
      const seat = row.cells[c];
      if (seat) return seat.id;
    }
    return null;
  }
  if (move === 'home' || move === 'end') {
    const seats = row.cells.filter((cell): cell is MapSeat => cell !== null);
    return (move === 'home' ? seats[0] : seats[seats.length - 1])?.id ?? null;
  }
  const step = move === 'up' ? -1 : 1;
  for (let r = rowAt + step; r >= 0 && r < grid.rows.length; r += step) {
    const cells = grid.rows[r]?.cells ?? [];
    let best: MapSeat | null = null;
    let bestDistance = Infinity;
    cells.forEach((cell, c) => {
      if (!cell) return;
      const distance = Math.abs(c - column);
      if (distance < bestDistance) {
        best = cell;
        bestDistance = distance;
      }
    });
    if (best) return (best as MapSeat).id;
  }
  return null;
}

/** A row's look as one short string: rows whose string did not change are not rendered again. */
export function rowSignature(row: GridRow, selected: ReadonlySet<number>, focusId: number | null): string {
  let signature = '';
  for (const cell of row.cells) {
    if (!cell) signature += '_';
    else {
      const view = viewOf(cell, selected);
      signature += view === 'selected' ? 'S' : view[0];
      if (cell.id === focusId) signature += '*';
    }
  }
  return signature;
}

/**
 * How far (in rows) the place at `column` of a row `width` places wide comes forward for a curve of
 * `curve` hundredths of a row: nothing at the centre, the whole curve at the ends, a parabola between.
 * Column -1 and `width` are the row labels beside the ends.
 */
export function curveLift(curve: number, column: number, width: number): number {
  if (curve <= 0 || width < 2) return 0;
  const centre = (width - 1) / 2;
  const t = Math.min(1, Math.abs(column - centre) / centre);
  return Math.round((curve / 100) * t * t * 1000) / 1000;
}

/** The most any place of the grid comes forward, in rows (room kept between the screen and row A). */
export function maxLift(grid: SeatGrid): number {
  return Math.max(0, ...grid.rows.map((row) => row.curve / 100));
}
