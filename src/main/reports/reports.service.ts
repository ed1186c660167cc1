/**
 * Reports compose the owning modules' aggregate queries; this module has no tables and no SQL of its own.
 * Days are the theater's local calendar days. Tickets and gross count on the day a booking was paid in
 * full; refunds (and money moved out by an exchange) on the day they were given back; net = gross − refunds.
 */
import { DomainError } from '../../shared/contract/errors';
import type { OutputOf, ParsedInputOf } from '../../shared/contract/index';
import { MAX_REPORT_DAYS } from '../../shared/contract/reports';
import { addDays, localDayRange } from '../../shared/domain/time';
import { salesByDay, showtimesOfBookings, type DayWindow } from '../booking/index';
import type { CatalogService } from '../catalog/index';
import { assertManagesTheater } from '../core/actor';
import type { CallContext } from '../core/context';
import type { Db } from '../db/index';
import { refundsByDay } from '../payments/index';
import type { SchedulingService } from '../scheduling/index';
import type { TheatersService } from '../theaters/index';

type SalesReport = OutputOf<'reports.sales'>;
interface Figures {
  tickets: number;
  gross: number;
  refunds: number;
  net: number;
}

const zero = (): Figures => ({ tickets: 0, gross: 0, refunds: 0, net: 0 });

export class ReportsService {
  constructor(
    private readonly db: Db,
    private readonly deps: { theaters: TheatersService; scheduling: SchedulingService; catalog: CatalogService },
  ) {}

  async sales(input: ParsedInputOf<'reports.sales'>, ctx: CallContext): Promise<SalesReport> {
    assertManagesTheater(ctx.actor, input.theaterId);
    const rules = await this.deps.theaters.salesRules(input.theaterId);
    if (!rules) throw new DomainError('not_found', 'Theater not found.');

    const days: DayWindow[] = [];
    for (let date = input.from; date <= input.to; date = addDays(date, 1)) {
      if (days.length >= MAX_REPORT_DAYS) {
        throw new DomainError('validation_failed', `A report covers at most ${MAX_REPORT_DAYS} days.`, {
          fields: [{ path: 'to', message: `must be at most ${MAX_REPORT_DAYS} days after from` }],
        });
      }
      const [from, to] = localDayRange(date, rules.timeZone);
      days.push({ date, from, to });
    }

    const sales = await salesByDay(this.db, input.theaterId, days);
    const refunds = await refundsByDay(this.db, days);
    const bookingShowtimes = await showtimesOfBookings(
      this.db,
      input.theaterId,
      refunds.map((row) => row.bookingId),
    );
    const movieOf = await this.deps.scheduling.movieIdsOf([
      ...sales.map((row) => row.showtimeId),
      ...bookingShowtimes.values(),
    ]);

    const byDay = new Map(days.map((day) => [day.date, zero()]));
    const byFilm = new Map<number, Figures>();
    const totals = zero();
    const add = (date: string, movieId: number, change: Partial<Figures>) => {
      const film = byFilm.get(movieId) ?? zero();
      byFilm.set(movieId, film);
      for (const target of [byDay.get(date)!, film, totals]) {
        target.tickets += change.tickets ?? 0;
        target.gross += change.gross ?? 0;
        target.refunds += change.refunds ?? 0;
        target.net += (change.gross ?? 0) - (change.refunds ?? 0);
      }
    };
    for (const row of sales) add(row.date, movieOf.get(row.showtimeId) ?? 0, row);
    for (const row of refunds) {
      const showtimeId = bookingShowtimes.get(row.bookingId);
      if (showtimeId === undefined) continue; // another theater's booking
      add(row.date, movieOf.get(showtimeId) ?? 0, { refunds: row.amount });
    }

    const titles = await this.deps.catalog.movieInfos([...byFilm.keys()]);
    return {
      theaterId: input.theaterId,
      currency: rules.currency,
      from: input.from,
      to: input.to,
      days: days.map((day) => ({ date: day.date, ...byDay.get(day.date)! })),
      films: [...byFilm.entries()]
        .map(([movieId, figures]) => ({ movieId, title: titles.get(movieId)?.title ?? 'Unknown film', ...figures }))
        .sort((a, b) => b.gross - a.gross || a.title.localeCompare(b.title)),
      totals,
    };
  }
}
