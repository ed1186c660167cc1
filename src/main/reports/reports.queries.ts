/**
 * SQL of the reports module: the sales rollups `sales_daily`, `sales_showtime`, `sales_monthly` and
 * `sales_minute`, which this module owns.
 */
import { sql } from 'kysely';
import { addDays } from '../../shared/domain/time';
import { preparedSql, type Db } from '../db/index';

/** One addition to a rollup row (every measure is added to what is there). */
export interface Fact {
  theaterId: number;
  day: string;
  showtimeId: number;
  movieId: number;
  screenId: number;
  ticketType: string;
  channel: string;
  method: string;
  tickets: number;
  gross: number;
  tax: number;
  refundedTickets: number;
  refunds: number;
  refundTax: number;
}

const ADD = sql`tickets = tickets + excluded.tickets, gross = gross + excluded.gross, tax = tax + excluded.tax,
  refunded_tickets = refunded_tickets + excluded.refunded_tickets, refunds = refunds + excluded.refunds,
  refund_tax = refund_tax + excluded.refund_tax`;

type Dimensions = [
  theaterId: number,
  period: string,
  movieId: number,
  screenId: number,
  ticketType: string,
  channel: string,
  method: string,
];
type MeasureValues = [
  tickets: number,
  gross: number,
  tax: number,
  refundedTickets: number,
  refunds: number,
  refundTax: number,
];

/** The day's or the month's rollup: the same columns but the period's. */
function periodRollup(table: 'sales_daily' | 'sales_monthly', period: 'day' | 'month') {
  const key = sql`theater_id, ${sql.ref(period)}, movie_id, screen_id, ticket_type, channel, method`;
  return preparedSql(
    (...v: [...Dimensions, ...MeasureValues]) => sql`
    INSERT INTO ${sql.table(table)} (${key}, tickets, gross, tax, refunded_tickets, refunds, refund_tax)
    VALUES (${sql.join(v)})
    ON CONFLICT (${key}) DO UPDATE SET ${ADD}`,
  );
}

const addDaily = periodRollup('sales_daily', 'day');
const addMonthly = periodRollup('sales_monthly', 'month');

const addShowtime = preparedSql(
  (...v: [showtimeId: number, theaterId: number, movieId: number, screenId: number, ...MeasureValues]) => sql`
  INSERT INTO sales_showtime (showtime_id, theater_id, movie_id, screen_id,
                              tickets, gross, tax, refunded_tickets, refunds, refund_tax)
  VALUES (${sql.join(v)})
  ON CONFLICT (showtime_id) DO UPDATE SET ${ADD}`,
);

/** Adds to the rollups: the day's row, the month's and the showtime's. */
export async function addFacts(db: Db, facts: readonly Fact[]): Promise<void> {
  for (const f of facts) {
    const measures: MeasureValues = [f.tickets, f.gross, f.tax, f.refundedTickets, f.refunds, f.refundTax];
    const rest = [f.movieId, f.screenId, f.ticketType, f.channel, f.method] as const;
    await addDaily(db, f.theaterId, f.day, ...rest, ...measures);
    await addMonthly(db, f.theaterId, f.day.slice(0, 7), ...rest, ...measures);
    await addShowtime(db, f.showtimeId, f.theaterId, f.movieId, f.screenId, ...measures);
  }
}

export interface Measures {
  tickets: number;
  refundedTickets: number;
  gross: number;
  tax: number;
  refunds: number;
  refundTax: number;
}

export type Dimension = 'day' | 'movie_id' | 'screen_id' | 'ticket_type' | 'channel' | 'method';

const measures = sql`sum(tickets) AS tickets, sum(refunded_tickets) AS refunded_tickets, sum(gross) AS gross,
  sum(tax) AS tax, sum(refunds) AS refunds, sum(refund_tax) AS refund_tax`;

function toMeasures(row: Record<string, unknown>): Measures {
  return {
    tickets: Number(row.tickets ?? 0),
    refundedTickets: Number(row.refunded_tickets ?? 0),
    gross: Number(row.gross ?? 0),
    tax: Number(row.tax ?? 0),
    refunds: Number(row.refunds ?? 0),
    refundTax: Number(row.refund_tax ?? 0),
  };
}

/** A theater's rollup over local days [from, to], summed per value of one dimension. */
export async function breakdown(
  db: Db,
  theaterId: number,
  from: string,
  to: string,
  dimension: Dimension,
): Promise<{ key: string | number; measures: Measures }[]> {
  const column = sql.ref(dimension);
  const result = await sql<Record<string, unknown> & { key: string | number }>`
    SELECT ${column} AS key, ${measures}
    FROM sales_daily WHERE theater_id = ${theaterId} AND day >= ${from} AND day <= ${to}
    GROUP BY ${column}`.execute(db);
  return result.rows.map((row) => ({ key: row.key, measures: toMeasures(row) }));
}

/** Adds a sale's tickets and their value to its minute (UTC epoch minute). */
const addMinuteQuery = preparedSql(
  (theaterId: number, minute: number, tickets: number, gross: number) => sql`
    INSERT INTO sales_minute (theater_id, minute, tickets, gross) VALUES (${theaterId}, ${minute}, ${tickets}, ${gross})
    ON CONFLICT (theater_id, minute) DO UPDATE
    SET tickets = tickets + excluded.tickets, gross = gross + excluded.gross`,
);

