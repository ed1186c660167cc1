/**
 * The price grid preview, bulk scheduling, copying a day, moving with a dry run and cancelling a showtime
 * with sales: who may call them, what bad input does (nothing), conflicts named by showtime, and that
 * the preview is exactly what a booking of the same seat and ticket type costs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness';
import { databaseFingerprint } from '../support/snapshot';

let s: TestServer;
let admin: string;
let managerA: string;
let cashier: string;
const A = { theaterId: 0, screenId: 0 };
const B = { theaterId: 0, screenId: 0, showtimeId: 0 };
let movieId = 0;

/** Row A premium, row B standard with a wheelchair and companion place. */
const layout = {
  rows: [
    { label: 'A', seats: [1, 2, 3, 4].map((number) => ({ number, type: 'premium' })) },
    {
      label: 'B',
      seats: [
        { number: 1, type: 'wheelchair' },
        { number: 2, type: 'companion' },
        { number: 3, type: 'standard' },
        { number: 4, type: 'standard' },
      ],
    },
  ],
};

async function theater(name: string, target: { theaterId: number; screenId: number }) {
  target.theaterId = (
    await s.request('POST', '/api/v1/theaters', {
      token: admin,
      body: { name, timeZone: 'Europe/London', currency: 'GBP' },
    })
  ).body.id;
  target.screenId = (
    await s.request('POST', `/api/v1/theaters/${target.theaterId}/screens`, {
      token: admin,
      body: { name: 'Screen 1', layout, cleaningMinutes: 20 },
    })
  ).body.id;
}

async function showtime(screenId: number, startsAt: string, format = '2D') {
  const response = await s.request('POST', '/api/v1/showtimes', {
    token: admin,
    body: { movieId, screenId, startsAt, format },
  });
  expect(response.status).toBe(201);
  return response.body as { id: number };
}

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.adminToken();
  movieId = (
    await s.request('POST', '/api/v1/movies', { token: admin, body: { title: 'Hundred', durationMinutes: 100 } })
  ).body.id;
  await theater('Theater A', A);
  await theater('Theater B', B);
  B.showtimeId = (await showtime(B.screenId, '2026-12-01T18:00:00Z')).id;
  managerA = (await s.userToken('manager', [A.theaterId])).token;
  cashier = (await s.userToken('cashier')).token;
});
afterAll(async () => {
  await s.close();
});

const priceList = {
  vatRateBasisPoints: 2000,
  ticketTypes: [
    { code: 'adult', name: 'Adult', basePrice: 1250, active: true },
    { code: 'child', name: 'Child', basePrice: 800, active: true },
    { code: 'senior', name: 'Senior', basePrice: 900, active: false },
  ],
  rules: [
    { name: 'Premium seat', seatType: 'premium', adjustment: 300 },
    { name: '3D', format: '3D', adjustment: 200 },
    { name: 'Matinee', days: [1, 2, 3, 4, 5], fromMinute: 0, toMinute: 17 * 60, adjustment: -250 },
    { name: 'Child weekend', ticketType: 'child', days: [6, 7], adjustment: -100 },
  ],
};

