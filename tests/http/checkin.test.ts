import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/main/core/clock';
import { seedShowtime, startTestServer, type TestServer } from '../support/harness';
import { databaseFingerprint } from '../support/snapshot';
import { paidBooking } from '../support/tickets';

let s: TestServer;
let cashier: string;
let scanner: string;
let kiosk: string;
const clock = () => s.clock as ManualClock;
const AT = (iso: string) => clock().set(Date.parse(iso));

beforeAll(async () => {
  s = await startTestServer();
  cashier = (await s.userToken('cashier')).token;
  kiosk = (await s.userToken('kiosk')).token;
  const admin = await s.adminToken();
  const created = await s.request('POST', '/api/v1/devices', {
    token: admin,
    body: { name: 'Door 1', role: 'scanner' },
  });
  expect(created.status).toBe(201);
  const paired = await s.request('POST', '/api/v1/devices/pair', { body: { pairingCode: created.body.pairingCode } });
  expect(paired.status).toBe(200);
  scanner = paired.body.token;
});
afterAll(async () => {
  await s.close();
});

const scan = (token: string, body: Record<string, unknown>) => s.request('POST', '/api/v1/checkins', { token, body });

describe('check-in', () => {
  it('a confirmed booking carries codes; the door admits once, then already_used with when and where', async () => {
    AT('2026-11-28T09:00:00Z');
    const { booking, showtimeId } = await paidBooking(s);
    expect(booking.status).toBe('confirmed');
    const [first, second] = booking.tickets;
    expect(first!.code).toMatch(/^[0-9A-HJ-NP-X]{100,140}$/);
    expect(second!.code).not.toBe(first!.code);

    AT('2026-11-28T18:40:00Z'); // the show starts at 19:00 UTC (London)
    const ok = await scan(scanner, { code: first!.code, showtimeId });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      result: 'admitted',
      bookingReference: booking.reference,
      film: 'Seed film',
      screen: 'Screen 1',
      seat: first!.seatLabel,
      startsAt: '2026-11-28T19:00:00+00:00',
      ticketType: 'Adult',
    });
    AT('2026-11-28T18:42:00Z');
    const again = await scan(cashier, { code: first!.code!.toLowerCase() });
    expect(again.body).toMatchObject({
      result: 'already_used',
      admittedAt: '2026-11-28T18:40:00+00:00',
      admittedBy: 'Door 1',
    });
    expect(again.body.message).toContain('18:40');
    const count = await s.request('GET', `/api/v1/showtimes/${showtimeId}/checkins`, { token: scanner });
    expect(count.body).toMatchObject({ admitted: 1, sold: 2 });
  });

  it('20 concurrent scans of one ticket: one admitted, 19 already_used', async () => {
    AT('2026-11-28T09:00:00Z');
    const { booking, showtimeId } = await paidBooking(s, { seats: 1 });
    AT('2026-11-28T18:50:00Z');
    const code = booking.tickets[0]!.code!;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => scan(i % 2 ? scanner : cashier, { code, showtimeId })),
    );
    const results = answers.map((a) => a.body.result);
    expect(results.filter((r) => r === 'admitted')).toHaveLength(1);
    expect(results.filter((r) => r === 'already_used')).toHaveLength(19);
    const count = await s.request('GET', `/api/v1/showtimes/${showtimeId}/checkins`, { token: cashier });
    expect(count.body).toMatchObject({ admitted: 1, sold: 1 });
  });

  it('a retried upload with the same nonce gets the first answer and never counts twice', async () => {
    AT('2026-11-28T09:00:00Z');
    const { booking, showtimeId } = await paidBooking(s, { seats: 1 });
    AT('2026-11-28T18:50:00Z');
    const code = booking.tickets[0]!.code!;
    const first = await scan(scanner, { code, showtimeId, nonce: 'door1-000017' });
    AT('2026-11-28T18:51:00Z');
    const retries = await Promise.all(
      Array.from({ length: 5 }, () => scan(scanner, { code, showtimeId, nonce: 'door1-000017' })),
    );
    expect(first.body.result).toBe('admitted');
    for (const retry of retries) expect(retry.body).toEqual(first.body);
    // a new scan (new nonce) of the same ticket is a second use
    expect((await scan(scanner, { code, showtimeId, nonce: 'door1-000018' })).body.result).toBe('already_used');
    const rows = s.core.database.sqlite
      .prepare("SELECT count(*) AS n FROM checkin_scans WHERE nonce = 'door1-000017'")
      .get() as { n: number };
    expect(rows.n).toBe(1);
  });

  it('too_early before the door opens (30 minutes), wrong_showtime for another show or after the end', async () => {
    AT('2026-11-28T09:00:00Z');
    const { booking, showtimeId } = await paidBooking(s, { seats: 1 });
    const other = await seedShowtime(s, { startsAt: '2026-11-28T20:00:00Z' });
    const code = booking.tickets[0]!.code!;
    AT('2026-11-28T18:29:00Z');
    const early = await scan(scanner, { code, showtimeId });
    expect(early.body).toMatchObject({ result: 'too_early', opensAt: '2026-11-28T18:30:00+00:00' });
    expect(early.body.message).toContain('18:30');
    AT('2026-11-28T18:30:00Z');
    expect((await scan(scanner, { code, showtimeId: other.showtime.id })).body.result).toBe('wrong_showtime');
    AT('2026-11-28T23:00:00Z'); // 100-minute film: long over
    expect((await scan(scanner, { code })).body.result).toBe('wrong_showtime');
    // none of those admitted it
    AT('2026-11-28T18:45:00Z');
    expect((await scan(scanner, { code, showtimeId })).body.result).toBe('admitted');
  });

  it('a refunded ticket is refused (cancelled); so is a ticket of a cancelled booking', async () => {
    AT('2026-11-28T09:00:00Z');
    const { booking, showtimeId } = await paidBooking(s, { seats: 2 });
    const [kept, refunded] = booking.tickets;
    await s.call('bookings.cancel', { bookingId: booking.id, ticketIds: [refunded!.id] });
    AT('2026-11-28T18:45:00Z');
    const refused = await scan(scanner, { code: refunded!.code, showtimeId });
    expect(refused.body).toMatchObject({ result: 'cancelled' });
    expect(refused.body.message).toContain('refunded');
    expect((await scan(scanner, { code: kept!.code, showtimeId })).body.result).toBe('admitted');
    const count = await s.request('GET', `/api/v1/showtimes/${showtimeId}/checkins`, { token: cashier });
    expect(count.body).toMatchObject({ admitted: 1, sold: 1 });
  });

  it('undo the last admission (staff): the ticket may be scanned again; scanners may not undo', async () => {
    AT('2026-11-28T09:00:00Z');
    const { booking, showtimeId } = await paidBooking(s, { seats: 1 });
    AT('2026-11-28T18:45:00Z');
    const code = booking.tickets[0]!.code!;
    const { token: doorStaff } = await s.userToken('cashier');
    expect((await scan(doorStaff, { code, showtimeId })).body.result).toBe('admitted');
    expect((await s.request('POST', '/api/v1/checkins/undo', { token: scanner, body: {} })).status).toBe(403);
    const undone = await s.request('POST', '/api/v1/checkins/undo', { token: doorStaff, body: { showtimeId } });
    expect(undone.status).toBe(200);
    expect(undone.body.undone).toMatchObject({ result: 'admitted', ticketId: booking.tickets[0]!.id });
    expect((await s.request('POST', '/api/v1/checkins/undo', { token: doorStaff, body: {} })).body.error.code).toBe(
      'nothing_to_undo',
    );
    expect((await scan(doorStaff, { code, showtimeId })).body.result).toBe('admitted');
  });

  it('forged and damaged codes through the door are invalid and admit nothing', async () => {
    AT('2026-11-28T09:00:00Z');
    const { booking, showtimeId } = await paidBooking(s, { seats: 1 });
    AT('2026-11-28T18:45:00Z');
    const code = booking.tickets[0]!.code!;
    const forgeries = [
      code.slice(0, -1),
      code.slice(0, 40),
      `${code}0`,
      code.replace(/.$/, (c) => (c === '0' ? '1' : '0')),
      code.slice(0, 10) + (code[10] === 'A' ? 'B' : 'A') + code.slice(11),
      'HELLO',
      booking.reference,
    ];
    for (const forged of forgeries) {
      const answer = await scan(scanner, { code: forged, showtimeId });
      expect(answer.status).toBe(200);
      expect(answer.body.result).toBe('invalid');
    }
    expect((await s.request('GET', `/api/v1/showtimes/${showtimeId}/checkins`, { token: scanner })).body.admitted).toBe(
      0,
    );
  });

  it('key rotation: old codes stay valid until their show has passed; new codes use the new key', async () => {
    AT('2026-11-28T09:00:00Z');
    const { booking, showtimeId } = await paidBooking(s, { seats: 2 });
    const admin = await s.adminToken();
    const before = (await s.request('GET', '/api/v1/ticket-keys', { token: scanner })).body.items;
    const rotated = await s.request('POST', '/api/v1/ticket-keys/rotate', { token: admin, body: {} });
    expect(rotated.status).toBe(201);
    expect(rotated.body.retiredValidUntil).toBe('2026-11-28T20:55:00+00:00'); // the last show it signed ends (trailers + 100 min)
    const keys = (await s.request('GET', '/api/v1/ticket-keys', { token: scanner })).body.items;
    expect(keys).toHaveLength(before.length + 1);
    expect(keys.filter((k: { active: boolean }) => k.active)).toHaveLength(1);

    const fresh = await paidBooking(s, { seats: 1, showtime: { id: showtimeId } });
    expect(s.core.tickets.verify(fresh.booking.tickets[0]!.code!)?.keyId).toBe(rotated.body.keyId);

    AT('2026-11-28T18:45:00Z');
    expect((await scan(scanner, { code: booking.tickets[0]!.code, showtimeId })).body.result).toBe('admitted');
    expect((await scan(scanner, { code: fresh.booking.tickets[0]!.code, showtimeId })).body.result).toBe('admitted');
    AT('2026-11-28T20:56:00Z'); // after the show: the retired key no longer verifies anything
    expect(s.core.tickets.verify(booking.tickets[1]!.code!)).toBeNull();
    expect((await scan(scanner, { code: booking.tickets[1]!.code })).body.result).toBe('invalid');
    const after = (await s.request('GET', '/api/v1/ticket-keys', { token: scanner })).body.items;
    expect(after.map((k: { keyId: number }) => k.keyId)).toContain(rotated.body.keyId);
    expect(after.map((k: { keyId: number }) => k.keyId)).not.toContain(rotated.body.retiredKeyId);
  });

  it('who may scan: staff and scanners; kiosks and anonymous callers may not', async () => {
    expect((await scan(kiosk, { code: 'X' })).status).toBe(403);
    expect((await s.request('POST', '/api/v1/checkins', { body: { code: 'X' } })).status).toBe(401);
  });

  it('bad input is a 4xx with field paths and changes nothing', async () => {
    const before = databaseFingerprint(s.core);
    const bad = [
      {},
      { code: '' },
      { code: 'A'.repeat(201) },
      { code: 5 },
      { code: 'ABC', showtimeId: -1 },
      { code: 'ABC', nonce: '' },
      { code: 'ABC', nonce: 'with space' },
    ];
    for (const body of bad) {
      const answer = await scan(scanner, body);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('validation_failed');
    }
    expect(
      (
        await s.request('POST', '/api/v1/checkins', {
          token: scanner,
          raw: '{nope',
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(400);
    expect(
      (await s.request('POST', '/api/v1/checkins/undo', { token: cashier, body: { showtimeId: 'x' } })).status,
    ).toBe(400);
    expect((await s.request('GET', '/api/v1/showtimes/abc/checkins', { token: cashier })).status).toBe(400);
    expect(
      (await s.request('POST', '/api/v1/tickets/lookup', { token: cashier, body: { code: 'NOT-A-CODE-AT-ALL' } }))
        .status,
    ).toBe(400);
    expect((await s.request('POST', '/api/v1/devices/pair', { body: { pairingCode: 'AAAA-AAAA' } })).status).toBe(400);
    expect(databaseFingerprint(s.core)).toEqual(before);
  });
});

describe('devices and pickup', () => {
  it('pairing codes are one-time and expire; revoked devices lose access at once', async () => {
    AT('2026-11-28T10:00:00Z');
    const admin = await s.adminToken();
    const made = await s.request('POST', '/api/v1/devices', { token: admin, body: { name: 'Kiosk 3', role: 'kiosk' } });
    expect(made.body.pairingCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(made.body.device.status).toBe('awaiting_pairing');
    const pair = await s.request('POST', '/api/v1/devices/pair', {
      body: { pairingCode: made.body.pairingCode.toLowerCase().replace('-', ' ') },
    });
    expect(pair.status).toBe(200);
    expect(pair.body.device).toMatchObject({ role: 'kiosk', status: 'paired' });
    expect(
      (await s.request('POST', '/api/v1/devices/pair', { body: { pairingCode: made.body.pairingCode } })).status,
    ).toBe(400);
    const me = await s.request('GET', '/api/v1/auth/me', { token: pair.body.token });
    expect(me.body).toMatchObject({ kind: 'device', role: 'kiosk', name: 'Kiosk 3' });

    const late = await s.request('POST', '/api/v1/devices', {
      token: admin,
      body: { name: 'Door 9', role: 'scanner' },
    });
    clock().advance(11 * 60_000);
    expect(
      (await s.request('POST', '/api/v1/devices/pair', { body: { pairingCode: late.body.pairingCode } })).body.error
        .code,
    ).toBe('pairing_code_invalid');

    const list = await s.request('GET', '/api/v1/devices', { token: admin });
    expect(list.body.items.map((d: { name: string }) => d.name)).toEqual(
      expect.arrayContaining(['Door 1', 'Kiosk 3', 'Door 9']),
    );
    expect((await s.request('GET', '/api/v1/devices', { token: cashier })).status).toBe(403);
    expect((await s.request('DELETE', `/api/v1/devices/${made.body.device.id}`, { token: admin })).status).toBe(204);
    expect((await s.request('GET', '/api/v1/auth/me', { token: pair.body.token })).status).toBe(401);
  });

  it('pickup: a scanned ticket code or the reference finds the booking, for the counter and any kiosk', async () => {
    AT('2026-11-28T09:00:00Z');
    const { booking } = await paidBooking(s, { seats: 2 });
    for (const code of [booking.tickets[1]!.code!, booking.reference.toLowerCase()]) {
      for (const token of [cashier, kiosk]) {
        const found = await s.request('POST', '/api/v1/tickets/lookup', { token, body: { code } });
        expect(found.status).toBe(200);
        expect(found.body).toMatchObject({ id: booking.id, reference: booking.reference });
      }
    }
    expect(
      (await s.request('POST', '/api/v1/tickets/lookup', { token: scanner, body: { code: booking.reference } })).status,
    ).toBe(403);
    expect(
      (await s.request('POST', '/api/v1/tickets/lookup', { token: kiosk, body: { code: 'ACDEFGH' } })).status,
    ).toBe(404);
  });
});
