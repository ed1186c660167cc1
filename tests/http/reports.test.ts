/**
 * The sales and distributor reports match the bookings made here to the cent: tickets, gross and VAT on
 * the day of sale; refunds (whole and partial) on the day of the refund; by day, film, screen, ticket type,
 * channel and payment method; a training (simulated reader) payment is no sale. The CSV has one header row,
 * quoted fields and decimal money. Managers see only their theaters (404), cashiers none (403).
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRollupTables, rebuildRollups } from '../../migrations/0010_sales_rollup';
import { createSpeedTables, rebuildMinutes, rebuildMonthly } from '../../migrations/0012_report_speed';
import { salesByHour } from '../../src/main/booking/index';
import { trainingBookingIds } from '../../src/main/payments/index';
import { allRows } from '../../src/main/reports/reports.queries';
import type { ManualClock } from '../../src/main/core/clock';
import { ADMIN_PASSWORD, PASSWORD, simpleLayout, startTestServer, type TestServer } from '../support/harness';
import { startFakeStripe, type FakeStripe } from '../support/fake-stripe';

interface Ticket {
  id: number;
  ticketType: string;
  price: number;
  tax: number;
}
interface Sold {
  id: number;
  total: number;
  tickets: Ticket[];
}

let s: TestServer;
let fake: FakeStripe;
let key: string;
let admin: string;
let cashier = '';
const ids = { theater: 0, other: 0, one: 0, two: 0, filmA: 0, filmB: 0, showA: 0, showB: 0 };
const clock = () => s.clock as ManualClock;

/** Moves the clock and signs in again (sessions do not outlive the clock's jumps). */
async function at(iso: string) {
  clock().set(Date.parse(iso));
  admin = await login('admin', ADMIN_PASSWORD);
  if (cashier) cashier = await login('reports-cashier', PASSWORD);
}

async function login(username: string, password: string): Promise<string> {
  const response = await s.request('POST', '/api/v1/auth/login', { body: { username, password } });
  expect(response.status).toBe(200);
  return response.body.token;
}

async function sell(
  showtimeId: number,
  types: string[],
  pay: { token: string; method: 'external' | 'cash' | 'card'; readerId?: string },
): Promise<Sold> {
  const hold = await s.request('POST', `/api/v1/showtimes/${showtimeId}/holds`, {
    token: pay.token,
    body: { quantity: types.length },
  });
  expect(hold.status).toBe(201);
  const booking = await s.request('POST', '/api/v1/bookings', {
    token: pay.token,
    body: {
      holdId: hold.body.id,
      tickets: hold.body.seatIds.map((seatId: number, i: number) => ({ seatId, ticketType: types[i] })),
    },
  });
  expect(booking.status).toBe(201);
  const body =
    pay.method === 'external'
      ? { method: 'external', amount: booking.body.total, reference: `web-${booking.body.id}` }
      : pay.method === 'cash'
        ? { method: 'cash', amount: booking.body.total, tendered: booking.body.total }
        : { method: 'card_present', amount: booking.body.total, readerId: pay.readerId };
  const paid = await s.request('POST', `/api/v1/bookings/${booking.body.id}/payments`, { token: pay.token, body });
  expect(paid.status).toBe(201);
  if (pay.method === 'card') {
    // A simulated reader takes its test card by itself.
    await s.core.payments.card!.tick();
    await s.core.payments.card!.tick();
  }
  const after = await s.request('GET', `/api/v1/bookings/${booking.body.id}`, { token: admin });
  expect(after.body.status).toBe('confirmed');
  return after.body as Sold;
}

const sum = (tickets: Ticket[], field: 'price' | 'tax') => tickets.reduce((total, t) => total + t[field], 0);

