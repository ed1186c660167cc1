/**
 * The seat-layout editor's model: a rectangular grid of cells (a seat or a gap) per row, with a row label
 * and a numbering scheme per row. It turns into the contract's `Layout` (rows of seats and nulls, numbers
 * assigned by the scheme) and back. Pure functions only, so the editor's rules are easy to test.
 */
import type { Layout } from '../../../shared/contract/index';
import {
  LAYOUT_FORMAT,
  LAYOUT_VERSION,
  MAX_CURVE,
  MAX_ROWS,
  MAX_SEATS_PER_ROW,
  layout as layoutSchema,
  layoutDocument,
  type LayoutDocument,
} from '../../../shared/contract/theaters';
import type { SeatType } from '../../../shared/domain/seat-types';

export type CellKind = SeatType | 'gap';
export interface Cell {
  kind: CellKind;
  blocked: boolean;
}

/** How seats of a row are numbered, seen from the audience facing the screen. */
export type Numbering = 'ltr' | 'rtl' | 'odd-even' | 'even-odd';

export const NUMBERINGS: readonly Numbering[] = ['ltr', 'rtl', 'odd-even', 'even-odd'];

export const NUMBERING_LABELS: Record<Numbering, string> = {
  ltr: 'Left to right',
  rtl: 'Right to left',
  'odd-even': 'Odd left, even right',
  'even-odd': 'Even left, odd right',
};

export interface EditorRow {
  label: string;
  numbering: Numbering;
  cells: Cell[];
}

export interface EditorModel {
  rows: EditorRow[];
  /** Hundredths of a row by which row ends come forward (0: straight rows). */
  curve: number;
}

export const GAP: Cell = { kind: 'gap', blocked: false };

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const WITHOUT_I_O = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * The label of the row at `index` front to back: A..Z, then AA, AB, ... Many cinemas leave out I and O
 * (they read as 1 and 0); with `skipIO` the letters run A..H, J..N, P..Z and so do the double ones.
 */
export function rowLabel(index: number, skipIO = false): string {
  const letters = skipIO ? WITHOUT_I_O : ALPHABET;
  let n = index;
  let label = '';
  do {
    label = letters[n % letters.length]! + label;
    n = Math.floor(n / letters.length) - 1;
  } while (n >= 0);
  return label;
}

export function newModel(rows: number, columns: number, aisleAfter: number[] = []): EditorModel {
  return {
    curve: 0,
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
      // One parity rises from the centre to the left, the other from the centre to the right: the
      // left half holds ceil(count / 2) seats for odd-left, floor(count / 2) for even-left, so the
      // numbers are 1..count with none missing.
      const oddLeft = row.numbering === 'odd-even';
      const half = oddLeft ? Math.ceil(count / 2) : Math.floor(count / 2);
      const fromCentre = i < half ? half - i : i - half + 1; // 1 = next to the centre
      const leftSide = i < half;
      const odd = leftSide === oddLeft;
      numbers[position] = odd ? 2 * fromCentre - 1 : 2 * fromCentre;
    }
  });
  return numbers;
}

