/**
 * The live side of the daily sales rollup (`sales_daily`, migration 0010): the booking module reports
 * each sale and each refund inside the write transaction that makes it, and the rows it adds here follow
 * exactly the rules the migration's rebuild uses (see there). A sale counts on the local day its booking
 * was paid in full; a refund on the local day the money went back. The monthly rollup and the sales per
 * minute (`sales_monthly`, `sales_minute`, migration 0012) follow along in the same transactions.
 */
import { localDateOf } from '../../shared/domain/time';
import type { Db } from '../db/index';
import { addFacts, addMinute, type Fact } from './reports.queries';

export interface SaleLine {
  ticketType: string;
  price: number;
  tax: number;
}

/** Where a sale or refund belongs. */
export interface SalePlace {
  theaterId: number;
  showtimeId: number;
  movieId: number;
  screenId: number;
  channel: string;
  timeZone: string;
  at: number;
}

/**
 * A refund event's amount laid over its tickets in id order: ticket i covers [start_i, start_i + price_i)
 * and part j [start_j, start_j + amount_j); each (ticket, part) gets their overlap. The tax refunded of a
 * ticket is its tax in proportion to the amount (rounded down); the tickets count on the first part.
 */
export function allocateRefund(
  tickets: readonly SaleLine[],
  parts: readonly { method: string; amount: number }[],
): { ticketType: string; method: string; refundedTickets: number; refunds: number; refundTax: number }[] {
  const out = new Map<
    string,
    { ticketType: string; method: string; refundedTickets: number; refunds: number; refundTax: number }
  >();
  const row = (ticketType: string, method: string) => {
    const key = `${ticketType}\u0000${method}`;
    let found = out.get(key);
    if (!found) out.set(key, (found = { ticketType, method, refundedTickets: 0, refunds: 0, refundTax: 0 }));
    return found;
  };
  let ticketStart = 0;
  for (const ticket of tickets) {
    let partStart = 0;
    parts.forEach((part, index) => {
      const amount = Math.max(
        0,
        Math.min(ticketStart + ticket.price, partStart + part.amount) - Math.max(ticketStart, partStart),
      );
      const target = index === 0 || amount > 0 ? row(ticket.ticketType, part.method) : null;
      if (target) {
        if (index === 0) target.refundedTickets += 1;
        target.refunds += amount;
        target.refundTax +=
          ticket.price === 0
            ? 0
            : amount === ticket.price
              ? ticket.tax
              : Math.floor((ticket.tax * amount) / ticket.price);
      }
      partStart += part.amount;
    });
    ticketStart += ticket.price;
  }
  return [...out.values()].filter((r) => r.refundedTickets > 0 || r.refunds > 0);
}

/** The method a sale is filed under: its payments' one method, `split` for several, `none` when free. */
export function saleMethod(methods: readonly string[]): string {
  const distinct = [...new Set(methods)];
  if (distinct.length === 0) return 'none';
  return distinct.length === 1 ? distinct[0]! : 'split';
}

const zero = { tickets: 0, gross: 0, tax: 0, refundedTickets: 0, refunds: 0, refundTax: 0 };

export async function recordSale(trx: Db, place: SalePlace, method: string, lines: readonly SaleLine[]): Promise<void> {
  const day = localDateOf(place.at, place.timeZone);
  const byType = new Map<string, Fact>();
  for (const line of lines) {
    let fact = byType.get(line.ticketType);
    if (!fact) {
      fact = { ...placeOf(place, day), ticketType: line.ticketType, method, ...zero };
      byType.set(line.ticketType, fact);
    }
    fact.tickets += 1;
    fact.gross += line.price;
    fact.tax += line.tax;
  }
  await addFacts(trx, [...byType.values()]);
  if (lines.length > 0) {
    const gross = lines.reduce((sum, line) => sum + line.price, 0);
    await addMinute(trx, place.theaterId, Math.floor(place.at / 60_000), lines.length, gross);
  }
}

export async function recordRefund(
  trx: Db,
  place: SalePlace,
  tickets: readonly SaleLine[],
  parts: readonly { method: string; amount: number }[],
): Promise<void> {
  if (parts.length === 0) return;
  const day = localDateOf(place.at, place.timeZone);
  await addFacts(
    trx,
    allocateRefund(tickets, parts).map((r) => ({ ...placeOf(place, day), ...zero, ...r })),
  );
}

function placeOf(place: SalePlace, day: string) {
  return {
    theaterId: place.theaterId,
    day,
    showtimeId: place.showtimeId,
    movieId: place.movieId,
    screenId: place.screenId,
    channel: place.channel,
  };
}