describe('pricing.preview', () => {
  it('answers the grid of every active ticket type × seat type with tax and net', async () => {
    expect(
      (await s.request('PUT', `/api/v1/theaters/${A.theaterId}/prices`, { token: managerA, body: priceList })).status,
    ).toBe(200);
    // Monday 12:00 in London, 3D: matinee and 3D apply.
    const response = await s.request('POST', '/api/v1/pricing/preview', {
      token: managerA,
      body: { theaterId: A.theaterId, startsAt: '2026-11-30T12:00:00Z', format: '3D' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      theaterId: A.theaterId,
      showtimeId: null,
      currency: 'GBP',
      localDate: '2026-11-30',
      localTime: '12:00',
      weekday: 1,
      format: '3D',
      vatRateBasisPoints: 2000,
      rulesApplied: ['Premium seat', '3D', 'Matinee'],
    });
    const grid = Object.fromEntries(
      response.body.ticketTypes.map((type: { code: string; cells: { seatType: string; price: number }[] }) => [
        type.code,
        Object.fromEntries(type.cells.map((cell) => [cell.seatType, cell.price])),
      ]),
    );
    expect(grid).toEqual({
      adult: { standard: 1200, premium: 1500, wheelchair: 1200, companion: 1200 },
      child: { standard: 750, premium: 1050, wheelchair: 750, companion: 750 },
    });
    const premiumAdult = response.body.ticketTypes[0].cells[1];
    // 20 % VAT included in 15.00 is 2.50.
    expect(premiumAdult).toEqual({ seatType: 'premium', price: 1500, tax: 250, net: 1250 });
  });

  it('prices an unsaved draft with the same rules and saves nothing', async () => {
    const before = databaseFingerprint(s.core);
    const response = await s.request('POST', '/api/v1/pricing/preview', {
      token: managerA,
      body: {
        theaterId: A.theaterId,
        startsAt: '2026-12-05T19:00:00Z',
        draft: { ...priceList, ticketTypes: [{ code: 'adult', name: 'Adult', basePrice: 999 }], rules: [] },
      },
    });
    expect(response.status).toBe(200);
    expect(response.body.ticketTypes.map((t: { code: string }) => t.code)).toEqual(['adult']);
    expect(response.body.ticketTypes[0].cells[0].price).toBe(999);
    expect(databaseFingerprint(s.core)).toEqual(before);
  });

  it('equals the price a booking gets for the same seat and ticket type', async () => {
    const show = await showtime(A.screenId, '2026-11-30T12:00:00Z', '3D');
    const preview = await s.request('POST', '/api/v1/pricing/preview', {
      token: managerA,
      body: { showtimeId: show.id },
    });
    expect(preview.status).toBe(200);
    expect(preview.body.showtimeId).toBe(show.id);
    const seats = (await s.request('GET', `/api/v1/showtimes/${show.id}/seats`)).body.seats as {
      id: number;
      type: string;
    }[];
    const cell = (code: string, seatType: string) =>
      preview.body.ticketTypes
        .find((type: { code: string }) => type.code === code)
        .cells.find((c: { seatType: string }) => c.seatType === seatType);
    const picks = [
      { seat: seats.find((seat) => seat.type === 'premium')!, ticketType: 'adult' },
      { seat: seats.find((seat) => seat.type === 'standard')!, ticketType: 'child' },
      { seat: seats.find((seat) => seat.type === 'wheelchair')!, ticketType: 'adult' },
    ];
    const hold = await s.request('POST', `/api/v1/showtimes/${show.id}/holds`, {
      token: cashier,
      body: { seatIds: picks.map((pick) => pick.seat.id) },
    });
    expect(hold.status).toBe(201);
    const booking = await s.request('POST', '/api/v1/bookings', {
      token: cashier,
      body: {
        holdId: hold.body.id,
        tickets: picks.map((pick) => ({ seatId: pick.seat.id, ticketType: pick.ticketType })),
      },
    });
    expect(booking.status).toBe(201);
    for (const pick of picks) {
      const ticket = booking.body.tickets.find((t: { seatId: number }) => t.seatId === pick.seat.id);
      expect({ seat: pick.seat.type, type: pick.ticketType, price: ticket.price, tax: ticket.tax }).toEqual({
        seat: pick.seat.type,
        type: pick.ticketType,
        price: cell(pick.ticketType, pick.seat.type).price,
        tax: cell(pick.ticketType, pick.seat.type).tax,
      });
    }
    expect(booking.body.total).toBe(1500 + 750 + 1200);
  });

  it('is for admins and managers of the theater only', async () => {
    const body = { theaterId: A.theaterId, startsAt: '2026-11-30T12:00:00Z' };
    expect((await s.request('POST', '/api/v1/pricing/preview', { body })).status).toBe(401);
    expect((await s.request('POST', '/api/v1/pricing/preview', { token: cashier, body })).status).toBe(403);
    expect((await s.request('POST', '/api/v1/pricing/preview', { token: admin, body })).status).toBe(200);
    for (const other of [{ theaterId: B.theaterId, startsAt: '2026-11-30T12:00:00Z' }, { showtimeId: B.showtimeId }]) {
      const response = await s.request('POST', '/api/v1/pricing/preview', { token: managerA, body: other });
      expect({ status: response.status, code: response.body.error.code }).toEqual({ status: 404, code: 'not_found' });
    }
    const put = await s.request('PUT', `/api/v1/theaters/${B.theaterId}/prices`, { token: managerA, body: priceList });
    expect(put.status).toBe(404);
  });

  it('refuses bad input with field paths and changes nothing', async () => {
    const before = databaseFingerprint(s.core);
    const cases: { method: string; path: string; body: unknown; fields: string[] }[] = [
      { method: 'POST', path: '/api/v1/pricing/preview', body: {}, fields: ['startsAt', 'theaterId'] },
      {
        method: 'POST',
        path: '/api/v1/pricing/preview',
        body: { showtimeId: 1, theaterId: A.theaterId },
        fields: ['theaterId'],
      },
      {
        method: 'POST',
        path: '/api/v1/pricing/preview',
        body: { theaterId: A.theaterId, startsAt: 'tomorrow', draft: { ...priceList, vatRateBasisPoints: -1 } },
        fields: ['draft.vatRateBasisPoints', 'startsAt'],
      },
      {
        method: 'PUT',
        path: `/api/v1/theaters/${A.theaterId}/prices`,
        body: {
          ...priceList,
          ticketTypes: [
            { code: 'adult', name: 'Adult', basePrice: 12.5 },
            { code: 'child', name: '', basePrice: 100 },
          ],
          rules: [{ name: 'Half', fromMinute: 600, adjustment: 0 }],
        },
        fields: ['rules.0.toMinute', 'ticketTypes.0.basePrice', 'ticketTypes.1.name'],
      },
      {
        method: 'PUT',
        path: `/api/v1/theaters/${A.theaterId}/prices`,
        body: {
          ...priceList,
          ticketTypes: [
            { code: 'adult', name: 'Adult', basePrice: 1250 },
            { code: 'adult', name: 'Adult again', basePrice: 100 },
          ],
          rules: [{ name: 'Kids', ticketType: 'kid', adjustment: 1 }],
        },
        fields: ['rules.0.ticketType', 'ticketTypes.1.code'],
      },
    ];
    for (const bad of cases) {
      const response = await s.request(bad.method, bad.path, { token: admin, body: bad.body });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
      expect(response.body.error.details.fields.map((field: { path: string }) => field.path).sort()).toEqual(
        bad.fields,
      );
    }
    expect(databaseFingerprint(s.core)).toEqual(before);
  });
});

describe('showtimes.bulkCreate', () => {
  it('dry run lists every start and the conflicts, cleaning time included; saving keeps the free ones', async () => {
    // Trailers 15 min + film 100 min + cleaning 20 min. In the way on 8 Dec: 16:30–18:25, cleaning
    // until 18:45, clashes with 17:30 (and 14:00 ends 16:15 with its cleaning: free).
    const blocker = await showtime(A.screenId, '2026-12-08T16:30:00Z');
    // 10 Dec 11:50 ends 13:45, cleaning until 14:05: clashes with 14:00 only through cleaning time.
    const cleaningOnly = await showtime(A.screenId, '2026-12-10T11:50:00Z');
    const body = {
      movieId,
      screenId: A.screenId,
      from: '2026-12-07',
      to: '2026-12-13',
      times: ['14:00', '17:30', '21:00'],
    };
    const before = databaseFingerprint(s.core);
    const dry = await s.request('POST', '/api/v1/showtimes/bulk', { token: managerA, body: { ...body, dryRun: true } });
    expect(dry.status).toBe(200);
    expect(databaseFingerprint(s.core)).toEqual(before);
    expect(dry.body).toMatchObject({ dryRun: true, created: 0, conflicts: 2 });
    expect(dry.body.items).toHaveLength(21);
    const conflicts = dry.body.items.filter((item: { status: string }) => item.status === 'conflict');
    expect(
      conflicts.map((item: { date: string; time: string; conflict: { showtimeId: number } }) => [
        item.date,
        item.time,
        item.conflict.showtimeId,
      ]),
    ).toEqual([
      ['2026-12-08', '17:30', blocker.id],
      ['2026-12-10', '14:00', cleaningOnly.id],
    ]);
    expect(conflicts[0].conflict).toMatchObject({ movieTitle: 'Hundred', busyUntil: '2026-12-08T18:45:00+00:00' });

    const saved = await s.request('POST', '/api/v1/showtimes/bulk', { token: managerA, body });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ dryRun: false, created: 19, conflicts: 2 });
    const week = await s.request('GET', `/api/v1/showtimes?date=2026-12-08&screenId=${A.screenId}`);
    expect(week.body.items.map((item: { startsAt: string }) => item.startsAt)).toEqual([
      '2026-12-08T14:00:00+00:00',
      '2026-12-08T16:30:00+00:00',
      '2026-12-08T21:00:00+00:00',
    ]);
    // Again: everything is in the way now, nothing more is saved.
    const again = await s.request('POST', '/api/v1/showtimes/bulk', { token: managerA, body });
    expect(again.body).toMatchObject({ created: 0, conflicts: 21 });
  });

  it('lists starts of the plan that clash with each other', async () => {
    const response = await s.request('POST', '/api/v1/showtimes/bulk', {
      token: managerA,
      body: {
        movieId,
        screenId: A.screenId,
        from: '2026-12-20',
        to: '2026-12-20',
        times: ['10:00', '11:00'],
        dryRun: true,
      },
    });
    expect(response.body.items.map((item: { status: string }) => item.status)).toEqual(['ok', 'conflict']);
    expect(response.body.items[1].conflict).toMatchObject({ showtimeId: null, movieTitle: 'Hundred' });
  });

  it("a manager cannot bulk-create or copy on another theater's screen (404, nothing changed)", async () => {
    const before = databaseFingerprint(s.core);
    const bulk = await s.request('POST', '/api/v1/showtimes/bulk', {
      token: managerA,
      body: { movieId, screenId: B.screenId, from: '2026-12-07', to: '2026-12-08', times: ['10:00'] },
    });
    expect({ status: bulk.status, code: bulk.body.error.code }).toEqual({ status: 404, code: 'not_found' });
    const copy = await s.request('POST', '/api/v1/showtimes/copy', {
      token: managerA,
      body: { theaterId: B.theaterId, fromDate: '2026-12-01', toDate: '2026-12-02' },
    });
    expect({ status: copy.status, code: copy.body.error.code }).toEqual({ status: 404, code: 'not_found' });
    const screenOfB = await s.request('POST', '/api/v1/showtimes/copy', {
      token: managerA,
      body: { theaterId: A.theaterId, screenId: B.screenId, fromDate: '2026-12-01', toDate: '2026-12-02' },
    });
    expect(screenOfB.status).toBe(404);
    expect((await s.request('POST', '/api/v1/showtimes/bulk', { token: cashier, body: {} })).status).toBe(403);
    expect(databaseFingerprint(s.core)).toEqual(before);
  });

  it('refuses bad input with field paths and changes nothing', async () => {
    const before = databaseFingerprint(s.core);
    const cases: { path: string; body: unknown; fields: string[] }[] = [
      {
        path: '/api/v1/showtimes/bulk',
        body: { movieId, screenId: A.screenId, from: '2026-12-10', to: '2026-12-01', times: ['25:00', '14:00'] },
        fields: ['times.0', 'to'],
      },
      {
        path: '/api/v1/showtimes/bulk',
        body: { movieId, screenId: A.screenId, from: '2026-12-01', to: '2027-06-01', times: ['14:00', '14:00'] },
        fields: ['times', 'to'],
      },
      {
        path: '/api/v1/showtimes/copy',
        body: { theaterId: A.theaterId, fromDate: '2026-02-30', toDate: '2026-12-02', days: 8 },
        fields: ['days', 'fromDate'],
      },
      {
        path: '/api/v1/showtimes/copy',
        body: { theaterId: A.theaterId, fromDate: '2026-12-02', toDate: '2026-12-02' },
        fields: ['toDate'],
      },
    ];
    for (const bad of cases) {
      const response = await s.request('POST', bad.path, { token: admin, body: bad.body });
      expect(response.status).toBe(400);
      expect(response.body.error.details.fields.map((field: { path: string }) => field.path).sort()).toEqual(
        bad.fields,
      );
    }
    expect(databaseFingerprint(s.core)).toEqual(before);
  });
});

