/**
 * Reports and the admin dashboard. Sales figures come from the daily rollup `sales_daily` (this module's
 * table, kept by the booking and payment write transactions through `recordSale` / `recordRefund`), so a
 * day or a year of a multiplex is summed from a few hundred thousand rows at most, never from the tickets;
 * long ranges take whole months from `sales_monthly`, and the dashboard's hours come from `sales_minute`.
 * Days are the theater's local calendar days. Tickets and gross count on the day a booking was paid in
 * full; refunds on the day the money went back; net = gross − refunds; training payments are not sales.
 * Managers see only their theaters (another's is "not found").
 */
import { DomainError } from '../../shared/contract/errors';
import type { OutputOf, ParsedInputOf } from '../../shared/contract/index';
import { DASHBOARD_DAYS, DASHBOARD_FILM_DAYS, MAX_REPORT_DAYS } from '../../shared/contract/reports';
import { addDays, localDateOf, localDayRange, localTimeOf, toOffsetIso } from '../../shared/domain/time';
import { salesByHour, type SaleLine, type SalePlace, type SalesRecorder } from '../booking/index';
import type { CatalogService } from '../catalog/index';
import { assertManagesTheater } from '../core/actor';
import type { Clock } from '../core/clock';
import type { CallContext } from '../core/context';
import type { Db } from '../db/index';
import type { DrawerService } from '../drawer/index';
import { trainingBookingIds } from '../payments/index';
import type { PricingService } from '../pricing/index';
import type { SchedulingService } from '../scheduling/index';
import type { TheatersService } from '../theaters/index';
import * as q from './reports.queries';
import { recordRefund, recordSale, saleMethod } from './sales-ledger';

type SalesReport = OutputOf<'reports.sales'>;
type Figures = SalesReport['totals'];
const HOUR = 3_600_000;
const MINUTE = 60_000;

function figuresOf(m: q.Measures | undefined): Figures {
  if (!m) return { tickets: 0, refundedTickets: 0, gross: 0, refunds: 0, net: 0, tax: 0 };
  return {
    tickets: m.tickets,
    refundedTickets: m.refundedTickets,
    gross: m.gross,
    refunds: m.refunds,
    net: m.gross - m.refunds,
    tax: m.tax - m.refundTax,
  };
}

/** The calendar dates from `from` to `to` (YYYY-MM-DD), at most `limit` of them; plain date arithmetic. */
function calendarDays(from: string, to: string, limit: number): string[] {
  const out: string[] = [];
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  for (let i = 0; out.length < limit; i += 1) {
    const date = new Date(Date.UTC(y, m - 1, d + i)).toISOString().slice(0, 10);
    if (date > to) break;
    out.push(date);
  }
  return out;
}

const byNet = <T extends { net: number }>(a: T, b: T) => b.net - a.net;

