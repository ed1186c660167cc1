/** SQL of the reviews module: the reviews table and its rating aggregate. */
import type { Selectable } from 'kysely';
import type { Db, ReviewsTable } from '../db/index';

const reviewColumns = [
  'id',
  'movie_id',
  'user_id',
  'rating',
  'text',
  'created_at',
  'updated_at',
  'hidden_at',
  'hidden_reason',
] as const;

/** A row as the queries below select it. */
export type ReviewRow = Pick<Selectable<ReviewsTable>, (typeof reviewColumns)[number]>;

export function findReview(db: Db, id: number): Promise<ReviewRow | undefined> {
  return db.selectFrom('reviews').select(reviewColumns).where('id', '=', id).executeTakeFirst();
}

export function findByAuthor(db: Db, userId: number, movieId: number): Promise<ReviewRow | undefined> {
  return db
    .selectFrom('reviews')
    .select(reviewColumns)
    .where('user_id', '=', userId)
    .where('movie_id', '=', movieId)
    .executeTakeFirst();
}

export interface ReviewFilter {
  movieId?: number;
  userId?: number;
  /** visible: not hidden; hidden: hidden only; all: both. */
  status: 'visible' | 'hidden' | 'all';
  beforeId?: number;
  limit: number;
}

/** Newest first, keyset-paginated by id. */
export function listReviews(db: Db, filter: ReviewFilter): Promise<ReviewRow[]> {
  let query = db.selectFrom('reviews').select(reviewColumns);
  if (filter.movieId !== undefined) query = query.where('movie_id', '=', filter.movieId);
  if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
  if (filter.status === 'visible') query = query.where('hidden_at', 'is', null);
  if (filter.status === 'hidden') query = query.where('hidden_at', 'is not', null);
  if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId);
  return query.orderBy('id', 'desc').limit(filter.limit).execute();
}

export async function insertReview(
  db: Db,
  values: { movieId: number; userId: number; rating: number; text: string | null; at: number },
): Promise<number> {
  const row = await db
    .insertInto('reviews')
    .values({
      movie_id: values.movieId,
      user_id: values.userId,
      rating: values.rating,
      text: values.text,
      created_at: values.at,
      updated_at: values.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateReview(
  db: Db,
  id: number,
  changes: Partial<{
    rating: number;
    text: string | null;
    updated_at: number;
    hidden_at: number | null;
    hidden_by: string | null;
    hidden_reason: string | null;
  }>,
): Promise<void> {
  await db.updateTable('reviews').set(changes).where('id', '=', id).execute();
}

export async function deleteReview(db: Db, id: number): Promise<void> {
  await db.deleteFrom('reviews').where('id', '=', id).execute();
}

/** Deletes every review of the user; answers the films they were about. */
export async function deleteReviewsOf(db: Db, userId: number): Promise<number[]> {
  const rows = await db.deleteFrom('reviews').where('user_id', '=', userId).returning('movie_id').execute();
  return [...new Set(rows.map((row) => row.movie_id))];
}

/** Sum and count of a film's visible ratings (reads the partial index of visible reviews). */
export async function visibleAggregate(db: Db, movieId: number): Promise<{ sum: number; count: number }> {
  const row = await db
    .selectFrom('reviews')
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>('rating'), eb.lit(0)).as('sum'),
      eb.fn.countAll<number>().as('count'),
    ])
    .where('movie_id', '=', movieId)
    .where('hidden_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { sum: Number(row.sum), count: Number(row.count) };
}
