/**
 * Opaque list cursors: the sort key of the last item, base64url-encoded. A cursor that does not decode
 * is a 400 on the `cursor` field, never a silent restart from the top.
 */
import { validationError } from '../../shared/contract/errors';

export function encodeCursor(parts: readonly (number | string)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor(
  cursor: string | undefined,
  shape: readonly ('number' | 'string')[],
): (number | string)[] | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parts) && parts.length === shape.length && parts.every((part, i) => typeof part === shape[i])) {
      return parts as (number | string)[];
    }
  } catch {
    // fall through to the validation error
  }
  throw validationError([{ path: 'cursor', message: 'is not a cursor this list handed out' }]);
}

/** Takes limit+1 rows from a query and turns the extra one into the next cursor. */
export function pageOf<Row, Item>(
  rows: Row[],
  limit: number,
  toItem: (row: Row) => Item,
  keyOf: (row: Row) => readonly (number | string)[],
): { items: Item[]; nextCursor: string | null } {
  const hasMore = rows.length > limit;
  const shown = hasMore ? rows.slice(0, limit) : rows;
  const last = shown[shown.length - 1];
  return {
    items: shown.map(toItem),
    nextCursor: hasMore && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}
