/**
 * "Best available": where a box-office clerk would seat a group. N seats side by side in one row, as near
 * the screen's sweet spot (the middle of a row about two-thirds of the way back) as possible, never
 * leaving one lone empty seat between the group and a taken seat, an aisle or the wall when another
 * choice exists. When no row has N together it splits the group as little as it can and says so.
 * Wheelchair spaces and companion seats are kept for those who ask for them.
 * Pure: it sees seats and their availability, nothing else.
 */
import type { SeatType } from '../../shared/domain/seat-types';

/** A seat's place in the auditorium; availability is asked separately. */
export interface PlacedSeat {
  id: number;
  rowIndex: number;
  column: number;
  type: SeatType;
}

export interface PickableSeat {
  id: number;
  rowIndex: number;
  column: number;
  type: SeatType;
  available: boolean;
}

export interface Pick {
  seatIds: number[];
  together: boolean;
}

const STRANDING_PENALTY = 1_000;

interface Run {
  rowIndex: number;
  seats: PlacedSeat[];
}

interface Window {
  seats: PlacedSeat[];
  score: number;
}

function byRow<S extends PlacedSeat>(seats: readonly S[]): Map<number, S[]> {
  const rows = new Map<number, S[]>();
  for (const seat of seats) {
    const row = rows.get(seat.rowIndex) ?? [];
    row.push(seat);
    rows.set(seat.rowIndex, row);
  }
  for (const row of rows.values()) row.sort((a, b) => a.column - b.column);
  return rows;
}

/** Maximal runs of neighbouring seats (no gap between their columns) that `usable` accepts. */
function runsOf(rows: Map<number, PlacedSeat[]>, usable: (seat: PlacedSeat) => boolean): Run[] {
  const runs: Run[] = [];
  for (const [rowIndex, row] of rows) {
    let current: PlacedSeat[] = [];
    let previous: PlacedSeat | null = null;
    for (const seat of row) {
      const adjacent = previous !== null && seat.column === previous.column + 1;
      if (!usable(seat) || !adjacent) {
        if (current.length > 0) runs.push({ rowIndex, seats: current });
        current = [];
      }
      if (usable(seat)) current.push(seat);
      previous = seat;
    }
    if (current.length > 0) runs.push({ rowIndex, seats: current });
  }
  return runs;
}

interface Geometry {
  rows: Map<number, PlacedSeat[]>;
  targetRow: number;
  centers: Map<number, number>;
}

/** Geometry depends only on places, so it is kept per seat list (the screen's cached list in production). */
const geometries = new WeakMap<readonly PlacedSeat[], Geometry>();

function geometry(seats: readonly PlacedSeat[]): Geometry {
  const known = geometries.get(seats);
  if (known) return known;
  const computed = computeGeometry(seats);
  geometries.set(seats, computed);
  return computed;
}

function computeGeometry(seats: readonly PlacedSeat[]): Geometry {
  const rows = byRow<PlacedSeat>(seats);
  const rowIndexes = [...rows.keys()];
  const maxRow = Math.max(...rowIndexes);
  const minRow = Math.min(...rowIndexes);
  const targetRow = minRow + (maxRow - minRow) * (2 / 3);
  const centers = new Map<number, number>();
  for (const [rowIndex, row] of rows) {
    const first = row[0];
    const last = row[row.length - 1];
    if (first && last) centers.set(rowIndex, (first.column + last.column) / 2);
  }
  return { rows, targetRow, centers };
}

function bestWindow(runs: Run[], size: number, targetRow: number, centers: Map<number, number>): Window | null {
  let best: Window | null = null;
  for (const run of runs) {
    if (run.seats.length < size) continue;
    const center = centers.get(run.rowIndex) ?? 0;
    for (let start = 0; start + size <= run.seats.length; start += 1) {
      const seats = run.seats.slice(start, start + size);
      const first = seats[0] as PickableSeat;
      const last = seats[seats.length - 1] as PickableSeat;
      const windowCenter = (first.column + last.column) / 2;
      const leftOver = start;
      const rightOver = run.seats.length - (start + size);
      const strands = (leftOver === 1 ? 1 : 0) + (rightOver === 1 ? 1 : 0);
      const score =
        Math.abs(run.rowIndex - targetRow) * 2 + Math.abs(windowCenter - center) + strands * STRANDING_PENALTY;
      if (!best || score < best.score) best = { seats, score };
    }
  }
  return best;
}

