/**
 * The film catalog: films with their details, posters and rating aggregates (reviews feed the rating).
 * A film that showtimes use is archived rather than deleted, so the sales history keeps its title.
 */
import { DomainError } from '../../shared/contract/errors';
import type { OutputOf, ParsedInputOf } from '../../shared/contract/index';
import { toOffsetIso } from '../../shared/domain/time';
import { recordAudit } from '../audit/index';
import type { Clock } from '../core/clock';
import type { CallContext } from '../core/context';
import { decodeCursor, pageOf } from '../core/cursor';
import { writeTransaction, type Db } from '../db/index';
import * as q from './catalog.queries';
import { checkPoster, decodePoster } from './posters';

type MovieOut = OutputOf<'movies.get'>;

/** What the catalog needs to know from scheduling (wired by the core to avoid a cycle). */
export interface MovieUsage {
  /** `db` is the caller's transaction when asked from inside one. */
  movieHasShowtimes(movieId: number, db?: Db): Promise<boolean>;
  movieHasFutureShowtimes(movieId: number, db?: Db): Promise<boolean>;
}

export interface MovieInfo {
  id: number;
  title: string;
  durationMinutes: number;
  status: string;
}

export class CatalogService {
  private usage: MovieUsage | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  setUsage(usage: MovieUsage): void {
    this.usage = usage;
  }

  async list(input: ParsedInputOf<'movies.list'>): Promise<OutputOf<'movies.list'>> {
    const before = decodeCursor(input.cursor, ['number']);
    const rows = await q.listMovies(this.db, {
      beforeId: before ? Number(before[0]) : null,
      limit: input.limit + 1,
      status: input.status === 'all' ? null : input.status,
      q: input.q,
    });
    return pageOf(rows, input.limit, toMovie, (row) => [row.id]);
  }

  async get(id: number): Promise<MovieOut> {
    const row = await q.findMovie(this.db, id);
    if (!row) throw new DomainError('not_found', 'Film not found.');
    return toMovie(row);
  }

  async create(input: ParsedInputOf<'movies.create'>, ctx: CallContext): Promise<MovieOut> {
    const now = this.clock.now();
    const id = await writeTransaction(this.db, async (trx) => {
      const movieId = await q.insertMovie(trx, {
        title: input.title,
        duration_minutes: input.durationMinutes,
        description: input.description || null,
        release_date: input.releaseDate ?? null,
        genres: JSON.stringify(input.genres ?? []),
        language: input.language ?? null,
        certificate: input.certificate ?? null,
        trailer_url: input.trailerUrl ?? null,
        created_at: now,
        updated_at: now,
      });
      await recordAudit(trx, now, {
        actor: ctx.actor,
        action: 'movie.create',
        entity: 'movie',
        entityId: movieId,
        data: { title: input.title },
      });
      return movieId;
    });
    return this.get(id);
  }

  async update(input: ParsedInputOf<'movies.update'>, ctx: CallContext): Promise<MovieOut> {
    const now = this.clock.now();
    await writeTransaction(this.db, async (trx) => {
      const row = await q.findMovie(trx, input.movieId);
      if (!row) throw new DomainError('not_found', 'Film not found.');
      if (
        input.durationMinutes !== undefined &&
        input.durationMinutes !== row.duration_minutes &&
        (await this.requireUsage().movieHasFutureShowtimes(row.id, trx))
      ) {
        throw new DomainError('movie_in_use', 'The running time cannot change while future showtimes use the film.');
      }
      await q.updateMovie(trx, row.id, {
        ...(input.title !== undefined && { title: input.title }),
        ...(input.durationMinutes !== undefined && { duration_minutes: input.durationMinutes }),
        ...(input.description !== undefined && { description: input.description || null }),
        ...(input.releaseDate !== undefined && { release_date: input.releaseDate }),
        ...(input.genres !== undefined && { genres: JSON.stringify(input.genres) }),
        ...(input.language !== undefined && { language: input.language }),
        ...(input.certificate !== undefined && { certificate: input.certificate }),
        ...(input.trailerUrl !== undefined && { trailer_url: input.trailerUrl }),
        ...(input.status !== undefined && { status: input.status }),
        updated_at: now,
      });
      await recordAudit(trx, now, {
        actor: ctx.actor,
        action: 'movie.update',
        entity: 'movie',
        entityId: row.id,
        data: input,
      });
    });
    return this.get(input.movieId);
  }

