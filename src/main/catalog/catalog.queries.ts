/** SQL of the catalog module: films and their posters. */
import type { Selectable } from 'kysely';
import type { Db, MoviesTable } from '../db/index';

const movieColumns = [
  'id',
  'title',
  'duration_minutes',
  'description',
  'release_date',
  'genres',
  'language',
  'certificate',
  'trailer_url',
  'status',
  'poster_type',
  'poster_version',
  'rating_sum',
  'rating_count',
  'created_at',
  'updated_at',
] as const;

/** A row as the queries below select it. */
export type MovieRow = Pick<Selectable<MoviesTable>, (typeof movieColumns)[number]>;

export function findMovie(db: Db, id: number): Promise<MovieRow | undefined> {
  return db.selectFrom('movies').select(movieColumns).where('id', '=', id).executeTakeFirst();
}

export function findMovies(db: Db, ids: number[]): Promise<MovieRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('movies').select(movieColumns).where('id', 'in', ids).execute();
}

/** Newest first (by id), keyset-paginated. `q` matches anywhere in the title, case-insensitively (no wildcards). */
export function listMovies(
  db: Db,
  options: { beforeId: number | null; limit: number; status: string | null; q: string | undefined },
): Promise<MovieRow[]> {
  let query = db.selectFrom('movies').select(movieColumns);
  if (options.status) query = query.where('status', '=', options.status);
  if (options.beforeId !== null) query = query.where('id', '<', options.beforeId);
  const needle = options.q?.toLowerCase();
  if (needle) {
    query = query.where(({ eb, fn }) => eb(fn<number>('instr', [fn('lower', ['title']), eb.val(needle)]), '>', 0));
  }
  return query.orderBy('id', 'desc').limit(options.limit).execute();
}

export async function insertMovie(
  db: Db,
  values: Omit<MovieRow, 'id' | 'status' | 'poster_type' | 'poster_version' | 'rating_sum' | 'rating_count'>,
): Promise<number> {
  const row = await db.insertInto('movies').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateMovie(
  db: Db,
  id: number,
  changes: Partial<Omit<MovieRow, 'id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('movies').set(changes).where('id', '=', id).execute();
}

export async function deleteMovie(db: Db, id: number): Promise<void> {
  await db.deleteFrom('movies').where('id', '=', id).execute();
}

export async function savePoster(
  db: Db,
  movieId: number,
  contentType: string,
  data: Uint8Array,
  at: number,
): Promise<void> {
  await db
    .insertInto('movie_posters')
    .values({ movie_id: movieId, content_type: contentType, data })
    .onConflict((oc) => oc.column('movie_id').doUpdateSet({ content_type: contentType, data }))
    .execute();
  await db
    .updateTable('movies')
    .set((eb) => ({ poster_type: contentType, poster_version: eb('poster_version', '+', 1), updated_at: at }))
    .where('id', '=', movieId)
    .execute();
}

export function findPoster(db: Db, movieId: number) {
  return db
    .selectFrom('movie_posters')
    .select(['content_type', 'data'])
    .where('movie_id', '=', movieId)
    .executeTakeFirst();
}

/** The rating columns are written only from the reviews module's aggregate (see CatalogService.setRating). */
export async function setRating(db: Db, movieId: number, sum: number, count: number): Promise<void> {
  await db.updateTable('movies').set({ rating_sum: sum, rating_count: count }).where('id', '=', movieId).execute();
}
