/**
 * The seat map answer. A screen's seats change only when its layout is edited (the theaters module then
 * hands out a new seat list), so everything but the statuses is prepared once per seat list: the seats
 * in map order with their fixed fields, and each seat's JSON text around its status. An answer is then
 * the statuses filled in, and its JSON text (core/json-text.ts) is written from the same template.
 */
import type { OutputOf } from '../../shared/contract/index';
import type { SeatStatus } from '../../shared/domain/seat-types';
import { withJsonText } from '../core/json-text';
import type { SeatInfo } from '../theaters/index';

type SeatMap = OutputOf<'seatmap.get'>;
type MapRow = SeatMap['rows'][number];
type MapSeat = SeatMap['seats'][number];

interface TemplateSeat {
  info: SeatInfo;
  fixed: Omit<MapSeat, 'status'>;
  /** The seat's JSON text up to its status's value, and from after it. */
  head: string;
  tail: string;
}

interface Template {
  rows: readonly MapRow[];
  rowsJson: string;
  seats: TemplateSeat[];
}

const templates = new WeakMap<readonly SeatInfo[], Template>();
const ticketTypesJson = new WeakMap<object, string>();

function templateOf(seats: readonly SeatInfo[], rows: readonly MapRow[]): Template {
  const kept = templates.get(seats);
  if (kept && kept.rows === rows) return kept;
  const rowLabels = new Map(rows.map((row) => [row.index, row.label]));
  const ordered = [...seats].sort((a, b) => a.rowIndex - b.rowIndex || a.column - b.column);
  const template: Template = {
    rows,
    rowsJson: JSON.stringify(rows),
    seats: ordered.map((info) => {
      const fixed = {
        id: info.id,
        label: `${info.row}${info.number}`,
        row: rowLabels.get(info.rowIndex) ?? info.row,
        number: info.number,
        type: info.type,
        rowIndex: info.rowIndex,
        column: info.column,
      };
      const { rowIndex, column, ...before } = fixed;
      return {
        info,
        fixed,
        head: `${JSON.stringify(before).slice(0, -1)},"status":`,
        tail: `,${JSON.stringify({ rowIndex, column }).slice(1)}`,
      };
    }),
  };
  templates.set(seats, template);
  return template;
}

export function buildSeatMap(input: {
  showtimeId: number;
  currency: string;
  seats: readonly SeatInfo[];
  rows: readonly MapRow[];
  ticketTypes: SeatMap['ticketTypes'];
  /** The seat's claim status, if it has a live claim. */
  claimOf: (seatId: number) => SeatStatus | undefined;
}): SeatMap {
  const template = templateOf(input.seats, input.rows);
  const statuses: SeatStatus[] = template.seats.map(({ info }) =>
    info.blocked ? 'blocked' : (input.claimOf(info.id) ?? 'available'),
  );
  let available = 0;
  for (const status of statuses) if (status === 'available') available += 1;
  const seats: MapSeat[] = template.seats.map(({ fixed }, i) => ({
    id: fixed.id,
    label: fixed.label,
    row: fixed.row,
    number: fixed.number,
    type: fixed.type,
    status: statuses[i]!,
    rowIndex: fixed.rowIndex,
    column: fixed.column,
  }));
  const answer: SeatMap = {
    showtimeId: input.showtimeId,
    currency: input.currency,
    capacity: seats.length,
    available,
    rows: input.rows as MapRow[],
    seats,
    ticketTypes: input.ticketTypes,
  };
  return withJsonText(answer, () => {
    let types = ticketTypesJson.get(input.ticketTypes);
    if (types === undefined) ticketTypesJson.set(input.ticketTypes, (types = JSON.stringify(input.ticketTypes)));
    const parts = template.seats.map((seat, i) => `${seat.head}"${statuses[i]!}"${seat.tail}`);
    return (
      `{"showtimeId":${JSON.stringify(answer.showtimeId)},"currency":${JSON.stringify(answer.currency)},` +
      `"capacity":${answer.capacity},"available":${answer.available},"rows":${template.rowsJson},` +
      `"seats":[${parts.join(',')}],"ticketTypes":${types}}`
    );
  });
}