  async remove(input: ParsedInputOf<'movies.delete'>, ctx: CallContext): Promise<void> {
    const now = this.clock.now();
    await writeTransaction(this.db, async (trx) => {
      const row = await q.findMovie(trx, input.movieId);
      if (!row) throw new DomainError('not_found', 'Film not found.');
      const usage = this.requireUsage();
      if (await usage.movieHasFutureShowtimes(row.id, trx)) {
        throw new DomainError('movie_in_use', 'The film has future showtimes: cancel or move them first.');
      }
      if (await usage.movieHasShowtimes(row.id, trx)) {
        await q.updateMovie(trx, row.id, { status: 'archived', updated_at: now });
        await recordAudit(trx, now, { actor: ctx.actor, action: 'movie.archive', entity: 'movie', entityId: row.id });
      } else {
        await q.deleteMovie(trx, row.id);
        await recordAudit(trx, now, {
          actor: ctx.actor,
          action: 'movie.delete',
          entity: 'movie',
          entityId: row.id,
          data: { title: row.title },
        });
      }
    });
  }

  async setPoster(input: ParsedInputOf<'movies.setPoster'>, ctx: CallContext): Promise<MovieOut> {
    return this.savePoster(input.movieId, input.contentType, decodePoster(input.contentType, input.data), ctx);
  }

  /** The REST route sends raw bytes; the same checks apply. */
  async setPosterBytes(movieId: number, contentType: string, bytes: Uint8Array, ctx: CallContext): Promise<MovieOut> {
    return this.savePoster(movieId, contentType, checkPoster(contentType, bytes), ctx);
  }

  async poster(movieId: number): Promise<{ contentType: string; data: Uint8Array } | null> {
    const row = await q.findPoster(this.db, movieId);
    return row ? { contentType: row.content_type, data: row.data } : null;
  }

  /** Titles and running times for other modules (scheduling). */
  async movieInfos(ids: number[]): Promise<Map<number, MovieInfo>> {
    const rows = await q.findMovies(this.db, [...new Set(ids)]);
    return new Map(
      rows.map((row) => [
        row.id,
        { id: row.id, title: row.title, durationMinutes: row.duration_minutes, status: row.status },
      ]),
    );
  }

  /** Whether the film exists; `db` is the caller's transaction when asked from inside one. */
  async exists(movieId: number, db: Db = this.db): Promise<boolean> {
    return (await q.findMovie(db, movieId)) !== undefined;
  }

  /**
   * Stores a film's rating aggregate, computed by the reviews module from visible reviews inside its
   * own transaction. Kept on the film row so that every film list reads two integers instead of
   * aggregating reviews per film.
   */
  async setRating(trx: Db, movieId: number, sum: number, count: number): Promise<void> {
    await q.setRating(trx, movieId, sum, count);
  }

  private async savePoster(
    movieId: number,
    contentType: string,
    bytes: Uint8Array,
    ctx: CallContext,
  ): Promise<MovieOut> {
    const now = this.clock.now();
    await writeTransaction(this.db, async (trx) => {
      if (!(await q.findMovie(trx, movieId))) throw new DomainError('not_found', 'Film not found.');
      await q.savePoster(trx, movieId, contentType, bytes, now);
      await recordAudit(trx, now, {
        actor: ctx.actor,
        action: 'movie.poster',
        entity: 'movie',
        entityId: movieId,
        data: { contentType, bytes: bytes.length },
      });
    });
    return this.get(movieId);
  }

  private requireUsage(): MovieUsage {
    if (!this.usage) throw new Error('CatalogService used before the core wired its usage checks');
    return this.usage;
  }
}

function toMovie(row: q.MovieRow): MovieOut {
  return {
    id: row.id,
    title: row.title,
    durationMinutes: row.duration_minutes,
    description: row.description,
    releaseDate: row.release_date,
    genres: JSON.parse(row.genres) as string[],
    language: row.language,
    certificate: row.certificate,
    trailerUrl: row.trailer_url,
    status: row.status as MovieOut['status'],
    posterUrl: row.poster_type ? `/api/v1/movies/${row.id}/poster?v=${row.poster_version}` : null,
    rating: {
      average: row.rating_count > 0 ? Math.round((row.rating_sum / row.rating_count) * 10) / 10 : null,
      count: row.rating_count,
    },
    createdAt: toOffsetIso(row.created_at, 'UTC'),
    updatedAt: toOffsetIso(row.updated_at, 'UTC'),
  };
}