beforeAll(async () => {
  fake = await startFakeStripe();
  s = await startTestServer({
    stripe: { config: { secretKey: 'sk_test_fake', webhookSecret: 'whsec_x', apiBase: fake.url }, pollIntervalMs: 0 },
  });
  admin = await s.adminToken();
  key = (await s.request('POST', '/api/v1/api-keys', { token: admin, body: { name: 'Website, "main"' } })).body.key;
  const theater = await s.call('theaters.create', {
    name: 'Report Palace',
    timeZone: 'Europe/London',
    currency: 'GBP',
  });
  const other = await s.call('theaters.create', { name: 'Elsewhere', timeZone: 'Europe/London', currency: 'GBP' });
  // 20 % VAT included in odd prices, so the VAT of each ticket is rounded.
  await s.call('pricing.set', {
    theaterId: theater.id,
    vatRateBasisPoints: 2000,
    ticketTypes: [
      { code: 'adult', name: 'Adult', basePrice: 1255, active: true },
      { code: 'child', name: 'Child, under 12', basePrice: 833, active: true },
    ],
    rules: [],
  });
  const one = await s.call('screens.create', { theaterId: theater.id, name: 'One', layout: simpleLayout(4, 8) });
  const two = await s.call('screens.create', { theaterId: theater.id, name: 'Two', layout: simpleLayout(4, 8) });
  const filmA = await s.call('movies.create', { title: 'Alpha, the "first"', durationMinutes: 100 });
  const filmB = await s.call('movies.create', { title: 'Beta', durationMinutes: 90 });
  const showA = await s.call('showtimes.create', {
    movieId: filmA.id,
    screenId: one.id,
    startsAt: '2026-11-30T19:00:00Z',
  });
  const showB = await s.call('showtimes.create', {
    movieId: filmB.id,
    screenId: two.id,
    startsAt: '2026-11-30T14:00:00Z',
  });
  Object.assign(ids, {
    theater: theater.id,
    other: other.id,
    one: one.id,
    two: two.id,
    filmA: filmA.id,
    filmB: filmB.id,
    showA: showA.id,
    showB: showB.id,
  });
});
afterAll(async () => {
  await s?.close();
  await fake?.stop();
});

