/**
 * Layout files: what "Export JSON" writes is what "Import JSON" reads back; a file the server's schema
 * refuses is refused here too, each problem said with its row and place; removed seats are named.
 */
import { describe, expect, it } from 'vitest';
import {
  exportDocument,
  newModel,
  parseLayoutFile,
  removedSeats,
  toLayout,
} from '../../../src/renderer/modes/admin/layout-model';
import { layout as layoutSchema } from '../../../src/shared/contract/theaters';

const EXPORTED_AT = '2026-11-28T10:00:00.000Z';

function exported() {
  const model = { ...newModel(3, 6, [2]), curve: 80 };
  model.rows[1]!.numbering = 'odd-even';
  return { model, document: exportDocument(model, 'Studio 5', EXPORTED_AT) };
}

describe('layout export and import', () => {
  it('exports a versioned document that imports back to the same layout', () => {
    const { model, document } = exported();
    expect(document).toMatchObject({
      format: 'marquee.screen-layout',
      version: 1,
      name: 'Studio 5',
      exportedAt: EXPORTED_AT,
    });
    expect(document.layout.curve).toBe(80);
    const result = parseLayoutFile(JSON.stringify(document, null, 2));
    expect(result).toEqual({ ok: true, layout: toLayout(model), name: 'Studio 5' });
  });

  it('takes a bare layout as the API serves it', () => {
    const layout = toLayout(newModel(2, 4));
    expect(parseLayoutFile(JSON.stringify(layout))).toEqual({ ok: true, layout, name: null });
  });

  it('refuses what is not JSON or not a layout', () => {
    expect(parseLayoutFile('{rows: [')).toEqual({ ok: false, errors: [expect.stringContaining('not JSON')] });
    expect(parseLayoutFile('[1, 2]')).toEqual({ ok: false, errors: ['This file does not hold a seat layout.'] });
  });

  it('refuses another format or a later version, saying so', () => {
    const { document } = exported();
    const later = parseLayoutFile(JSON.stringify({ ...document, version: 2 }));
    expect(later).toEqual({ ok: false, errors: [expect.stringMatching(/^version: must be 1 /)] });
    const other = parseLayoutFile(JSON.stringify({ ...document, format: 'seatplan' }));
    expect(other.ok).toBe(false);
    expect(!other.ok && other.errors[0]).toContain('format: must be "marquee.screen-layout"');
  });

  it('names the row and place of every problem the server would refuse, and nothing else passes', () => {
    const { document } = exported();
    const bad = structuredClone(document) as unknown as {
      layout: { curve: unknown; rows: { label: string; seats: ({ number: number; type: string } | null)[] }[] };
    };
    bad.layout.curve = 500;
    bad.layout.rows[1]!.label = 'a';
    bad.layout.rows[2]!.seats[0] = { number: 2, type: 'standard' }; // row C has seat 2 twice now
    bad.layout.rows[0]!.seats[1] = { number: 0, type: 'sofa' };
    const result = parseLayoutFile(JSON.stringify(bad));
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^curve: must be a whole number from 0 to 200\.$/),
        expect.stringMatching(/^Row 2 \(a\), label: /),
        expect.stringMatching(/^Row 1 \(A\), place 2, number: /),
        expect.stringMatching(/^Row 1 \(A\), place 2, type: /),
      ]),
    );
    // The same schema as the server: anything refused here is refused there.
    expect(layoutSchema.safeParse(bad.layout).success).toBe(false);
  });

  it('says which saved seats a draft removes', () => {
    const saved = toLayout(newModel(2, 3));
    const draft = toLayout({ ...newModel(1, 3), rows: newModel(1, 3).rows });
    draft.rows[0]!.seats[2] = null;
    expect(removedSeats(saved, draft)).toEqual(['A3', 'B1', 'B2', 'B3']);
    expect(removedSeats(saved, saved)).toEqual([]);
  });
});
