/** SQL of the pricing module: price lists (tax rate), ticket types and price rules. */
import type { Db } from '../db/index';

export type TicketTypeRow = { code: string; name: string; base_price: number; sort: number; active: number };
export type RuleRow = {
  name: string;
  ticket_type: string | null;
  seat_type: string | null;
  format: string | null;
  days_mask: number | null;
  from_minute: number | null;
  to_minute: number | null;
  adjustment: number;
};

export async function vatRate(db: Db, theaterId: number): Promise<number | null> {
  const row = await db
    .selectFrom('price_lists')
    .select('vat_rate_bp')
    .where('theater_id', '=', theaterId)
    .executeTakeFirst();
  return row ? row.vat_rate_bp : null;
}

export function ticketTypes(db: Db, theaterId: number): Promise<TicketTypeRow[]> {
  return db
    .selectFrom('ticket_types')
    .select(['code', 'name', 'base_price', 'sort', 'active'])
    .where('theater_id', '=', theaterId)
    .orderBy('sort')
    .orderBy('id')
    .execute();
}

export function rules(db: Db, theaterId: number): Promise<RuleRow[]> {
  return db
    .selectFrom('price_rules')
    .select(['name', 'ticket_type', 'seat_type', 'format', 'days_mask', 'from_minute', 'to_minute', 'adjustment'])
    .where('theater_id', '=', theaterId)
    .orderBy('sort')
    .orderBy('id')
    .execute();
}

export async function replace(
  db: Db,
  theaterId: number,
  list: { vatRateBp: number; ticketTypes: Omit<TicketTypeRow, 'sort'>[]; rules: RuleRow[] },
  at: number,
): Promise<void> {
  await db
    .insertInto('price_lists')
    .values({ theater_id: theaterId, vat_rate_bp: list.vatRateBp, updated_at: at })
    .onConflict((oc) => oc.column('theater_id').doUpdateSet({ vat_rate_bp: list.vatRateBp, updated_at: at }))
    .execute();
  await db.deleteFrom('ticket_types').where('theater_id', '=', theaterId).execute();
  await db.deleteFrom('price_rules').where('theater_id', '=', theaterId).execute();
  if (list.ticketTypes.length > 0) {
    await db
      .insertInto('ticket_types')
      .values(list.ticketTypes.map((type, sort) => ({ ...type, theater_id: theaterId, sort })))
      .execute();
  }
  if (list.rules.length > 0) {
    await db
      .insertInto('price_rules')
      .values(list.rules.map((rule, sort) => ({ ...rule, theater_id: theaterId, sort })))
      .execute();
  }
}
