/**
 * Showtimes: a film on a screen at a time. The screen is busy from the start through trailers, the film
 * and the screen's cleaning time; the database's triggers refuse overlaps, so two managers scheduling
 * the same slot at once cannot both succeed. Times are instants; dates are the theater's local dates.
 */
import { DomainError } from '../../shared/contract/errors';
import type { OutputOf, ParsedInputOf } from '../../shared/contract/index';
import type { ShowtimeFormat } from '../../shared/domain/seat-types';
import { localDateOf, localDayRange, parseInstant, toOffsetIso } from '../../shared/domain/time';
import { recordAudit } from '../audit/index';
import { assertManagesTheater } from '../core/actor';
import type { Clock } from '../core/clock';
import type { CallContext } from '../core/context';
import { decodeCursor, pageOf } from '../core/cursor';
import type { CatalogService, MovieInfo, MovieUsage } from '../catalog/index';
import { isTriggerError, writeTransaction, type Db } from '../db/index';
import type { ScreenInfo, ScreenUsage, TheatersService } from '../theaters/index';
import * as q from './scheduling.queries';

type ShowtimeOut = OutputOf<'showtimes.get'>;
const MINUTE = 60_000;

/** How many seats of each showtime are taken; the seating module answers (wired by the core). */
export interface Occupancy {
  takenCounts(showtimeIds: number[]): Promise<Map<number, number>>;
}

