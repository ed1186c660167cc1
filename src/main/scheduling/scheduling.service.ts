/**
 * Showtimes: a film on a screen at a time. The screen is busy from the start through trailers, the film
 * and the screen's cleaning time; the database's triggers refuse overlaps, so two managers scheduling
 * the same slot at once cannot both succeed. Times are instants; dates are the theater's local dates.
 */
import { DomainError, validationError } from '../../shared/contract/errors';
import type { OutputOf, ParsedInputOf } from '../../shared/contract/index';
import type { ShowtimeFormat } from '../../shared/domain/seat-types';
import {
  addDays,
  localDateOf,
  localDayRange,
  localTimeOf,
  localWeekdayAndMinute,
  parseInstant,
  toOffsetIso,
  zonedEpoch,
} from '../../shared/domain/time';
import { recordAudit } from '../audit/index';
import { assertManagesTheater } from '../core/actor';
import type { Clock } from '../core/clock';
import type { CallContext } from '../core/context';
import { decodeCursor, pageOf } from '../core/cursor';
import type { CatalogService, MovieInfo, MovieUsage } from '../catalog/index';
import { isTransaction, isTriggerError, writeTransaction, type Db } from '../db/index';
import type { ScreenInfo, ScreenUsage, TheatersService } from '../theaters/index';
import * as q from './scheduling.queries';

type ShowtimeOut = OutputOf<'showtimes.get'>;
const MINUTE = 60_000;
/** Showtime rows kept in memory at most (a busy multiplex sells a few hundred showtimes at once). */
const ROW_CACHE_LIMIT = 5_000;

/** How many seats of each showtime are taken; the seating module answers (wired by the core). */
export interface Occupancy {
  takenCounts(showtimeIds: number[]): Promise<Map<number, number>>;
}

/** Bookings of a showtime that still have live tickets; the booking module answers (wired by the core). */
export interface ShowtimeSales {
  liveBookings(showtimeId: number, db: Db): Promise<{ id: number; reference: string; tickets: number }[]>;
}

export class SchedulingService implements MovieUsage, ScreenUsage {
  occupancy: Occupancy | null = null;
  sales: ShowtimeSales | null = null;
  private readonly theaters: TheatersService;
  private readonly catalog: CatalogService;
  private readonly rowCache = new Map<number, q.ShowtimeRow>();
  private showtimeWrites = 0;

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
    const moves =
      startsAt !== current.starts_at ||
      screen.id !== current.screen_id ||
      movie.id !== current.movie_id ||
      span.trailerMinutes !== current.trailer_minutes;
    if (input.dryRun) {
      if (moves) await this.refuseIfSold(this.db, current.id, 'moved');
      const other = await q.findOverlap(this.db, screen.id, span.startsAt, span.blockedUntil, current.id);
      if (other) throw await this.conflictError(other);
      const { screens, movies, taken } = await this.context([current]);
      return this.toShowtime(
        {
          ...current,
          movie_id: movie.id,
          screen_id: screen.id,
          starts_at: startsAt,
          ends_at: span.endsAt,
          blocked_until: span.blockedUntil,
          trailer_minutes: span.trailerMinutes,
          format: input.format ?? current.format,
          language: input.language !== undefined ? input.language : current.language,
        },
        new Map([...screens, [screen.id, screen]]),
        new Map([...movies, [movie.id, movie]]),
        taken,
      );
    }
    const now = this.clock.now();
    await this.guardConflict(screen.id, span, current.id, () =>
      writeTransaction(this.db, async (trx) => {
        this.forget(current.id);
        // Customers hold tickets for this time and screen: a move would change them behind their backs.
        if (moves) await this.refuseIfSold(trx, current.id, 'moved');
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
      this.forget(current.id);
      // Sold (or part-paid) tickets are refunded or exchanged first, each by its own booking operation;
      // checked inside this transaction, so a sale made meanwhile is never cancelled silently.
      await this.refuseIfSold(trx, current.id, 'cancelled');
      await q.updateShowtime(trx, current.id, { status: 'cancelled' });
      await recordAudit(trx, now, {
        actor: ctx.actor,
        action: 'showtime.cancel',
        entity: 'showtime',
        entityId: current.id,
      });
    });
  }

  async bulkCreate(input: ParsedInputOf<'showtimes.bulkCreate'>, ctx: CallContext): Promise<Plan> {
    const screen = await this.theaters.screenInfo(input.screenId);
    if (!screen) throw new DomainError('not_found', 'Screen not found.');
    assertManagesTheater(ctx.actor, screen.theaterId, 'Screen');
    const movie = await this.requireMovie(input.movieId);
    const trailerMinutes = input.trailerMinutes ?? screen.trailerMinutes;
    const candidates: Candidate[] = [];
    for (let date = input.from; date <= input.to; date = addDays(date, 1)) {
      const weekday = localWeekdayAndMinute(zonedEpoch(date, '12:00', screen.timeZone), screen.timeZone).weekday;
      if (input.weekdays && !input.weekdays.includes(weekday)) continue;
      for (const time of [...input.times].sort()) {
        const startsAt = zonedEpoch(date, time, screen.timeZone);
        candidates.push({
          movie,
          screen,
          span: spanOf(startsAt, trailerMinutes, movie, screen),
          format: input.format,
          language: input.language ?? null,
          sourceShowtimeId: null,
        });
      }
    }
    if (candidates.length > 500) {
      throw validationError([
        { path: 'times', message: `would make ${candidates.length} showtimes; at most 500 at once` },
      ]);
    }
    return this.schedulePlan(candidates, input.dryRun, ctx, { action: 'showtime.bulkCreate', data: input });
  }

