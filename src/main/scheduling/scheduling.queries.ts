/** SQL of the scheduling module: showtimes. */
import type { Selectable } from 'kysely';
import type { Db, ShowtimesTable } from '../db/index';

const columns = [
  'id',
  'movie_id',
  'screen_id',
  'theater_id',
  'starts_at',
  'ends_at',
  'blocked_until',
  'trailer_minutes',
  'format',
  'language',
  'status',
] as const;

/** A row as the queries below select it. */
export type ShowtimeRow = Pick<Selectable<ShowtimesTable>, (typeof columns)[number]>;

export interface ShowtimeFilter {
  /** Per theater, the [start, end) window of starts; absent means "not ended yet". */
  windows?: { theaterId: number; from: number; to: number }[];
  endsAfter?: number;
  theaterId?: number;
  movieId?: number;
  screenId?: number;
  includeCancelled: boolean;
  after?: { startsAt: number; id: number };
  limit: number;
}

export function listShowtimes(db: Db, filter: ShowtimeFilter): Promise<ShowtimeRow[]> {
  let query = db.selectFrom('showtimes').select(columns);
  if (filter.windows) {
    const windows = filter.windows;
    query = query.where((eb) =>
      eb.or(
        windows.map((w) =>
          eb.and([eb('theater_id', '=', w.theaterId), eb('starts_at', '>=', w.from), eb('starts_at', '<', w.to)]),
        ),
      ),
    );
  }
  if (filter.endsAfter !== undefined) query = query.where('ends_at', '>', filter.endsAfter);
  if (filter.theaterId !== undefined) query = query.where('theater_id', '=', filter.theaterId);
  if (filter.movieId !== undefined) query = query.where('movie_id', '=', filter.movieId);
  if (filter.screenId !== undefined) query = query.where('screen_id', '=', filter.screenId);
  if (!filter.includeCancelled) query = query.where('status', '=', 'scheduled');
  if (filter.after) {
    const { startsAt, id } = filter.after;
    query = query.where((eb) =>
      eb.or([eb('starts_at', '>', startsAt), eb.and([eb('starts_at', '=', startsAt), eb('id', '>', id)])]),
    );
  }
  return query.orderBy('starts_at').orderBy('id').limit(filter.limit).execute();
}

export function findShowtime(db: Db, id: number): Promise<ShowtimeRow | undefined> {
  return db.selectFrom('showtimes').select(columns).where('id', '=', id).executeTakeFirst();
}

/** The scheduled showtime of a screen that overlaps [from, to), for explaining a conflict. */
export function findOverlap(db: Db, screenId: number, from: number, to: number, exceptId: number | null) {
  let query = db
    .selectFrom('showtimes')
    .select(columns)
    .where('screen_id', '=', screenId)
    .where('status', '=', 'scheduled')
    .where('starts_at', '>', from - 86_400_000)
    .where('starts_at', '<', to)
    .where('blocked_until', '>', from);
  if (exceptId !== null) query = query.where('id', '<>', exceptId);
  return query.orderBy('starts_at').executeTakeFirst();
}

export async function insertShowtime(
  db: Db,
  values: Omit<ShowtimeRow, 'id' | 'status'> & { created_at: number },
): Promise<number> {
  const row = await db.insertInto('showtimes').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateShowtime(db: Db, id: number, changes: Partial<Omit<ShowtimeRow, 'id'>>): Promise<void> {
  await db.updateTable('showtimes').set(changes).where('id', '=', id).execute();
}

export async function exists(
  db: Db,
  where: { movieId?: number; screenId?: number; theaterId?: number; endsAfter?: number; includeCancelled?: boolean },
): Promise<boolean> {
  let query = db.selectFrom('showtimes').select('id');
  if (!where.includeCancelled) query = query.where('status', '=', 'scheduled');
  if (where.movieId !== undefined) query = query.where('movie_id', '=', where.movieId);
  if (where.screenId !== undefined) query = query.where('screen_id', '=', where.screenId);
  if (where.theaterId !== undefined) query = query.where('theater_id', '=', where.theaterId);
  if (where.endsAfter !== undefined) query = query.where('ends_at', '>', where.endsAfter);
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}

/** Ids of a screen's scheduled showtimes that have not ended by `after`. */
export async function futureShowtimeIdsOfScreen(db: Db, screenId: number, after: number): Promise<number[]> {
  const rows = await db
    .selectFrom('showtimes')
    .select('id')
    .where('screen_id', '=', screenId)
    .where('status', '=', 'scheduled')
    .where('ends_at', '>', after)
    .execute();
  return rows.map((row) => row.id);
}

/** Film of each showtime (cancelled ones too). */
export async function movieIdsOfShowtimes(db: Db, showtimeIds: number[]): Promise<Map<number, number>> {
  const result = new Map<number, number>();
  for (let i = 0; i < showtimeIds.length; i += 500) {
    const rows = await db
      .selectFrom('showtimes')
      .select(['id', 'movie_id'])
      .where('id', 'in', showtimeIds.slice(i, i + 500))
      .execute();
    for (const row of rows) result.set(row.id, row.movie_id);
  }
  return result;
}