describe('showtimes.copy', () => {
  it('copies a day to another date at the same local times, listing what is in the way', async () => {
    // 7 Dec has 14:00, 17:30, 21:00 from the bulk test; put one film in the way on 24 Dec.
    const blocker = await showtime(A.screenId, '2026-12-24T18:00:00Z');
    const body = { theaterId: A.theaterId, screenId: A.screenId, fromDate: '2026-12-07', toDate: '2026-12-24' };
    const dry = await s.request('POST', '/api/v1/showtimes/copy', { token: managerA, body: { ...body, dryRun: true } });
    expect(dry.status).toBe(200);
    expect(
      dry.body.items.map((item: { time: string; status: string; sourceShowtimeId: number | null }) => [
        item.time,
        item.status,
        typeof item.sourceShowtimeId,
      ]),
    ).toEqual([
      ['14:00', 'ok', 'number'],
      ['17:30', 'conflict', 'number'],
      ['21:00', 'ok', 'number'],
    ]);
    expect(dry.body.items[1].conflict.showtimeId).toBe(blocker.id);
    const saved = await s.request('POST', '/api/v1/showtimes/copy', { token: managerA, body });
    expect(saved.body).toMatchObject({ created: 2, conflicts: 1 });
    const day = await s.request('GET', `/api/v1/showtimes?date=2026-12-24&screenId=${A.screenId}`);
    expect(day.body.items.map((item: { startsAt: string }) => item.startsAt)).toEqual([
      '2026-12-24T14:00:00+00:00',
      '2026-12-24T18:00:00+00:00',
      '2026-12-24T21:00:00+00:00',
    ]);
  });
});