const isGeneral = (seat: PlacedSeat) => seat.type === 'standard' || seat.type === 'premium';

/** Picks `quantity` general seats; null when fewer are available. */
export function pickBest(seats: PickableSeat[], quantity: number): Pick | null {
  return pickBestAmong(seats, (seat) => (seat as PickableSeat).available, quantity);
}

/** The same over a fixed seat list (its geometry is kept) with availability as a predicate. */
export function pickBestAmong(
  seats: readonly PlacedSeat[],
  isAvailable: (seat: PlacedSeat) => boolean,
  quantity: number,
): Pick | null {
  if (seats.length === 0 || quantity < 1) return null;
  const { rows, targetRow, centers } = geometry(seats);
  const taken = new Set<number>();
  const usable = (seat: PlacedSeat) => isGeneral(seat) && !taken.has(seat.id) && isAvailable(seat);
  const total = seats.filter(usable).length;
  if (total < quantity) return null;

  const whole = bestWindow(runsOf(rows, usable), quantity, targetRow, centers);
  if (whole) return { seatIds: whole.seats.map((seat) => seat.id), together: true };

  // Split: take the largest block that still fits, best placed, until the group is seated.
  const picked: number[] = [];
  let remaining = quantity;
  while (remaining > 0) {
    const runs = runsOf(rows, usable);
    const longest = Math.max(...runs.map((run) => run.seats.length));
    const window = bestWindow(runs, Math.min(remaining, longest), targetRow, centers);
    if (!window) return null;
    for (const seat of window.seats) {
      taken.add(seat.id);
      picked.push(seat.id);
    }
    remaining -= window.seats.length;
  }
  return { seatIds: picked, together: false };
}

/** Picks `spaces` wheelchair spaces, each with a companion seat right beside it. */
export function pickAccessible(seats: PickableSeat[], spaces: number): Pick | null {
  return pickAccessibleAmong(seats, (seat) => (seat as PickableSeat).available, spaces);
}

/** The same over a fixed seat list with availability as a predicate. */
export function pickAccessibleAmong(
  seats: readonly PlacedSeat[],
  isAvailable: (seat: PlacedSeat) => boolean,
  spaces: number,
): Pick | null {
  if (seats.length === 0 || spaces < 1) return null;
  const { rows, targetRow, centers } = geometry(seats);
  const pairs: { ids: [number, number]; score: number }[] = [];
  for (const [rowIndex, row] of rows) {
    row.forEach((seat, index) => {
      if (seat.type !== 'wheelchair' || !isAvailable(seat)) return;
      const neighbours = [row[index - 1], row[index + 1]].filter(
        (other): other is PlacedSeat =>
          other !== undefined &&
          other.type === 'companion' &&
          isAvailable(other) &&
          Math.abs(other.column - seat.column) === 1,
      );
      const companion = neighbours[0];
      if (!companion) return;
      const score = Math.abs(rowIndex - targetRow) * 2 + Math.abs(seat.column - (centers.get(rowIndex) ?? 0));
      pairs.push({ ids: [seat.id, companion.id], score });
    });
  }
  pairs.sort((a, b) => a.score - b.score);
  const used = new Set<number>();
  const chosen: number[] = [];
  for (const pair of pairs) {
    if (chosen.length === spaces * 2) break;
    if (used.has(pair.ids[0]) || used.has(pair.ids[1])) continue;
    pair.ids.forEach((seatId) => used.add(seatId));
    chosen.push(...pair.ids);
  }
  return chosen.length === spaces * 2 ? { seatIds: chosen, together: spaces === 1 } : null;
}