  async copy(input: ParsedInputOf<'showtimes.copy'>, ctx: CallContext): Promise<Plan> {
    assertManagesTheater(ctx.actor, input.theaterId);
    const rules = await this.theaters.salesRules(input.theaterId);
    if (!rules) throw new DomainError('not_found', 'Theater not found.');
    if (input.screenId !== undefined) {
      const screen = await this.theaters.screenInfo(input.screenId);
      if (!screen || screen.theaterId !== input.theaterId) throw new DomainError('not_found', 'Screen not found.');
    }
    if (input.toDate === input.fromDate) {
      throw validationError([{ path: 'toDate', message: 'must be another date than fromDate' }]);
    }
    const [from] = localDayRange(input.fromDate, rules.timeZone);
    const [to] = localDayRange(addDays(input.fromDate, input.days), rules.timeZone);
    const rows = await q.listShowtimes(this.db, {
      windows: [{ theaterId: input.theaterId, from, to }],
      screenId: input.screenId,
      includeCancelled: false,
      limit: 2000,
    });
    const { screens, movies } = await this.context(rows);
    const shift = Math.round(
      (Date.parse(`${input.toDate}T00:00:00Z`) - Date.parse(`${input.fromDate}T00:00:00Z`)) / 86_400_000,
    );
    const candidates: Candidate[] = rows.map((row) => {
      const screen = screens.get(row.screen_id)!;
      const movie = movies.get(row.movie_id)!;
      const date = addDays(localDateOf(row.starts_at, rules.timeZone), shift);
      const startsAt = zonedEpoch(date, localTimeOf(row.starts_at, rules.timeZone), rules.timeZone);
      return {
        movie,
        screen,
        span: spanOf(startsAt, row.trailer_minutes, movie, screen),
        format: row.format as ShowtimeFormat,
        language: row.language,
        sourceShowtimeId: row.id,
      };
    });
    return this.schedulePlan(candidates, input.dryRun, ctx, { action: 'showtime.copy', data: input });
  }

  /**
   * Checks every candidate against the screens' scheduled showtimes and the candidates before it
   * (cleaning included) and, unless it is a dry run, inserts the free ones in one write transaction.
   * The check runs inside that transaction (BEGIN IMMEDIATE), so nothing can slip in between; the
   * overlap trigger stays the last word.
   */
  private async schedulePlan(
    candidates: Candidate[],
    dryRun: boolean,
    ctx: CallContext,
    audit: { action: string; data: unknown },
  ): Promise<Plan> {
    const conflictFilms = new Map<PlannedShowtime, number>();
    const plan = async (db: Db): Promise<PlannedShowtime[]> => {
      const items: PlannedShowtime[] = [];
      const accepted: { candidate: Candidate; item: PlannedShowtime }[] = [];
      const now = this.clock.now();
      for (const candidate of candidates) {
        const { span, screen, movie } = candidate;
        const zone = screen.timeZone;
        const item: PlannedShowtime = {
          movieId: movie.id,
          movieTitle: movie.title,
          screenId: screen.id,
          screenName: screen.name,
          date: localDateOf(span.startsAt, zone),
          time: localTimeOf(span.startsAt, zone),
          startsAt: toOffsetIso(span.startsAt, zone),
          endsAt: toOffsetIso(span.endsAt, zone),
          busyUntil: toOffsetIso(span.blockedUntil, zone),
          format: candidate.format,
          sourceShowtimeId: candidate.sourceShowtimeId,
          status: dryRun ? 'ok' : 'created',
          showtimeId: null,
          conflict: null,
        };
        const other = await q.findOverlap(db, screen.id, span.startsAt, span.blockedUntil, null);
        const planned = accepted.find(
          (prior) =>
            prior.candidate.screen.id === screen.id &&
            prior.candidate.span.startsAt < span.blockedUntil &&
            prior.candidate.span.blockedUntil > span.startsAt,
        );
        if (other) {
          // Titles are filled in after the transaction (the catalog reads outside it).
          conflictFilms.set(item, other.movie_id);
          item.status = 'conflict';
          item.conflict = {
            showtimeId: other.id,
            movieTitle: '',
            startsAt: toOffsetIso(other.starts_at, zone),
            busyUntil: toOffsetIso(other.blocked_until, zone),
          };
        } else if (planned && dryRun) {
          item.status = 'conflict';
          item.conflict = {
            showtimeId: null,
            movieTitle: planned.candidate.movie.title,
            startsAt: toOffsetIso(planned.candidate.span.startsAt, zone),
            busyUntil: toOffsetIso(planned.candidate.span.blockedUntil, zone),
          };
        } else if (!dryRun) {
          // Inserted one by one: a later candidate sees the earlier ones through findOverlap above.
          item.showtimeId = await q.insertShowtime(db, {
            movie_id: movie.id,
            screen_id: screen.id,
            theater_id: screen.theaterId,
            starts_at: span.startsAt,
            ends_at: span.endsAt,
            blocked_until: span.blockedUntil,
            trailer_minutes: span.trailerMinutes,
            format: candidate.format,
            language: candidate.language,
            created_at: now,
          });
        }
        if (item.status !== 'conflict') accepted.push({ candidate, item });
        items.push(item);
      }
      return items;
    };
    let items: PlannedShowtime[];
    if (dryRun) items = await plan(this.db);
    else {
      const now = this.clock.now();
      items = await writeTransaction(this.db, async (trx) => {
        const result = await plan(trx);
        const created = result.filter((item) => item.showtimeId !== null).map((item) => item.showtimeId);
        if (created.length > 0)
          await recordAudit(trx, now, {
            actor: ctx.actor,
            action: audit.action,
            entity: 'showtime',
            entityId: created[0] ?? null,
            data: { request: audit.data, created },
          });
        return result;
      });
    }
    const titles = await this.catalog.movieInfos([...new Set(conflictFilms.values())]);
    for (const [item, movieId] of conflictFilms) {
      if (item.conflict) item.conflict.movieTitle = titles.get(movieId)?.title ?? 'another film';
    }
    return {
      dryRun,
      items,
      created: items.filter((item) => item.status === 'created').length,
      conflicts: items.filter((item) => item.status === 'conflict').length,
    };
  }

