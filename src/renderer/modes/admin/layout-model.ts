/**
 * The seat-layout editor's model: a rectangular grid of cells (a seat or a gap) per row, with a row label
 * and a numbering scheme per row. It turns into the contract's `Layout` (rows of seats and nulls, numbers
 * assigned by the scheme) and back. Pure functions only, so the editor's rules are easy to test.
 */
import type { Layout } from '../../../shared/contract/index';
import { MAX_ROWS, MAX_SEATS_PER_ROW } from '../../../shared/contract/theaters';
import type { SeatType } from '../../../shared/domain/seat-types';

export type CellKind = SeatType | 'gap';
export interface Cell {
  kind: CellKind;
  blocked: boolean;
}

/** How seats of a row are numbered, seen from the audience facing the screen. */
export type Numbering = 'ltr' | 'rtl' | 'odd-even';

export const NUMBERING_LABELS: Record<Numbering, string> = {
  ltr: 'Left to right',
  rtl: 'Right to left',
  'odd-even': 'Odd left, even right',
};

export interface EditorRow {
  label: string;
  numbering: Numbering;
  cells: Cell[];
}

export interface EditorModel {
  rows: EditorRow[];
}

export const GAP: Cell = { kind: 'gap', blocked: false };

export function rowLabel(index: number): string {
  // A..Z, then AA, AB, ... (skipping nothing: cinemas differ on I and O, the label stays editable).
  let n = index;
  let label = '';
  do {
    label = String.fromCharCode(65 + (n % 26)) + label;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return label;
}

export function newModel(rows: number, columns: number, aisleAfter: number[] = []): EditorModel {
  return {
    rows: Array.from({ length: rows }, (_, r): EditorRow => ({
      label: rowLabel(r),
      numbering: 'ltr',
      cells: Array.from({ length: columns }, (_, c): Cell =>
        aisleAfter.includes(c) ? { ...GAP } : { kind: 'standard', blocked: false },
      ),
    })),
  };
}

export function columnsOf(model: EditorModel): number {
  return Math.max(0, ...model.rows.map((row) => row.cells.length));
}

/** Seat numbers of a row's cells (null for gaps), by the row's numbering scheme. */
export function numbersOf(row: EditorRow): (number | null)[] {
  const seatPositions = row.cells.flatMap((cell, index) => (cell.kind === 'gap' ? [] : [index]));
  const numbers: (number | null)[] = row.cells.map(() => null);
  const count = seatPositions.length;
  seatPositions.forEach((position, i) => {
    if (row.numbering === 'ltr') numbers[position] = i + 1;
    else if (row.numbering === 'rtl') numbers[position] = count - i;
    else {
      // Odd numbers rise from the centre to the left, even ones from the centre to the right.
      const half = Math.ceil(count / 2);
      numbers[position] = i < half ? 2 * (half - i) - 1 : 2 * (i - half + 1);
    }
  });
  return numbers;
}

export function toLayout(model: EditorModel): Layout {
  return {
    rows: model.rows.map((row) => {
      const numbers = numbersOf(row);
      return {
        label: row.label.trim().toUpperCase(),
        seats: row.cells.map((cell, i) =>
          cell.kind === 'gap'
            ? null
            : { number: numbers[i]!, type: cell.kind, ...(cell.blocked ? { blocked: true } : {}) },
        ),
      };
    }),
  };
}

/** Guesses each row's numbering scheme from its numbers (a layout made elsewhere keeps its own). */
export function fromLayout(layout: Layout): EditorModel {
  const width = Math.max(...layout.rows.map((row) => row.seats.length));
  return {
    rows: layout.rows.map((row) => {
      const cells: Cell[] = row.seats.map((seat) =>
        seat ? { kind: seat.type, blocked: seat.blocked === true } : { ...GAP },
      );
      while (cells.length < width) cells.push({ ...GAP });
      const draft: EditorRow = { label: row.label, numbering: 'ltr', cells };
      const actual = row.seats.map((seat) => seat?.number ?? null);
      const numbering =
        (['ltr', 'rtl', 'odd-even'] as Numbering[]).find((scheme) =>
          numbersOf({ ...draft, numbering: scheme }).every((n, i) => n === (actual[i] ?? null)),
        ) ?? 'ltr';
      return { ...draft, numbering };
    }),
  };
}

export interface LayoutProblem {
  row: number | null;
  message: string;
}

/** What the server's schema would refuse, said before saving. */
export function problemsOf(model: EditorModel): LayoutProblem[] {
  const problems: LayoutProblem[] = [];
  if (model.rows.length === 0) problems.push({ row: null, message: 'Add at least one row.' });
  if (model.rows.length > MAX_ROWS) problems.push({ row: null, message: `A screen has at most ${MAX_ROWS} rows.` });
  const seen = new Map<string, number>();
  model.rows.forEach((row, index) => {
    const label = row.label.trim().toUpperCase();
    if (!/^[A-Z0-9]{1,3}$/.test(label))
      problems.push({ row: index, message: `Row ${index + 1}: the label must be 1–3 capital letters or digits.` });
    else if (seen.has(label)) problems.push({ row: index, message: `Row ${label} appears twice.` });
    seen.set(label, index);
    if (row.cells.length > MAX_SEATS_PER_ROW)
      problems.push({ row: index, message: `Row ${label}: at most ${MAX_SEATS_PER_ROW} places.` });
    if (row.cells.every((cell) => cell.kind === 'gap'))
      problems.push({ row: index, message: `Row ${label || index + 1} has no seats: remove it or add seats.` });
  });
  return problems;
}

export function countSeats(model: EditorModel): Record<SeatType | 'blocked', number> {
  const counts = { standard: 0, premium: 0, wheelchair: 0, companion: 0, blocked: 0 };
  for (const row of model.rows)
    for (const cell of row.cells) {
      if (cell.kind === 'gap') continue;
      counts[cell.kind] += 1;
      if (cell.blocked) counts.blocked += 1;
    }
  return counts;
}

// ---- edits (each returns a new model) -----------------------------------------------------------

export function setCell(model: EditorModel, r: number, c: number, cell: Cell): EditorModel {
  return {
    rows: model.rows.map((row, i) =>
      i === r ? { ...row, cells: row.cells.map((old, j) => (j === c ? cell : old)) } : row,
    ),
  };
}

export function insertRow(model: EditorModel, at: number): EditorModel {
  const width = columnsOf(model) || 10;
  const template = model.rows[Math.min(at, model.rows.length - 1)];
  const cells = template
    ? template.cells.map((cell): Cell => ({ kind: cell.kind === 'gap' ? 'gap' : 'standard', blocked: false }))
    : Array.from({ length: width }, (): Cell => ({ kind: 'standard', blocked: false }));
  const used = new Set(model.rows.map((row) => row.label));
  let n = model.rows.length;
  while (used.has(rowLabel(n))) n += 1;
  const rows = [...model.rows];
  rows.splice(at, 0, { label: rowLabel(n), numbering: template?.numbering ?? 'ltr', cells });
  return { rows };
}

/** Relabels rows A, B, C… front to back. */
export function relabel(model: EditorModel): EditorModel {
  return { rows: model.rows.map((row, i) => ({ ...row, label: rowLabel(i) })) };
}

export function removeRow(model: EditorModel, at: number): EditorModel {
  return { rows: model.rows.filter((_, i) => i !== at) };
}

export function insertColumn(model: EditorModel, at: number, kind: CellKind = 'gap'): EditorModel {
  return {
    rows: model.rows.map((row) => {
      const cells = [...row.cells];
      cells.splice(at, 0, { kind, blocked: false });
      return { ...row, cells };
    }),
  };
}

export function removeColumn(model: EditorModel, at: number): EditorModel {
  return { rows: model.rows.map((row) => ({ ...row, cells: row.cells.filter((_, i) => i !== at) })) };
}
