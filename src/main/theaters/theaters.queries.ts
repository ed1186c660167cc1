/** SQL of the theaters module: theaters, screens and their seats. */
import type { Selectable } from 'kysely';
import type { Db, ScreensTable, TheatersTable } from '../db/index';

const theaterColumns = [
  'id',
  'name',
  'address',
  'time_zone',
  'currency',
  'trailer_minutes',
  'cancel_cutoff_minutes',
  'hold_minutes',
  'kiosk_hold_minutes',
  'refund_approval_above',
  'phone',
  'vat_number',
  'door_opens_minutes',
  'cleaning_minutes',
  'kiosk_idle_seconds',
  'kiosk_large_text',
  'kiosk_payment_methods',
  'created_at',
] as const;

/** A row as the queries below select it. */
export type TheaterRow = Pick<Selectable<TheatersTable>, (typeof theaterColumns)[number]>;

export function listTheaters(db: Db): Promise<TheaterRow[]> {
  return db.selectFrom('theaters').select(theaterColumns).orderBy('id').execute();
}

export function findTheater(db: Db, id: number): Promise<TheaterRow | undefined> {
  return db.selectFrom('theaters').select(theaterColumns).where('id', '=', id).executeTakeFirst();
}

export async function managerIdsOf(db: Db, theaterIds: number[]): Promise<Map<number, number[]>> {
  const result = new Map<number, number[]>();
  if (theaterIds.length === 0) return result;
  const rows = await db
    .selectFrom('user_theaters')
    .innerJoin('users', 'users.id', 'user_theaters.user_id')
    .select(['user_theaters.theater_id', 'users.id'])
    .where('user_theaters.theater_id', 'in', theaterIds)
    .where('users.role', '=', 'manager')
    .orderBy('users.id')
    .execute();
  for (const row of rows) {
    const list = result.get(row.theater_id) ?? [];
    list.push(row.id);
    result.set(row.theater_id, list);
  }
  return result;
}

export async function insertTheater(db: Db, values: Omit<TheaterRow, 'id'>): Promise<number> {
  const row = await db.insertInto('theaters').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateTheater(
  db: Db,
  id: number,
  changes: Partial<Omit<TheaterRow, 'id' | 'created_at'>>,
): Promise<void> {
  if (Object.keys(changes).length === 0) return;
  await db.updateTable('theaters').set(changes).where('id', '=', id).execute();
}

const screenColumns = ['id', 'theater_id', 'name', 'cleaning_minutes', 'layout', 'capacity', 'created_at'] as const;

/** A row as the queries below select it. */
export type ScreenRow = Pick<Selectable<ScreensTable>, (typeof screenColumns)[number]>;

export function listScreens(db: Db, theaterId: number): Promise<ScreenRow[]> {
  return db.selectFrom('screens').select(screenColumns).where('theater_id', '=', theaterId).orderBy('id').execute();
}

export function findScreen(db: Db, id: number): Promise<ScreenRow | undefined> {
  return db.selectFrom('screens').select(screenColumns).where('id', '=', id).executeTakeFirst();
}

export function findScreens(db: Db, ids: number[]): Promise<ScreenRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('screens').select(screenColumns).where('id', 'in', ids).execute();
}

export async function insertScreen(db: Db, values: Omit<ScreenRow, 'id'>): Promise<number> {
  const row = await db.insertInto('screens').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateScreen(
  db: Db,
  id: number,
  changes: Partial<Omit<ScreenRow, 'id' | 'theater_id' | 'created_at'>>,
): Promise<void> {
  if (Object.keys(changes).length === 0) return;
  await db.updateTable('screens').set(changes).where('id', '=', id).execute();
}

export interface SeatValues {
  row_label: string;
  number: number;
  type: string;
  row_index: number;
  col_index: number;
  blocked: number;
}

export type SeatRow = SeatValues & { id: number; active: number };

export function seatsOf(db: Db, screenId: number): Promise<SeatRow[]> {
  return db
    .selectFrom('seats')
    .select(['id', 'row_label', 'number', 'type', 'row_index', 'col_index', 'blocked', 'active'])
    .where('screen_id', '=', screenId)
    .execute();
}

export async function insertSeats(db: Db, screenId: number, seats: SeatValues[]): Promise<void> {
  // SQLite allows at most 32766 bound parameters; 7 per seat, so chunk.
  for (let i = 0; i < seats.length; i += 500) {
    await db
      .insertInto('seats')
      .values(seats.slice(i, i + 500).map((seat) => ({ ...seat, screen_id: screenId, active: 1 })))
      .execute();
  }
}

export async function updateSeat(db: Db, id: number, values: SeatValues & { active: number }): Promise<void> {
  await db.updateTable('seats').set(values).where('id', '=', id).execute();
}

export async function deactivateSeat(db: Db, id: number): Promise<void> {
  await db.updateTable('seats').set({ active: 0 }).where('id', '=', id).execute();
}

export async function sellableSeatCounts(db: Db, screenIds: number[]): Promise<Map<number, number>> {
  const result = new Map<number, number>();
  if (screenIds.length === 0) return result;
  const rows = await db
    .selectFrom('seats')
    .select(['screen_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('screen_id', 'in', screenIds)
    .where('active', '=', 1)
    .where('blocked', '=', 0)
    .groupBy('screen_id')
    .execute();
  for (const row of rows) result.set(row.screen_id, Number(row.n));
  return result;
}