  // ---- for other modules ---------------------------------------------------------------------------

  /** What selling seats needs to know about a showtime; pass the transaction when inside one. */
  async showtimeForSale(showtimeId: number, db: Db = this.db): Promise<ShowtimeForSale | null> {
    const row = await this.showtimeRow(db, showtimeId);
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

  /**
   * Showtime rows by id, cached: every seat map, hold, booking and payment reads its showtime, and only
   * this service writes them (each write calls `forget` first). Only committed rows are kept: a read
   * inside a write transaction may still roll back, and a read that overlapped a write (its answer
   * arriving after the write began) may be the old row, so neither fills the cache.
   */
  private async showtimeRow(db: Db, id: number): Promise<q.ShowtimeRow | undefined> {
    const cached = this.rowCache.get(id);
    if (cached) return cached;
    const writes = this.showtimeWrites;
    const row = await q.findShowtime(db, id);
    if (row && writes === this.showtimeWrites && !isTransaction(db)) {
      if (this.rowCache.size >= ROW_CACHE_LIMIT) this.rowCache.clear();
      this.rowCache.set(id, row);
    }
    return row;
  }

  private forget(showtimeId: number): void {
    this.showtimeWrites += 1;
    this.rowCache.delete(showtimeId);
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

  /** 409 showtime_has_sales naming the bookings that still have live tickets for the showtime. */
  private async refuseIfSold(db: Db, showtimeId: number, what: 'moved' | 'cancelled'): Promise<void> {
    const bookings = (await this.sales?.liveBookings(showtimeId, db)) ?? [];
    if (bookings.length === 0) return;
    const tickets = bookings.reduce((sum, booking) => sum + booking.tickets, 0);
    throw new DomainError(
      'showtime_has_sales',
      `Showtime ${showtimeId} has ${tickets} ticket${tickets === 1 ? '' : 's'} in ${bookings.length} booking${
        bookings.length === 1 ? '' : 's'
      }: refund or exchange ${bookings.length === 1 ? 'it' : 'them'} before it is ${what}.`,
      { showtimeId, tickets, bookings },
    );
  }

  private async conflictError(other: q.ShowtimeRow): Promise<DomainError> {
    const info = (await this.catalog.movieInfos([other.movie_id])).get(other.movie_id);
    const zone = (await this.theaters.salesRules(other.theater_id))?.timeZone ?? 'UTC';
    return new DomainError(
      'showtime_conflict',
      `The screen is busy with showtime ${other.id}${info ? ` (“${info.title}”)` : ''} from ${localTimeOf(
        other.starts_at,
        zone,
      )} to ${localTimeOf(other.blocked_until, zone)}, cleaning included.`,
      {
        conflictingShowtimeId: other.id,
        busyFrom: toOffsetIso(other.starts_at, 'UTC'),
        busyUntil: toOffsetIso(other.blocked_until, 'UTC'),
      },
    );
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
      if (other) throw await this.conflictError(other);
      throw new DomainError('showtime_conflict', undefined, {
        conflictingShowtimeId: null,
        busyFrom: null,
        busyUntil: null,
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

type Plan = OutputOf<'showtimes.bulkCreate'>;
type PlannedShowtime = Plan['items'][number];

interface Candidate {
  movie: MovieInfo;
  screen: ScreenInfo;
  span: Span;
  format: ShowtimeFormat;
  language: string | null;
  sourceShowtimeId: number | null;
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