export async function addMinute(db: Db, theaterId: number, minute: number, tickets: number, gross: number) {
  await addMinuteQuery(db, theaterId, minute, tickets, gross);
}

/**
 * Tickets sold and their value per hour after `fromMinute` (hour index 0, 1, …) over the whole minutes
 * [fromMinute, toMinute) of a theater.
 */
export async function salesByHourOfMinutes(
  db: Db,
  theaterId: number,
  fromMinute: number,
  toMinute: number,
): Promise<{ hour: number; tickets: number; gross: number }[]> {
  // The start is cast: a bound JavaScript number is a REAL, and the division would keep the fraction.
  const result = await sql<{ hour: number; tickets: number; gross: number }>`
    SELECT (minute - CAST(${fromMinute} AS INTEGER)) / 60 AS hour, sum(tickets) AS tickets, sum(gross) AS gross
    FROM sales_minute WHERE theater_id = ${theaterId} AND minute >= ${fromMinute} AND minute < ${toMinute}
    GROUP BY 1`.execute(db);
  return result.rows.map((row) => ({ hour: Number(row.hour), tickets: Number(row.tickets), gross: Number(row.gross) }));
}

/**
 * Local days [from, to] as whole calendar months `months` (YYYY-MM, first to last, or null when none fits)
 * and the days outside them, at the start and the end (`[from, to]` pairs, empty ones left out).
 */
export function splitByMonths(from: string, to: string): { months: [string, string] | null; days: [string, string][] } {
  const firstMonth = from.endsWith('-01') ? from.slice(0, 7) : addDays(`${from.slice(0, 7)}-01`, 32).slice(0, 7);
  const lastMonth = addDays(to, 1).endsWith('-01') ? to.slice(0, 7) : addDays(`${to.slice(0, 7)}-01`, -1).slice(0, 7);
  if (firstMonth > lastMonth) return { months: null, days: [[from, to]] };
  const days: [string, string][] = [];
  if (from < `${firstMonth}-01`) days.push([from, addDays(`${firstMonth}-01`, -1)]);
  const afterLast = addDays(`${lastMonth}-01`, 32).slice(0, 7);
  if (to >= `${afterLast}-01`) days.push([`${afterLast}-01`, to]);
  return { months: [firstMonth, lastMonth], days };
}

/**
 * A theater's rollup over local days [from, to] summed per film, screen, ticket type, channel and method
 * together (a few thousand rows for a year), so the per-dimension totals need one scan, not five. Whole
 * calendar months come from `sales_monthly`, the days at the ends from `sales_daily`.
 */
export async function byCombination(db: Db, theaterId: number, from: string, to: string) {
  const split = splitByMonths(from, to);
  const keys = sql`movie_id, screen_id, ticket_type, channel, method, tickets, refunded_tickets, gross, tax, refunds, refund_tax`;
  const parts = split.days.map(
    ([a, b]) => sql`SELECT ${keys} FROM sales_daily WHERE theater_id = ${theaterId} AND day >= ${a} AND day <= ${b}`,
  );
  if (split.months) {
    parts.push(
      sql`SELECT ${keys} FROM sales_monthly
          WHERE theater_id = ${theaterId} AND month >= ${split.months[0]} AND month <= ${split.months[1]}`,
    );
  }
  const result = await sql<
    Record<string, unknown> & {
      movie_id: number;
      screen_id: number;
      ticket_type: string;
      channel: string;
      method: string;
    }
  >`
    SELECT movie_id, screen_id, ticket_type, channel, method, ${measures}
    FROM (${sql.join(parts, sql` UNION ALL `)})
    GROUP BY movie_id, screen_id, ticket_type, channel, method`.execute(db);
  return result.rows.map((row) => ({
    movieId: row.movie_id,
    screenId: row.screen_id,
    ticketType: row.ticket_type,
    channel: row.channel,
    method: row.method,
    measures: toMeasures(row),
  }));
}

/** Tickets and money per showtime, over every sale and refund day (for the distributor and occupancy). */
export async function byShowtime(db: Db, showtimeIds: readonly number[]): Promise<Map<number, Measures>> {
  const out = new Map<number, Measures>();
  for (let i = 0; i < showtimeIds.length; i += 500) {
    const chunk = showtimeIds.slice(i, i + 500);
    const result = await sql<Record<string, unknown> & { showtime_id: number }>`
      SELECT showtime_id, ${measures} FROM sales_showtime
      WHERE showtime_id IN (${sql.join(chunk)}) GROUP BY showtime_id`.execute(db);
    for (const row of result.rows) out.set(row.showtime_id, toMeasures(row));
  }
  return out;
}

/** Every row of a rollup table (tests compare them with a rebuild). */
export async function allRows(db: Db, table: string) {
  const result = await sql<Record<string, string | number>>`SELECT * FROM ${sql.table(table)}`.execute(db);
  return result.rows.sort((a, b) => JSON.stringify(Object.values(a)).localeCompare(JSON.stringify(Object.values(b))));
}