describe('sales report', () => {
  let b1: Sold, b2: Sold, b3: Sold, training: Sold;

  it('counts sales on the sale day and refunds (whole and partial) on the refund day, to the cent', async () => {
    await at('2026-11-28T10:00:00Z');
    cashier = (await s.userToken('cashier', [ids.theater], 'reports-cashier')).token;
    expect(
      (
        await s.request('POST', '/api/v1/shifts', {
          token: cashier,
          body: { openingFloat: 10000, theaterId: ids.theater },
        })
      ).status,
    ).toBe(201);
    const reader = await s.request('POST', '/api/v1/readers', {
      token: admin,
      body: { registrationCode: 'simulated-wpe', label: 'Training', theaterId: ids.theater },
    });
    expect(reader.status).toBe(201);

    b1 = await sell(ids.showA, ['adult', 'child'], { token: key, method: 'external' });
    b2 = await sell(ids.showB, ['adult', 'adult', 'child'], { token: cashier, method: 'cash' });
    training = await sell(ids.showB, ['adult'], { token: cashier, method: 'card', readerId: reader.body.id });
    // 23:30 in London is still the 28th; the sale counts there.
    await at('2026-11-28T23:30:00Z');
    b3 = await sell(ids.showA, ['adult'], { token: key, method: 'external' });

    await at('2026-11-29T11:00:00Z');
    const whole = await s.request('POST', `/api/v1/bookings/${b1.id}/cancel`, { token: key, body: {} });
    expect(whole.status).toBe(200);
    const partChild = b2.tickets.find((t) => t.ticketType === 'child')!;
    const part = await s.request('POST', `/api/v1/bookings/${b2.id}/cancel`, {
      token: cashier,
      body: { ticketIds: [partChild.id] },
    });
    expect(part.status).toBe(200);
    expect(part.body.status).toBe('partially_refunded');

    const report = await s.request(
      'GET',
      `/api/v1/reports/sales?from=2026-11-27&to=2026-11-29&theaterId=${ids.theater}`,
      {
        token: admin,
      },
    );
    expect(report.status).toBe(200);
    const r = report.body;
    const sold = [...b1.tickets, ...b2.tickets, ...b3.tickets];
    const refunded = [...b1.tickets, partChild];
    const f = (tickets: Ticket[], refundedTickets: Ticket[]) => ({
      tickets: tickets.length,
      refundedTickets: refundedTickets.length,
      gross: sum(tickets, 'price'),
      refunds: sum(refundedTickets, 'price'),
      net: sum(tickets, 'price') - sum(refundedTickets, 'price'),
      tax: sum(tickets, 'tax') - sum(refundedTickets, 'tax'),
    });
    expect(r.currency).toBe('GBP');
    expect(r.theaterName).toBe('Report Palace');
    expect(sum(sold, 'tax')).toBeGreaterThan(0);
    expect(r.days).toEqual([
      { date: '2026-11-27', ...f([], []) },
      { date: '2026-11-28', ...f(sold, []) },
      { date: '2026-11-29', ...f([], refunded) },
    ]);
    expect(r.totals).toEqual(f(sold, refunded));
    expect(r.totals.gross).toBe(b1.total + b2.total + b3.total);
    expect(r.films).toEqual(
      expect.arrayContaining([
        { movieId: ids.filmA, title: 'Alpha, the "first"', ...f([...b1.tickets, ...b3.tickets], b1.tickets) },
        { movieId: ids.filmB, title: 'Beta', ...f(b2.tickets, [partChild]) },
      ]),
    );
    expect(r.films).toHaveLength(2);
    expect(r.screens).toEqual([
      { screenId: ids.one, name: 'One', ...f([...b1.tickets, ...b3.tickets], b1.tickets) },
      { screenId: ids.two, name: 'Two', ...f(b2.tickets, [partChild]) },
    ]);
    const ofType = (list: Ticket[], type: string) => list.filter((t) => t.ticketType === type);
    expect(r.ticketTypes).toEqual(
      expect.arrayContaining([
        { code: 'adult', name: 'Adult', ...f(ofType(sold, 'adult'), ofType(refunded, 'adult')) },
        { code: 'child', name: 'Child, under 12', ...f(ofType(sold, 'child'), ofType(refunded, 'child')) },
      ]),
    );
    expect(r.channels).toEqual(
      expect.arrayContaining([
        { channel: 'api', ...f([...b1.tickets, ...b3.tickets], b1.tickets) },
        { channel: 'counter', ...f(b2.tickets, [partChild]) },
      ]),
    );
    expect(r.channels).toHaveLength(2);
    // The training sale on the simulated reader is in no row: card_present never appears.
    expect(r.methods).toEqual(
      expect.arrayContaining([
        { method: 'external', ...f([...b1.tickets, ...b3.tickets], b1.tickets) },
        { method: 'cash', ...f(b2.tickets, [partChild]) },
      ]),
    );
    expect(r.methods).toHaveLength(2);
    expect(training.total).toBeGreaterThan(0);

    // Another theater's report is empty: its numbers are its own.
    const other = await s.request('GET', `/api/v1/reports/sales?from=2026-11-28&to=2026-11-29&theaterId=${ids.other}`, {
      token: admin,
    });
    expect(other.body.totals).toEqual(f([], []));
    expect(other.body.days.map((d: { date: string }) => d.date)).toEqual(['2026-11-28', '2026-11-29']);

    // The rollups the reports read equal their rebuild from the raw rows, training payment included.
    const db = s.core.database.db as unknown as Kysely<unknown>;
    await createRollupTables(db, 'daily_check', 'showtime_check');
    await rebuildRollups(db, { daily: 'daily_check', showtime: 'showtime_check' });
    expect(await allRows(s.core.database.db, 'sales_daily')).toEqual(await allRows(s.core.database.db, 'daily_check'));
    expect(await allRows(s.core.database.db, 'sales_showtime')).toEqual(
      await allRows(s.core.database.db, 'showtime_check'),
    );
    await createSpeedTables(db, 'monthly_check', 'minute_check');
    await rebuildMonthly(db, 'monthly_check');
    await rebuildMinutes(db, 'minute_check');
    expect(await allRows(s.core.database.db, 'sales_monthly')).toEqual(
      await allRows(s.core.database.db, 'monthly_check'),
    );
    expect(await allRows(s.core.database.db, 'sales_minute')).toEqual(
      await allRows(s.core.database.db, 'minute_check'),
    );
    // The training sale is in no minute: the two minutes of the 28th hold b1 and b2, then b3.
    expect((await allRows(s.core.database.db, 'sales_minute')).map((row) => row.tickets)).toEqual([5, 1]);
  });

  it('downloads as CSV: one header row, quoted fields, money as decimal strings in the currency', async () => {
    const csv = await s.request(
      'GET',
      `/api/v1/reports/sales.csv?by=film&from=2026-11-27&to=2026-11-29&theaterId=${ids.theater}`,
      { token: admin },
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain(
      'attachment; filename="sales-by-film-2026-11-27-to-2026-11-29.csv"',
    );
    const lines = (csv.body as string).split('\r\n');
    expect(lines[0]).toBe('Film,Tickets sold,Tickets refunded,Gross,Refunds,Net,VAT,Currency');
    expect(lines.at(-1)).toBe('');
    const gbp = (minor: number) => `${Math.trunc(minor / 100)}.${String(Math.abs(minor) % 100).padStart(2, '0')}`;
    const alpha = [...b1.tickets, ...b3.tickets];
    const alphaNet = sum(alpha, 'price') - sum(b1.tickets, 'price');
    expect(lines).toContain(
      `"Alpha, the ""first""",3,2,${gbp(sum(alpha, 'price'))},${gbp(sum(b1.tickets, 'price'))},${gbp(alphaNet)},${gbp(
        sum(alpha, 'tax') - sum(b1.tickets, 'tax'),
      )},GBP`,
    );
    expect(lines.filter((line) => line.startsWith('Total,'))).toHaveLength(1);

    const days = await s.request(
      'GET',
      `/api/v1/reports/sales.csv?from=2026-11-29&to=2026-11-29&theaterId=${ids.theater}`,
      {
        token: admin,
      },
    );
    const refundsOn29 = sum(b1.tickets, 'price') + b2.tickets.find((t) => t.ticketType === 'child')!.price;
    expect((days.body as string).split('\r\n')[1]).toMatch(
      new RegExp(`^2026-11-29,0,3,0\\.00,${gbp(refundsOn29)},-${gbp(refundsOn29)},`),
    );

    const bad = await s.request(
      'GET',
      `/api/v1/reports/sales.csv?by=colour&from=2026-11-29&to=2026-11-29&theaterId=${ids.theater}`,
      {
        token: admin,
      },
    );
    expect(bad.status).toBe(400);
  });

  it('distributor report: admissions and box office per showtime, net of VAT', async () => {
    const report = await s.request(
      'GET',
      `/api/v1/reports/distributor?from=2026-11-30&to=2026-11-30&theaterId=${ids.theater}&movieId=${ids.filmA}`,
      { token: admin },
    );
    expect(report.status).toBe(200);
    const gross = sum(b3.tickets, 'price');
    const vat = sum(b3.tickets, 'tax');
    expect(report.body.showtimes).toEqual([
      expect.objectContaining({
        showtimeId: ids.showA,
        date: '2026-11-30',
        time: '19:00',
        screenName: 'One',
        admissions: 1,
        gross,
        vat,
        netOfVat: gross - vat,
      }),
    ]);
    expect(report.body.totals).toEqual({ admissions: 1, gross, vat, netOfVat: gross - vat });
    const csv = await s.request(
      'GET',
      `/api/v1/reports/distributor.csv?from=2026-11-30&to=2026-11-30&theaterId=${ids.theater}&movieId=${ids.filmA}`,
      { token: admin },
    );
    expect((csv.body as string).split('\r\n')[0]).toBe(
      'Film,Date,Time,Screen,Status,Admissions,Box office gross,VAT,Net of VAT,Currency',
    );
    expect((csv.body as string).split('\r\n')[1]).toMatch(/^"Alpha, the ""first""",2026-11-30,19:00,One,scheduled,1,/);
  });

  it('dashboard: today so far against the same weekday last week, shows, shifts, charts', async () => {
    await at('2026-11-29T15:00:00Z');
    const board = await s.request('GET', `/api/v1/reports/dashboard?theaterId=${ids.theater}`, { token: admin });
    expect(board.status).toBe(200);
    expect(board.body.date).toBe('2026-11-29');
    expect(board.body.today).toEqual({
      tickets: 0,
      gross: 0,
      refunds: sum(b1.tickets, 'price') + b2.tickets.find((t) => t.ticketType === 'child')!.price,
    });
    expect(board.body.lastWeek).toEqual({ date: '2026-11-22', tickets: 0, gross: 0 });
    expect(board.body.salesByDay).toHaveLength(14);
    expect(board.body.salesByDay.find((d: { date: string }) => d.date === '2026-11-28').tickets).toBe(6);
    expect(board.body.salesByHour).toHaveLength(24);
    expect(board.body.openShifts).toHaveLength(1);
    expect(board.body.salesByFilm.map((f: { title: string }) => f.title).sort()).toEqual([
      'Alpha, the "first"',
      'Beta',
    ]);

    await at('2026-11-30T10:00:00Z');
    const monday = await s.request('GET', `/api/v1/reports/dashboard?theaterId=${ids.theater}`, { token: admin });
    // Both shows are today and still to come; B keeps 2 of its 3 tickets, A only b3's one.
    expect(
      monday.body.shows.map((show: { showtimeId: number; sold: number; state: string }) => [
        show.showtimeId,
        show.sold,
        show.state,
      ]),
    ).toEqual([
      [ids.showB, 2, 'upcoming'],
      [ids.showA, 1, 'upcoming'],
    ]);
  });

  it("is the admin's or that theater's manager's: another manager gets 404, a cashier 403, nobody 401", async () => {
    const own = await s.userToken('manager', [ids.theater]);
    const foreign = await s.userToken('manager', [ids.other]);
    const staff = await s.userToken('cashier', [ids.theater]);
    for (const path of [
      `/api/v1/reports/sales?from=2026-11-28&to=2026-11-28&theaterId=${ids.theater}`,
      `/api/v1/reports/sales.csv?from=2026-11-28&to=2026-11-28&theaterId=${ids.theater}`,
      `/api/v1/reports/distributor?from=2026-11-28&to=2026-11-30&theaterId=${ids.theater}&movieId=${ids.filmA}`,
      `/api/v1/reports/distributor.csv?from=2026-11-28&to=2026-11-30&theaterId=${ids.theater}&movieId=${ids.filmA}`,
      `/api/v1/reports/dashboard?theaterId=${ids.theater}`,
    ]) {
      expect((await s.request('GET', path, { token: own.token })).status, path).toBe(200);
      const refused = await s.request('GET', path, { token: foreign.token });
      expect(refused.status, path).toBe(404);
      expect(refused.body.error.code).toBe('not_found');
      expect((await s.request('GET', path, { token: staff.token })).status, path).toBe(403);
      expect((await s.request('GET', path)).status, path).toBe(401);
    }
  });

  it('rejects bad ranges with 400', async () => {
    const base = `/api/v1/reports/sales?theaterId=${ids.theater}`;
    for (const range of [
      '&from=2026-11-29&to=2026-11-28',
      '&from=2025-01-01&to=2026-11-28',
      '&from=x&to=2026-11-28',
      '',
    ]) {
      const response = await s.request('GET', base + range, { token: admin });
      expect(response.status, range).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
    }
  });
  it('a range of whole months reads the monthly rollup and agrees with the same days read day by day', async () => {
    await at('2026-12-31T12:00:00Z');
    const report = (from: string, to: string) =>
      s.request('GET', `/api/v1/reports/sales?from=${from}&to=${to}&theaterId=${ids.theater}`, { token: admin });
    // November and December whole (from the months), and the same sales read from days only (no whole month).
    const months = (await report('2026-11-01', '2026-12-31')).body;
    const days = (await report('2026-11-02', '2026-12-30')).body;
    const year = (await report('2026-01-01', '2026-12-31')).body;
    // Whole months in the middle, odd days at both ends.
    const mixed = (await report('2026-10-15', '2026-12-30')).body;
    for (const other of [days, year, mixed]) {
      for (const part of ['totals', 'films', 'screens', 'ticketTypes', 'channels', 'methods'] as const)
        expect(other[part], part).toEqual(months[part]);
    }
    expect(months.totals.tickets).toBe(6);
    expect(year.days).toHaveLength(365);
  });

  it('dashboard hours: today and last week so far agree with the raw bookings, to the millisecond', async () => {
    // The raw figures, as the booking module counts them (training bookings left out).
    const raw = async (from: number, to: number) => {
      const db = s.core.database.db;
      const rows = await salesByHour(
        db,
        ids.theater,
        from,
        to,
        await trainingBookingIds(db, from - 7 * 86_400_000, to),
      );
      return rows.reduce((acc, row) => ({ tickets: acc.tickets + row.tickets, gross: acc.gross + row.gross }), {
        tickets: 0,
        gross: 0,
      });
    };
    const since = Date.parse('2026-11-28T00:00:00Z');
    // A week after b1 and b2 (sold at 10:00:00.000): half a second after it, and a millisecond before.
    for (const [now, tickets] of [
      ['2026-12-05T10:00:00.500Z', 5],
      ['2026-12-05T09:59:59.999Z', 0],
      ['2026-12-05T23:59:00.000Z', 6],
    ] as const) {
      await at(now);
      const board = (await s.request('GET', `/api/v1/reports/dashboard?theaterId=${ids.theater}`, { token: admin }))
        .body;
      const expected = await raw(since, since + (Date.parse(now) - Date.parse('2026-12-05T00:00:00Z')));
      expect(board.lastWeek, now).toEqual({ date: '2026-11-28', ...expected });
      expect(board.lastWeek.tickets, now).toBe(tickets);
      const hours = board.salesByHour as { hour: number; lastWeekTickets: number; lastWeekGross: number }[];
      const whole = await raw(since, since + 86_400_000);
      expect(hours.reduce((n, h) => n + h.lastWeekTickets, 0)).toBe(whole.tickets);
      expect(hours.reduce((n, h) => n + h.lastWeekGross, 0)).toBe(whole.gross);
      expect(hours.find((h) => h.hour === 10)!.lastWeekGross).toBe(b1.total + b2.total);
      expect(hours.find((h) => h.hour === 23)!.lastWeekGross).toBe(b3.total);
    }
    // Today: the 28th itself, by hour, against the raw rows.
    await at('2026-11-28T23:45:00Z');
    const today = (await s.request('GET', `/api/v1/reports/dashboard?theaterId=${ids.theater}`, { token: admin })).body;
    expect(today.today).toEqual({ ...(await raw(since, since + 86_400_000)), refunds: 0 });
    expect(today.today.gross).toBe(b1.total + b2.total + b3.total);
  });
});