describe('moving a showtime', () => {
  it('a dry run answers the moved showtime or 409 naming the one in the way, and saves nothing', async () => {
    const first = await showtime(A.screenId, '2027-01-05T10:00:00Z');
    const second = await showtime(A.screenId, '2027-01-05T14:00:00Z');
    const before = databaseFingerprint(s.core);
    const free = await s.request('PATCH', `/api/v1/showtimes/${second.id}`, {
      token: managerA,
      body: { startsAt: '2027-01-05T12:30:00Z', dryRun: true },
    });
    expect(free.status).toBe(200);
    expect(free.body).toMatchObject({ id: second.id, startsAt: '2027-01-05T12:30:00+00:00' });
    // 12:10 is inside the first's cleaning time (it ends 11:55, cleaning until 12:15).
    const clash = await s.request('PATCH', `/api/v1/showtimes/${second.id}`, {
      token: managerA,
      body: { startsAt: '2027-01-05T12:10:00Z', dryRun: true },
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error).toMatchObject({
      code: 'showtime_conflict',
      details: { conflictingShowtimeId: first.id },
    });
    expect(clash.body.error.message).toContain(`showtime ${first.id}`);
    expect(databaseFingerprint(s.core)).toEqual(before);
    const real = await s.request('PATCH', `/api/v1/showtimes/${second.id}`, {
      token: managerA,
      body: { startsAt: '2027-01-05T12:10:00Z' },
    });
    expect(real.status).toBe(409);
    expect(real.body.error.details.conflictingShowtimeId).toBe(first.id);
    expect(databaseFingerprint(s.core)).toEqual(before);
  });
});

describe('cancelling a showtime with sold tickets', () => {
  it('is refused with 409 naming the bookings until each is refunded, then allowed', async () => {
    const show = await showtime(A.screenId, '2027-01-08T19:00:00Z');
    const hold = await s.request('POST', `/api/v1/showtimes/${show.id}/holds`, {
      token: admin,
      body: { quantity: 2 },
    });
    const booking = await s.request('POST', '/api/v1/bookings', {
      token: admin,
      body: {
        holdId: hold.body.id,
        tickets: (hold.body.seatIds as number[]).map((seatId) => ({ seatId, ticketType: 'adult' })),
      },
    });
    const paid = await s.request('POST', `/api/v1/bookings/${booking.body.id}/payments`, {
      token: admin,
      body: { method: 'external', amount: booking.body.total, reference: 'web-1' },
    });
    expect(paid.status).toBe(201);

    const before = databaseFingerprint(s.core);
    const refused = await s.request('DELETE', `/api/v1/showtimes/${show.id}`, { token: managerA });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'showtime_has_sales',
      details: {
        showtimeId: show.id,
        tickets: 2,
        bookings: [{ id: booking.body.id, reference: booking.body.reference }],
      },
    });
    expect(refused.body.error.message).toContain('refund or exchange');
    const moved = await s.request('PATCH', `/api/v1/showtimes/${show.id}`, {
      token: managerA,
      body: { startsAt: '2027-01-08T20:00:00Z' },
    });
    expect(moved.body.error?.code).toBe('showtime_has_sales');
    expect(databaseFingerprint(s.core)).toEqual(before);
    // A change that moves nothing (the language) is still allowed.
    expect(
      (await s.request('PATCH', `/api/v1/showtimes/${show.id}`, { token: managerA, body: { language: 'English' } }))
        .status,
    ).toBe(200);

    const refunded = await s.request('POST', `/api/v1/bookings/${booking.body.id}/cancel`, {
      token: managerA,
      body: { reason: 'Showtime cancelled' },
    });
    expect(refunded.status).toBe(200);
    expect(refunded.body.status).toBe('refunded');
    expect((await s.request('DELETE', `/api/v1/showtimes/${show.id}`, { token: managerA })).status).toBe(204);
    expect((await s.request('GET', `/api/v1/showtimes/${show.id}`)).body.status).toBe('cancelled');
  });
});
