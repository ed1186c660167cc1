/**
 * The layout editor's numbering schemes and row labels, checked on random rows (fast-check): every
 * scheme numbers a row's seats 1..n with no number twice; odd/even puts the odd numbers on one side of
 * the centre and the even ones on the other, rising outwards; a layout survives the trip to the contract
 * and back with its schemes and curve.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  NUMBERINGS,
  fromLayout,
  numbersOf,
  relabel,
  rowLabel,
  toLayout,
  type Cell,
  type EditorModel,
  type EditorRow,
  type Numbering,
} from '../../../src/renderer/modes/admin/layout-model';
import { layout as layoutSchema } from '../../../src/shared/contract/theaters';

const cell = fc.oneof(
  fc.constant<Cell>({ kind: 'gap', blocked: false }),
  fc.record<Cell>({
    kind: fc.constantFrom('standard', 'premium', 'wheelchair', 'companion'),
    blocked: fc.boolean(),
  }),
);
const numbering = fc.constantFrom<Numbering>(...NUMBERINGS);
const row = fc.record<EditorRow>({
  label: fc.constant('A'),
  numbering,
  cells: fc.array(cell, { minLength: 1, maxLength: 80 }),
});

/** The row's seat numbers left to right (gaps left out). */
function seatNumbers(r: EditorRow): number[] {
  return numbersOf(r).filter((n): n is number => n !== null);
}

describe('numbering schemes', () => {
  it('number the seats of any row 1..n, each number once, gaps unnumbered', () => {
    fc.assert(
      fc.property(row, (r) => {
        const numbers = numbersOf(r);
        const seats = r.cells.filter((c) => c.kind !== 'gap').length;
        r.cells.forEach((c, i) => expect(numbers[i] === null).toBe(c.kind === 'gap'));
        const sorted = seatNumbers(r).sort((a, b) => a - b);
        expect(sorted).toEqual(Array.from({ length: seats }, (_, i) => i + 1));
      }),
      { numRuns: 500 },
    );
  });

  it('odd/even: one parity on each side of the centre, rising outwards from it', () => {
    fc.assert(
      fc.property(row, fc.constantFrom<Numbering>('odd-even', 'even-odd'), (r, scheme) => {
        const numbers = seatNumbers({ ...r, numbering: scheme });
        const n = numbers.length;
        const left = numbers.slice(0, scheme === 'odd-even' ? Math.ceil(n / 2) : Math.floor(n / 2));
        const right = numbers.slice(left.length);
        const leftParity = scheme === 'odd-even' ? 1 : 0;
        expect(left.every((x) => x % 2 === leftParity)).toBe(true);
        expect(right.every((x) => x % 2 === 1 - leftParity)).toBe(true);
        // From the centre outwards: the left side falls left to right, the right side rises.
        left.slice(1).forEach((x, i) => expect(x).toBeLessThan(left[i]!));
        right.slice(1).forEach((x, i) => expect(x).toBeGreaterThan(right[i]!));
        // The lowest numbers sit beside the centre.
        if (n > 0) expect(Math.min(left.at(-1) ?? Infinity, right[0] ?? Infinity)).toBe(1);
      }),
      { numRuns: 500 },
    );
  });

  it('left to right and right to left are mirror images', () => {
    fc.assert(
      fc.property(row, (r) => {
        const ltr = seatNumbers({ ...r, numbering: 'ltr' });
        const rtl = seatNumbers({ ...r, numbering: 'rtl' });
        expect(rtl).toEqual([...ltr].reverse());
        ltr.forEach((x, i) => expect(x).toBe(i + 1));
      }),
    );
  });

  it('a row of six with an aisle: what a UK cinema prints', () => {
    const cells: Cell[] = [1, 1, 1, 0, 1, 1, 1].map((s) =>
      s ? { kind: 'standard', blocked: false } : { kind: 'gap', blocked: false },
    );
    const r = (numbering: Numbering) => numbersOf({ label: 'A', numbering, cells });
    expect(r('ltr')).toEqual([1, 2, 3, null, 4, 5, 6]);
    expect(r('rtl')).toEqual([6, 5, 4, null, 3, 2, 1]);
    expect(r('odd-even')).toEqual([5, 3, 1, null, 2, 4, 6]);
    expect(r('even-odd')).toEqual([6, 4, 2, null, 1, 3, 5]);
  });
});

describe('row labels', () => {
  it('run A..Z then AA.., and leave out I and O when asked, all distinct', () => {
    expect([0, 7, 8, 25, 26, 27].map((i) => rowLabel(i))).toEqual(['A', 'H', 'I', 'Z', 'AA', 'AB']);
    expect([0, 7, 8, 12, 13, 23, 24].map((i) => rowLabel(i, true))).toEqual(['A', 'H', 'J', 'N', 'P', 'Z', 'AA']);
    for (const skip of [false, true]) {
      const labels = Array.from({ length: 60 }, (_, i) => rowLabel(i, skip));
      expect(new Set(labels).size).toBe(60);
      if (skip) expect(labels.some((label) => /[IO]/.test(label))).toBe(false);
    }
  });

  it('relabelling keeps the cells, schemes and curve', () => {
    const model: EditorModel = {
      curve: 40,
      rows: ['X', 'Y'].map((label) => ({
        label,
        numbering: 'rtl',
        cells: [{ kind: 'standard' as const, blocked: false }],
      })),
    };
    const next = relabel(model, true);
    expect(next.rows.map((r) => r.label)).toEqual(['A', 'B']);
    expect(next.curve).toBe(40);
    expect(next.rows[0]!.numbering).toBe('rtl');
  });
});

describe('to the contract and back', () => {
  it('any editor model with seats in every row is a valid layout, and comes back with its schemes', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 200 }), (rows, curve) => {
        const width = Math.max(...rows.map((r) => r.cells.length));
        const model = {
          curve,
          rows: rows.map((r, i) => ({
            ...r,
            label: rowLabel(i),
            // Every row as wide as the widest (as the editor keeps them), with at least one seat.
            cells: [{ kind: 'standard' as const, blocked: false }, ...r.cells].concat(
              Array.from({ length: width - r.cells.length }, () => ({ kind: 'gap' as const, blocked: false })),
            ),
          })),
        };
        const layout = toLayout(model);
        expect(layoutSchema.safeParse(layout).success).toBe(true);
        const back = fromLayout(layout);
        expect(back.curve).toBe(curve);
        // The guessed scheme gives the same numbers (a one-seat row fits several schemes).
        back.rows.forEach((r, i) => expect(numbersOf(r)).toEqual(numbersOf(model.rows[i]!)));
        expect(toLayout(back)).toEqual(layout);
      }),
      { numRuns: 200 },
    );
  });
});