export class SchedulingService implements MovieUsage, ScreenUsage {
  occupancy: Occupancy | null = null;
  private readonly theaters: TheatersService;
  private readonly catalog: CatalogService;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    deps: { theaters: TheatersService; catalog: CatalogService },
  ) {
    this.theaters = deps.theaters;
    this.catalog = deps.catalog;
  }

  async list(input: ParsedInputOf<'showtimes.list'>): Promise<OutputOf<'showtimes.list'>> {
    const after = decodeCursor(input.cursor, ['number', 'number']);
    const filter: q.ShowtimeFilter = {
      theaterId: input.theaterId,
      movieId: input.movieId,
      screenId: input.screenId,
      includeCancelled: input.includeCancelled,
      after: after ? { startsAt: Number(after[0]), id: Number(after[1]) } : undefined,
      limit: input.limit + 1,
    };
    if (input.date !== undefined) {
      const date = input.date;
      const zones = await this.theaters.timeZones();
      filter.windows = [...zones]
        .filter(([theaterId]) => input.theaterId === undefined || theaterId === input.theaterId)
        .map(([theaterId, zone]) => {
          const [from, to] = localDayRange(date, zone);
          return { theaterId, from, to };
        });
      if (filter.windows.length === 0) return { items: [], nextCursor: null };
    } else {
      filter.endsAfter = this.clock.now();
    }
    const rows = await q.listShowtimes(this.db, filter);
    const shown = rows.slice(0, input.limit);
    const { screens, movies, taken } = await this.context(shown);
    return pageOf(
      rows,
      input.limit,
      (row) => this.toShowtime(row, screens, movies, taken),
      (row) => [row.starts_at, row.id],
    );
  }

  async get(id: number): Promise<ShowtimeOut> {
    const row = await q.findShowtime(this.db, id);
    if (!row) throw new DomainError('not_found', 'Showtime not found.');
    const { screens, movies, taken } = await this.context([row]);
    return this.toShowtime(row, screens, movies, taken);
  }

  async create(input: ParsedInputOf<'showtimes.create'>, ctx: CallContext): Promise<ShowtimeOut> {
    const screen = await this.theaters.screenInfo(input.screenId);
    if (!screen) throw new DomainError('not_found', 'Screen not found.');
    assertManagesTheater(ctx.actor, screen.theaterId, 'Screen');
    const movie = await this.requireMovie(input.movieId);
    const startsAt = parseInstant(input.startsAt);
    const span = spanOf(startsAt, input.trailerMinutes ?? screen.trailerMinutes, movie, screen);
    const now = this.clock.now();
    const id = await this.guardConflict(screen.id, span, null, () =>
      writeTransaction(this.db, async (trx) => {
        const showtimeId = await q.insertShowtime(trx, {
          movie_id: movie.id,
          screen_id: screen.id,
          theater_id: screen.theaterId,
          starts_at: startsAt,
          ends_at: span.endsAt,
          blocked_until: span.blockedUntil,
          trailer_minutes: span.trailerMinutes,
          format: input.format,
          language: input.language ?? null,
          created_at: now,
        });
        await recordAudit(trx, now, {
          actor: ctx.actor,
          action: 'showtime.create',
          entity: 'showtime',
          entityId: showtimeId,
          data: { movieId: movie.id, screenId: screen.id, startsAt: input.startsAt },
        });
        return showtimeId;
      }),
    );
    return this.get(id);
  }

  async update(input: ParsedInputOf<'showtimes.update'>, ctx: CallContext): Promise<ShowtimeOut> {
    const current = await q.findShowtime(this.db, input.showtimeId);
    if (!current) throw new DomainError('not_found', 'Showtime not found.');
    assertManagesTheater(ctx.actor, current.theater_id, 'Showtime');
    if (current.status !== 'scheduled') throw new DomainError('conflict', 'A cancelled showtime cannot be changed.');
    const screen = await this.theaters.screenInfo(input.screenId ?? current.screen_id);
    if (!screen) throw new DomainError('not_found', 'Screen not found.');
    // Moving to another screen: the target must be in a theater the caller manages, and the same theater.
    assertManagesTheater(ctx.actor, screen.theaterId, 'Screen');
    if (screen.theaterId !== current.theater_id) {
      throw new DomainError('conflict', 'A showtime can only move to a screen of the same theater.');
    }
    const movie = await this.requireMovie(input.movieId ?? current.movie_id);
    const startsAt = input.startsAt !== undefined ? parseInstant(input.startsAt) : current.starts_at;
    const span = spanOf(startsAt, input.trailerMinutes ?? current.trailer_minutes, movie, screen);
    const now = this.clock.now();
    await this.guardConflict(screen.id, span, current.id, () =>
      writeTransaction(this.db, async (trx) => {
        await q.updateShowtime(trx, current.id, {
          movie_id: movie.id,
          screen_id: screen.id,
          starts_at: startsAt,
          ends_at: span.endsAt,
          blocked_until: span.blockedUntil,
          trailer_minutes: span.trailerMinutes,
          ...(input.format !== undefined && { format: input.format }),
          ...(input.language !== undefined && { language: input.language }),
        });
        await recordAudit(trx, now, {
          actor: ctx.actor,
          action: 'showtime.update',
          entity: 'showtime',
          entityId: current.id,
          data: input,
        });
      }),
    );
    return this.get(current.id);
  }

  async cancel(input: ParsedInputOf<'showtimes.cancel'>, ctx: CallContext): Promise<void> {
    const now = this.clock.now();
    await writeTransaction(this.db, async (trx) => {
      const current = await q.findShowtime(trx, input.showtimeId);
      if (!current) throw new DomainError('not_found', 'Showtime not found.');
      assertManagesTheater(ctx.actor, current.theater_id, 'Showtime');
      if (current.status === 'cancelled') return;
      await q.updateShowtime(trx, current.id, { status: 'cancelled' });
      await recordAudit(trx, now, {
        actor: ctx.actor,
        action: 'showtime.cancel',
        entity: 'showtime',
        entityId: current.id,
      });
    });
  }

  // ---- for other modules ---------------------------------------------------------------------------

  /** What selling seats needs to know about a showtime; pass the transaction when inside one. */
  async showtimeForSale(showtimeId: number, db: Db = this.db): Promise<ShowtimeForSale | null> {
    const row = await q.findShowtime(db, showtimeId);
    if (!row) return null;
    const rules = await this.theaters.salesRules(row.theater_id, db);
    if (!rules) return null;
    return {
      id: row.id,
      theaterId: row.theater_id,
      screenId: row.screen_id,
      movieId: row.movie_id,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      /** Sales close when the film itself starts, after the trailers. */
      salesCloseAt: row.starts_at + row.trailer_minutes * MINUTE,
      status: row.status as 'scheduled' | 'cancelled',
      format: row.format as ShowtimeFormat,
      timeZone: rules.timeZone,
      currency: rules.currency,
      cancelCutoffMinutes: rules.cancelCutoffMinutes,
      holdMinutes: rules.holdMinutes,
      kioskHoldMinutes: rules.kioskHoldMinutes,
    };
  }

  // ---- usage checks other modules ask ------------------------------------------------------------

  movieHasShowtimes(movieId: number, db: Db = this.db): Promise<boolean> {
    return q.exists(db, { movieId, includeCancelled: true });
  }

  movieHasFutureShowtimes(movieId: number, db: Db = this.db): Promise<boolean> {
    return q.exists(db, { movieId, endsAfter: this.clock.now() });
  }

  screenHasFutureShowtimes(screenId: number, db: Db = this.db): Promise<boolean> {
    return q.exists(db, { screenId, endsAfter: this.clock.now() });
  }

  /** A theater's showtimes (cancelled ones too) starting in [from, to), oldest first, for reports. */
  async showtimesStarting(
    theaterId: number,
    from: number,
    to: number,
    movieId?: number,
  ): Promise<{ id: number; movieId: number; screenId: number; startsAt: number; endsAt: number; status: string }[]> {
    const rows = await q.listShowtimes(this.db, {
      windows: [{ theaterId, from, to }],
      movieId,
      includeCancelled: true,
      limit: 100_000,
    });
    return rows.map((row) => ({
      id: row.id,
      movieId: row.movie_id,
      screenId: row.screen_id,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      status: row.status,
    }));
  }

  /** The film of each showtime, for reports. */
  movieIdsOf(showtimeIds: number[]): Promise<Map<number, number>> {
    return q.movieIdsOfShowtimes(this.db, [...new Set(showtimeIds)]);
  }

  /** Scheduled showtimes of a screen that have not ended yet. */
  futureShowtimeIds(screenId: number, db: Db = this.db): Promise<number[]> {
    return q.futureShowtimeIdsOfScreen(db, screenId, this.clock.now());
  }

  theaterHasShowtimes(theaterId: number, db: Db = this.db): Promise<boolean> {
    return q.exists(db, { theaterId, includeCancelled: true });
  }

  // ---- helpers ------------------------------------------------------------------------------------

  private async requireMovie(movieId: number): Promise<MovieInfo> {
    const movie = (await this.catalog.movieInfos([movieId])).get(movieId);
    if (!movie) throw new DomainError('not_found', 'Film not found.');
    if (movie.status !== 'active') throw new DomainError('conflict', 'An archived film cannot be scheduled.');
    return movie;
  }

  /** Runs a write that the overlap trigger may refuse, and explains a refusal with the showtime in the way. */
  private async guardConflict<T>(
    screenId: number,
    span: Span,
    exceptId: number | null,
    write: () => Promise<T>,
  ): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (!isTriggerError(error, 'showtime_conflict')) throw error;
      const other = await q.findOverlap(this.db, screenId, span.startsAt, span.blockedUntil, exceptId);
      throw new DomainError('showtime_conflict', undefined, {
        conflictingShowtimeId: other?.id ?? null,
        busyFrom: other ? toOffsetIso(other.starts_at, 'UTC') : null,
        busyUntil: other ? toOffsetIso(other.blocked_until, 'UTC') : null,
      });
    }
  }

  private async context(rows: q.ShowtimeRow[]) {
    const [screens, movies, taken] = await Promise.all([
      this.theaters.screenInfos(rows.map((row) => row.screen_id)),
      this.catalog.movieInfos(rows.map((row) => row.movie_id)),
      this.occupancy?.takenCounts(rows.map((row) => row.id)) ?? Promise.resolve(new Map<number, number>()),
    ]);
    return { screens, movies, taken };
  }

  private toShowtime(
    row: q.ShowtimeRow,
    screens: Map<number, ScreenInfo>,
    movies: Map<number, MovieInfo>,
    taken: Map<number, number>,
  ): ShowtimeOut {
    const screen = screens.get(row.screen_id);
    const movie = movies.get(row.movie_id);
    if (!screen || !movie) throw new Error(`showtime ${row.id} refers to a missing screen or film`);
    return {
      id: row.id,
      movieId: row.movie_id,
      screenId: row.screen_id,
      theaterId: row.theater_id,
      movieTitle: movie.title,
      screenName: screen.name,
      startsAt: toOffsetIso(row.starts_at, screen.timeZone),
      endsAt: toOffsetIso(row.ends_at, screen.timeZone),
      date: localDateOf(row.starts_at, screen.timeZone),
      trailerMinutes: row.trailer_minutes,
      format: row.format as ShowtimeFormat,
      language: row.language,
      status: row.status as ShowtimeOut['status'],
      capacity: screen.capacity,
      seatsAvailable: Math.max(0, screen.sellableSeats - (taken.get(row.id) ?? 0)),
    };
  }
}

export interface ShowtimeForSale {
  id: number;
  theaterId: number;
  screenId: number;
  movieId: number;
  startsAt: number;
  /** End of the film (cleaning time not included). */
  endsAt: number;
  salesCloseAt: number;
  status: 'scheduled' | 'cancelled';
  format: ShowtimeFormat;
  timeZone: string;
  currency: string;
  cancelCutoffMinutes: number;
  holdMinutes: number;
  kioskHoldMinutes: number;
}

interface Span {
  startsAt: number;
  endsAt: number;
  blockedUntil: number;
  trailerMinutes: number;
}

function spanOf(startsAt: number, trailerMinutes: number, movie: MovieInfo, screen: ScreenInfo): Span {
  const endsAt = startsAt + (trailerMinutes + movie.durationMinutes) * MINUTE;
  return { startsAt, endsAt, blockedUntil: endsAt + screen.cleaningMinutes * MINUTE, trailerMinutes };
}