export function toLayout(model: EditorModel): Layout {
  return {
    ...(model.curve > 0 ? { curve: model.curve } : {}),
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
    curve: layout.curve ?? 0,
    rows: layout.rows.map((row) => {
      const cells: Cell[] = row.seats.map((seat) =>
        seat ? { kind: seat.type, blocked: seat.blocked === true } : { ...GAP },
      );
      while (cells.length < width) cells.push({ ...GAP });
      const draft: EditorRow = { label: row.label, numbering: 'ltr', cells };
      const actual = row.seats.map((seat) => seat?.number ?? null);
      const numbering =
        NUMBERINGS.find((scheme) =>
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
  if (!Number.isInteger(model.curve) || model.curve < 0 || model.curve > MAX_CURVE)
    problems.push({ row: null, message: `The curve must be a whole number from 0 to ${MAX_CURVE}.` });
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
    ...model,
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
  return { ...model, rows };
}

/** Relabels rows A, B, C… front to back (leaving out I and O when asked). */
export function relabel(model: EditorModel, skipIO = false): EditorModel {
  return { ...model, rows: model.rows.map((row, i) => ({ ...row, label: rowLabel(i, skipIO) })) };
}

/** One numbering scheme for every row. */
export function numberAll(model: EditorModel, numbering: Numbering): EditorModel {
  return { ...model, rows: model.rows.map((row) => ({ ...row, numbering })) };
}

export function removeRow(model: EditorModel, at: number): EditorModel {
  return { ...model, rows: model.rows.filter((_, i) => i !== at) };
}

export function insertColumn(model: EditorModel, at: number, kind: CellKind = 'gap'): EditorModel {
  return {
    ...model,
    rows: model.rows.map((row) => {
      const cells = [...row.cells];
      cells.splice(at, 0, { kind, blocked: false });
      return { ...row, cells };
    }),
  };
}

export function removeColumn(model: EditorModel, at: number): EditorModel {
  return { ...model, rows: model.rows.map((row) => ({ ...row, cells: row.cells.filter((_, i) => i !== at) })) };
}

// ---- export and import --------------------------------------------------------------------------

/** The versioned document "Export JSON" downloads. */
export function exportDocument(model: EditorModel, name: string, exportedAt: string): LayoutDocument {
  return {
    format: LAYOUT_FORMAT,
    version: LAYOUT_VERSION,
    ...(name.trim() ? { name: name.trim().slice(0, 60) } : {}),
    exportedAt,
    layout: toLayout(model),
  };
}

export type ImportResult = { ok: true; layout: Layout; name: string | null } | { ok: false; errors: string[] };

/** A zod issue path in words: ["layout", "rows", 2, "seats", 4, "number"] → "Row 3 (C), place 5, number". */
function whereOf(path: readonly PropertyKey[], rows: unknown): string {
  const parts = path[0] === 'layout' ? path.slice(1) : [...path];
  const words: string[] = [];
  let i = 0;
  if (parts[0] === 'rows' && typeof parts[1] === 'number') {
    const rowIndex = parts[1];
    const raw = Array.isArray(rows) ? (rows[rowIndex] as { label?: unknown } | undefined) : undefined;
    const label = typeof raw?.label === 'string' && raw.label.trim() !== '' ? ` (${raw.label.trim()})` : '';
    words.push(`Row ${rowIndex + 1}${label}`);
    i = 2;
    if (parts[2] === 'seats' && typeof parts[3] === 'number') {
      words.push(`place ${parts[3] + 1}`);
      i = 4;
    }
  }
  const rest = parts.slice(i).map(String);
  if (rest.length > 0) words.push(rest.join('.'));
  return words.join(', ') || 'The file';
}

/**
 * Reads an exported layout (or a bare `{"rows": [...]}` layout as the API takes it) and checks it with the
 * server's own schema. Every problem comes back as a sentence that says where it is (at most 12).
 */
export function parseLayoutFile(text: string): ImportResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, errors: ['This file is not JSON. Choose a layout exported from Marquee (a .json file).'] };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, errors: ['This file does not hold a seat layout.'] };
  }
  const record = raw as Record<string, unknown>;
  const bare = !('format' in record) && 'rows' in record;
  const rows = bare ? record.rows : (record.layout as { rows?: unknown } | undefined)?.rows;
  const result = bare ? layoutSchema.safeParse(raw) : layoutDocument.safeParse(raw);
  if (!result.success) {
    const errors = result.error.issues.map((issue) => {
      const message = issue.message.replace(/^Invalid input: /, '').replace(/\.$/, '');
      return `${whereOf(issue.path, rows)}: ${message}.`;
    });
    const unique = [...new Set(errors)];
    return {
      ok: false,
      errors: unique.length > 12 ? [...unique.slice(0, 12), `And ${unique.length - 12} more problems.`] : unique,
    };
  }
  if (bare) return { ok: true, layout: result.data as Layout, name: null };
  const document = result.data as LayoutDocument;
  return { ok: true, layout: document.layout, name: document.name ?? null };
}

/** Seat labels ("A7") of the saved layout that the draft no longer has, in layout order. */
export function removedSeats(saved: Layout, draft: Layout): string[] {
  const kept = new Set<string>();
  for (const row of draft.rows) for (const seat of row.seats) if (seat) kept.add(`${row.label}${seat.number}`);
  const removed: string[] = [];
  for (const row of saved.rows)
    for (const seat of row.seats)
      if (seat && !kept.has(`${row.label}${seat.number}`)) removed.push(`${row.label}${seat.number}`);
  return removed;
}