export class ReportsService implements SalesRecorder {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly deps: {
      theaters: TheatersService;
      scheduling: SchedulingService;
      catalog: CatalogService;
      pricing: PricingService;
      drawer: DrawerService;
    },
  ) {}

  // ---- the rollup, inside the booking and payment transactions ----------------------------------------

  recordSale(trx: Db, place: SalePlace, methods: readonly string[], lines: readonly SaleLine[]): Promise<void> {
    return recordSale(trx, place, saleMethod(methods), lines);
  }

  recordRefund(
    trx: Db,
    place: SalePlace,
    tickets: readonly SaleLine[],
    parts: readonly { method: string; amount: number }[],
  ): Promise<void> {
    return recordRefund(trx, place, tickets, parts);
  }

  // ---- reports -------------------------------------------------------------------------------------

  async sales(input: ParsedInputOf<'reports.sales'>, ctx: CallContext): Promise<SalesReport> {
    const theater = await this.theater(input.theaterId, ctx);
    const dates = calendarDays(input.from, input.to, MAX_REPORT_DAYS + 1);
    {
      if (dates.length > MAX_REPORT_DAYS) {
        throw new DomainError('validation_failed', `A report covers at most ${MAX_REPORT_DAYS} days.`, {
          fields: [{ path: 'to', message: `must be at most ${MAX_REPORT_DAYS} days after from` }],
        });
      }
    }
    const days = await q.breakdown(this.db, input.theaterId, input.from, input.to, 'day');
    const combos = await q.byCombination(this.db, input.theaterId, input.from, input.to);
    const sumBy = (key: (combo: (typeof combos)[number]) => string | number) => {
      const out = new Map<string | number, q.Measures>();
      for (const combo of combos) {
        const k = key(combo);
        const m = out.get(k);
        if (!m) out.set(k, { ...combo.measures });
        else for (const field of Object.keys(m) as (keyof q.Measures)[]) m[field] += combo.measures[field];
      }
      return [...out].map(([k, measures]) => ({ key: k, measures }));
    };
    const films = sumBy((c) => c.movieId);
    const screens = sumBy((c) => c.screenId);
    const types = sumBy((c) => c.ticketType);
    const channels = sumBy((c) => c.channel);
    const methods = sumBy((c) => c.method);
    const byDay = new Map(days.map((row) => [String(row.key), row.measures]));
    const titles = await this.deps.catalog.movieInfos(films.map((row) => Number(row.key)));
    const screenInfos = await this.deps.theaters.screenInfos(screens.map((row) => Number(row.key)));
    const typeNames = new Map(
      (await this.deps.pricing.get(input.theaterId)).ticketTypes.map((type) => [type.code, type.name]),
    );
    const totals = figuresOf(undefined);
    for (const row of days) {
      const f = figuresOf(row.measures);
      for (const key of Object.keys(totals) as (keyof Figures)[]) totals[key] += f[key];
    }
    return {
      theaterId: input.theaterId,
      theaterName: theater.name,
      currency: theater.currency,
      from: input.from,
      to: input.to,
      days: dates.map((date) => ({ date, ...figuresOf(byDay.get(date)) })),
      films: films
        .map((row) => ({
          movieId: Number(row.key),
          title: titles.get(Number(row.key))?.title ?? 'Unknown film',
          ...figuresOf(row.measures),
        }))
        .sort((a, b) => b.gross - a.gross || a.title.localeCompare(b.title)),
      screens: screens
        .map((row) => ({
          screenId: Number(row.key),
          name: screenInfos.get(Number(row.key))?.name ?? 'Removed screen',
          ...figuresOf(row.measures),
        }))
        .sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true })),
      ticketTypes: types
        .map((row) => ({
          code: String(row.key),
          name: typeNames.get(String(row.key)) ?? String(row.key),
          ...figuresOf(row.measures),
        }))
        .sort(byNet),
      channels: channels.map((row) => ({ channel: String(row.key), ...figuresOf(row.measures) })).sort(byNet),
      methods: methods.map((row) => ({ method: String(row.key), ...figuresOf(row.measures) })).sort(byNet),
      totals,
    };
  }

  async distributor(
    input: ParsedInputOf<'reports.distributor'>,
    ctx: CallContext,
  ): Promise<OutputOf<'reports.distributor'>> {
    const theater = await this.theater(input.theaterId, ctx);
    const movie = (await this.deps.catalog.movieInfos([input.movieId])).get(input.movieId);
    if (!movie) throw new DomainError('not_found', 'Film not found.');
    const from = localDayRange(input.from, theater.timeZone)[0];
    const to = localDayRange(input.to, theater.timeZone)[1];
    if (to - from > MAX_REPORT_DAYS * 25 * HOUR) {
      throw new DomainError('validation_failed', `A report covers at most ${MAX_REPORT_DAYS} days.`, {
        fields: [{ path: 'to', message: `must be at most ${MAX_REPORT_DAYS} days after from` }],
      });
    }
    const shows = await this.deps.scheduling.showtimesStarting(input.theaterId, from, to, input.movieId);
    const sums = await q.byShowtime(
      this.db,
      shows.map((show) => show.id),
    );
    const screens = await this.deps.theaters.screenInfos(shows.map((show) => show.screenId));
    const rows = shows
      .map((show) => {
        const m = sums.get(show.id);
        const gross = (m?.gross ?? 0) - (m?.refunds ?? 0);
        const vat = (m?.tax ?? 0) - (m?.refundTax ?? 0);
        return {
          showtimeId: show.id,
          startsAt: toOffsetIso(show.startsAt, theater.timeZone),
          date: localDateOf(show.startsAt, theater.timeZone),
          time: localTimeOf(show.startsAt, theater.timeZone),
          screenId: show.screenId,
          screenName: screens.get(show.screenId)?.name ?? 'Removed screen',
          status: show.status as 'scheduled' | 'cancelled',
          admissions: (m?.tickets ?? 0) - (m?.refundedTickets ?? 0),
          gross,
          vat,
          netOfVat: gross - vat,
        };
      })
      // A cancelled show with nothing left on it is not the distributor's business.
      .filter((row) => row.status === 'scheduled' || row.admissions !== 0 || row.gross !== 0);
    const totals = { admissions: 0, gross: 0, vat: 0, netOfVat: 0 };
    for (const row of rows) {
      totals.admissions += row.admissions;
      totals.gross += row.gross;
      totals.vat += row.vat;
      totals.netOfVat += row.netOfVat;
    }
    return {
      theaterId: input.theaterId,
      theaterName: theater.name,
      movieId: input.movieId,
      title: movie.title,
      currency: theater.currency,
      from: input.from,
      to: input.to,
      showtimes: rows,
      totals,
    };
  }

  async dashboard(input: ParsedInputOf<'reports.dashboard'>, ctx: CallContext): Promise<OutputOf<'reports.dashboard'>> {
    const theater = await this.theater(input.theaterId, ctx);
    const zone = theater.timeZone;
    const now = this.clock.now();
    const today = localDateOf(now, zone);
    const [todayFrom, todayTo] = localDayRange(today, zone);
    const lastWeekDate = addDays(today, -7);
    const [weekFrom, weekTo] = localDayRange(lastWeekDate, zone);
    const sameTimeLastWeek = Math.min(weekTo, weekFrom + (now - todayFrom));

    // Today and the same weekday last week, by hour of the day (hours counted from local midnight).
    const hoursToday = await this.salesByHour(input.theaterId, todayFrom, todayTo);
    const hoursLastWeek = await this.salesByHour(input.theaterId, weekFrom, weekTo);
    const soFarLastWeek = await this.salesByHour(input.theaterId, weekFrom, sameTimeLastWeek);
    const sum = (rows: { tickets: number; gross: number }[]) =>
      rows.reduce((acc, row) => ({ tickets: acc.tickets + row.tickets, gross: acc.gross + row.gross }), {
        tickets: 0,
        gross: 0,
      });
    // The local hour of each hour index (at most 25 of them a day: a zone's clock change makes 23 or 25).
    const labels = new Map<number, number>();
    const hourLabel = (from: number, index: number) => {
      const at = from + index * HOUR;
      let label = labels.get(at);
      if (label === undefined) labels.set(at, (label = Number(localTimeOf(at, zone).slice(0, 2))));
      return label;
    };
    const salesByHourOut = Array.from({ length: 24 }, (_, hour) => ({
      hour,
      tickets: 0,
      gross: 0,
      lastWeekTickets: 0,
      lastWeekGross: 0,
    }));
    for (const row of hoursToday) {
      const bucket = salesByHourOut[hourLabel(todayFrom, row.hour)]!;
      bucket.tickets += row.tickets;
      bucket.gross += row.gross;
    }
    for (const row of hoursLastWeek) {
      const bucket = salesByHourOut[hourLabel(weekFrom, row.hour)]!;
      bucket.lastWeekTickets += row.tickets;
      bucket.lastWeekGross += row.gross;
    }

    // The rollup: the last fortnight by day, the last week by film.
    const firstDay = addDays(today, -(DASHBOARD_DAYS - 1));
    const days = new Map(
      (await q.breakdown(this.db, input.theaterId, firstDay, today, 'day')).map((row) => [
        String(row.key),
        figuresOf(row.measures),
      ]),
    );
    const salesByDay = calendarDays(firstDay, today, DASHBOARD_DAYS).map((date) => {
      const f = days.get(date);
      return { date, tickets: f?.tickets ?? 0, net: f?.net ?? 0 };
    });
    const films = await q.breakdown(
      this.db,
      input.theaterId,
      addDays(today, -(DASHBOARD_FILM_DAYS - 1)),
      today,
      'movie_id',
    );
    const titles = await this.deps.catalog.movieInfos(films.map((row) => Number(row.key)));
    const salesByFilm = films
      .map((row) => ({
        movieId: Number(row.key),
        title: titles.get(Number(row.key))?.title ?? 'Unknown film',
        tickets: row.measures.tickets,
        net: row.measures.gross - row.measures.refunds,
      }))
      .filter((row) => row.tickets > 0 || row.net !== 0)
      .sort((a, b) => b.net - a.net || a.title.localeCompare(b.title));

    // Shows: today's running and upcoming, and the last week's by screen for occupancy.
    const weekStart = localDayRange(addDays(today, -(DASHBOARD_FILM_DAYS - 1)), zone)[0];
    const shows = (await this.deps.scheduling.showtimesStarting(input.theaterId, weekStart, todayTo)).filter(
      (show) => show.status === 'scheduled',
    );
    const sold = await q.byShowtime(
      this.db,
      shows.map((show) => show.id),
    );
    const soldOf = (id: number) => (sold.get(id)?.tickets ?? 0) - (sold.get(id)?.refundedTickets ?? 0);
    const screens = await this.deps.theaters.screenInfos(shows.map((show) => show.screenId));
    const todays = shows.filter((show) => show.startsAt >= todayFrom && show.endsAt > now);
    const movieTitles = await this.deps.catalog.movieInfos(todays.map((show) => show.movieId));
    const occupancy = new Map<number, { screenId: number; name: string; shows: number; sold: number; seats: number }>();
    for (const show of shows) {
      if (show.startsAt > now) continue; // only shows that have started count towards past occupancy
      const screen = screens.get(show.screenId);
      const entry = occupancy.get(show.screenId) ?? {
        screenId: show.screenId,
        name: screen?.name ?? 'Removed screen',
        shows: 0,
        sold: 0,
        seats: 0,
      };
      entry.shows += 1;
      entry.sold += soldOf(show.id);
      entry.seats += screen?.sellableSeats ?? 0;
      occupancy.set(show.screenId, entry);
    }

    const shifts = await this.deps.drawer.listShifts(
      { theaterId: input.theaterId, status: 'open', limit: 50, cursor: undefined },
      ctx,
    );

    return {
      theaterId: input.theaterId,
      theaterName: theater.name,
      currency: theater.currency,
      date: today,
      asOf: toOffsetIso(now, zone),
      today: { ...sum(hoursToday), refunds: days.get(today)?.refunds ?? 0 },
      lastWeek: { date: lastWeekDate, ...sum(soFarLastWeek) },
      shows: todays.map((show) => ({
        showtimeId: show.id,
        title: movieTitles.get(show.movieId)?.title ?? 'Unknown film',
        screenName: screens.get(show.screenId)?.name ?? 'Removed screen',
        startsAt: toOffsetIso(show.startsAt, zone),
        endsAt: toOffsetIso(show.endsAt, zone),
        state: show.startsAt <= now ? ('running' as const) : ('upcoming' as const),
        sold: soldOf(show.id),
        capacity: screens.get(show.screenId)?.sellableSeats ?? 0,
      })),
      openShifts: shifts.items.map((shift) => ({
        id: shift.id,
        userId: shift.userId,
        openedAt: shift.openedAt,
        expectedCash: shift.expectedCash,
      })),
      salesByDay,
      salesByFilm,
      salesByHour: salesByHourOut,
      occupancyByScreen: [...occupancy.values()].sort((a, b) =>
        a.name.localeCompare(b.name, undefined, { numeric: true }),
      ),
    };
  }

  /**
   * Tickets sold and their value per hour index after `from` (a local midnight) for sales in [from, to):
   * whole minutes from the per-minute rollup, a part of a minute at the end (the dashboard's "so far"
   * cut-off) from the booking module's raw rows, by the same rules (training sales left out).
   */
  private async salesByHour(
    theaterId: number,
    from: number,
    to: number,
  ): Promise<{ hour: number; tickets: number; gross: number }[]> {
    const raw = async (a: number, b: number) => {
      const training = await trainingBookingIds(this.db, a - 7 * 24 * HOUR, b);
      return salesByHour(this.db, theaterId, a, b, training);
    };
    if (to <= from) return [];
    // Every zone's midnight falls on a whole minute today; should one not, read the raw rows.
    if (from % MINUTE !== 0) {
      const rows = await raw(from, to);
      return rows.map((row) => ({ ...row, hour: Math.floor(row.hour) }));
    }
    const wholeTo = Math.floor(to / MINUTE) * MINUTE;
    const rows = await q.salesByHourOfMinutes(this.db, theaterId, from / MINUTE, wholeTo / MINUTE);
    if (to > wholeTo) {
      const hour = Math.floor((wholeTo - from) / HOUR);
      const part = (await raw(wholeTo, to)).reduce(
        (acc, row) => ({ hour, tickets: acc.tickets + row.tickets, gross: acc.gross + row.gross }),
        { hour, tickets: 0, gross: 0 },
      );
      if (part.tickets > 0 || part.gross > 0) rows.push(part);
    }
    return rows;
  }

  private async theater(theaterId: number, ctx: CallContext) {
    assertManagesTheater(ctx.actor, theaterId);
    const rules = await this.deps.theaters.salesRules(theaterId);
    if (!rules) throw new DomainError('not_found', 'Theater not found.');
    const theater = await this.deps.theaters.getTheater(theaterId);
    return { name: theater.name, currency: rules.currency, timeZone: rules.timeZone };
  }
}
