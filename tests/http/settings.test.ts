/**
 * Admin → Settings over HTTP: theater details (admins, and that theater's manager), kiosk options
 * (admins; the kiosk reads them), and the Stripe keys (admins; stored encrypted, never answered, logged or
 * audited in clear; the environment wins). The fake Stripe server answers the connection test.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SECRET_KEY_FILE } from '../../src/main/settings/index';
import { seedShowtime, startTestServer, type TestServer } from '../support/harness';
import { databaseFingerprint } from '../support/snapshot';
import { paidBooking } from '../support/tickets';
import { startFakeStripe, type FakeStripe } from '../support/fake-stripe';

const SECRET = 'sk_test_51SettingsSecretKeyAbCdEf4242';
const WEBHOOK = 'whsec_SettingsWebhookSecret9876';

let fake: FakeStripe;
beforeAll(async () => {
  fake = await startFakeStripe();
});
afterAll(async () => {
  await fake.stop();
});

/** Everything written to the console while `run` runs (the server's log). */
async function captureLog<T>(run: () => Promise<T>): Promise<{ result: T; log: string }> {
  const lines: string[] = [];
  const spies = (['log', 'error', 'warn', 'info'] as const).map((name) =>
    vi.spyOn(console, name).mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    }),
  );
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    return { result: await run(), log: lines.join('\n') };
  } finally {
    for (const spy of spies) spy.mockRestore();
    stdout.mockRestore();
  }
}

function filesOf(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesOf(path) : [path];
  });
}

describe('theater details and kiosk options', () => {
  let s: TestServer;
  let admin: string;
  let theaterA: { id: number };
  let theaterB: { id: number };
  let manager: string;
  let cashier: string;

  beforeAll(async () => {
    s = await startTestServer();
    admin = await s.adminToken();
    theaterA = (await seedShowtime(s)).theater;
    theaterB = await s.call('theaters.create', { name: 'Other', timeZone: 'Europe/Paris', currency: 'EUR' });
    manager = (await s.userToken('manager', [theaterA.id])).token;
    cashier = (await s.userToken('cashier', [theaterA.id])).token;
  });
  afterAll(async () => {
    await s.close();
  });

  const details = {
    name: 'Riverside Picturehouse',
    address: '1 River Walk, Bristol BS1 4AA',
    phone: '+44 117 496 0000',
    vatNumber: 'GB 123 4567 89',
    doorOpensMinutes: 45,
    cleaningMinutes: 20,
    cancelCutoffMinutes: 60,
    refundApprovalAbove: 5000,
  };

  it('a manager edits their own theater: every detail is saved, answered and audited', async () => {
    const res = await s.request('PATCH', `/api/v1/theaters/${theaterA.id}`, { token: manager, body: details });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject(details);
    const read = await s.request('GET', `/api/v1/theaters/${theaterA.id}`);
    expect(read.body).toMatchObject(details);
    const audit = await s.call('audit.list', { action: 'theater.update' });
    expect(audit.items[0]).toMatchObject({ entity: 'theater', entityId: theaterA.id });
    expect(audit.items[0]!.data).toMatchObject({ vatNumber: 'GB 123 4567 89', doorOpensMinutes: 45 });
  });

  it('a manager may not edit another theater (404), a cashier none (403), nor a manager the kiosk options (403)', async () => {
    const before = databaseFingerprint(s.core);
    expect(
      (await s.request('PATCH', `/api/v1/theaters/${theaterB.id}`, { token: manager, body: { phone: '1' } })).status,
    ).toBe(404);
    expect(
      (await s.request('PATCH', `/api/v1/theaters/${theaterA.id}`, { token: cashier, body: { phone: '1' } })).status,
    ).toBe(403);
    const kiosk = { idleSeconds: 60, holdMinutes: 4, largeText: true, paymentMethods: ['card'] };
    expect(
      (await s.request('PUT', `/api/v1/theaters/${theaterA.id}/kiosk`, { token: manager, body: kiosk })).status,
    ).toBe(403);
    expect(
      (await s.request('PUT', `/api/v1/theaters/${theaterA.id}/kiosk`, { token: cashier, body: kiosk })).status,
    ).toBe(403);
    expect(databaseFingerprint(s.core)).toEqual(before);
  });

  it('bad input is 400 with the field named and changes nothing', async () => {
    const before = databaseFingerprint(s.core);
    const cases: [string, string, unknown, string][] = [
      ['PATCH', `/api/v1/theaters/${theaterA.id}`, { phone: 'call us' }, 'phone'],
      ['PATCH', `/api/v1/theaters/${theaterA.id}`, { doorOpensMinutes: 999 }, 'doorOpensMinutes'],
      ['PATCH', `/api/v1/theaters/${theaterA.id}`, { cleaningMinutes: -1 }, 'cleaningMinutes'],
      ['PATCH', `/api/v1/theaters/${theaterA.id}`, { vatNumber: 'x'.repeat(41) }, 'vatNumber'],
      ['PATCH', `/api/v1/theaters/${theaterA.id}`, { refundApprovalAbove: -5 }, 'refundApprovalAbove'],
      [
        'PUT',
        `/api/v1/theaters/${theaterA.id}/kiosk`,
        { idleSeconds: 5, holdMinutes: 4, largeText: false, paymentMethods: [] },
        'idleSeconds',
      ],
      [
        'PUT',
        `/api/v1/theaters/${theaterA.id}/kiosk`,
        { idleSeconds: 60, holdMinutes: 4, largeText: false, paymentMethods: ['cash'] },
        'paymentMethods.0',
      ],
      ['PUT', '/api/v1/settings/stripe', { secretKey: 'not-a-key' }, 'secretKey'],
      ['PUT', '/api/v1/settings/stripe', { webhookSecret: 'sk_test_12345678' }, 'webhookSecret'],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await s.request(method, path, { token: admin, body });
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
    }
    expect(databaseFingerprint(s.core)).toEqual(before);
  });

  it("the kiosk options reach the kiosk: its theater says them, and its holds last the kiosk's minutes", async () => {
    const set = await s.request('PUT', `/api/v1/theaters/${theaterA.id}/kiosk`, {
      token: admin,
      body: { idleSeconds: 90, holdMinutes: 3, largeText: true, paymentMethods: [] },
    });
    expect(set.status).toBe(200);
    expect(set.body.kiosk).toEqual({ idleSeconds: 90, holdMinutes: 3, largeText: true, paymentMethods: [] });
    const audit = await s.call('audit.list', { action: 'theater.kiosk' });
    expect(audit.items[0]!.data).toMatchObject({ after: { idleSeconds: 90, largeText: true, paymentMethods: [] } });

    const device = await s.request('POST', '/api/v1/devices', {
      token: admin,
      body: { name: 'Kiosk 1', role: 'kiosk', theaterIds: [theaterA.id] },
    });
    expect(device.status).toBe(201);
    const paired = await s.request('POST', '/api/v1/devices/pair', { body: { pairingCode: device.body.pairingCode } });
    const kiosk = paired.body.token as string;
    const list = await s.request('GET', '/api/v1/theaters', { token: kiosk });
    const mine = list.body.items.find((item: { id: number }) => item.id === theaterA.id);
    expect(mine.kiosk).toEqual({ idleSeconds: 90, holdMinutes: 3, largeText: true, paymentMethods: [] });

    const showtime = (await s.request('GET', `/api/v1/showtimes?theaterId=${theaterA.id}&date=2026-11-28`)).body
      .items[0];
    const hold = await s.request('POST', `/api/v1/showtimes/${showtime.id}/holds`, {
      token: kiosk,
      body: { quantity: 1 },
    });
    expect(hold.status).toBe(201);
    expect(Date.parse(hold.body.expiresAt) - s.clock.now()).toBe(3 * 60_000);
    await s.request('DELETE', `/api/v1/holds/${hold.body.id}`, { token: kiosk });
  });

  it('the door opens as the theater says', async () => {
    const { showtime, theater } = await seedShowtime(s, { startsAt: '2026-11-28T20:00:00Z' });
    const opensAt = async () =>
      Date.parse((await s.request('GET', `/api/v1/showtimes/${showtime.id}/checkins`, { token: admin })).body.opensAt);
    expect(await opensAt()).toBe(Date.parse('2026-11-28T19:30:00Z'));
    await s.request('PATCH', `/api/v1/theaters/${theater.id}`, { token: admin, body: { doorOpensMinutes: 90 } });
    expect(await opensAt()).toBe(Date.parse('2026-11-28T18:30:00Z'));
  });

  it('new screens start with the theater’s cleaning minutes', async () => {
    const theater = await s.call('theaters.create', {
      name: 'Clean',
      timeZone: 'Europe/London',
      currency: 'GBP',
      cleaningMinutes: 25,
    });
    const screen = await s.call('screens.create', {
      theaterId: theater.id,
      name: 'One',
      layout: { rows: [{ label: 'A', seats: [{ number: 1, type: 'standard' }] }] },
    });
    expect(screen.cleaningMinutes).toBe(25);
  });

  it('the receipt carries the address, phone and VAT number; the ticket the address', async () => {
    const { booking, seeded } = await paidBooking(s, { startsAt: '2026-11-28T21:00:00Z' });
    await s.request('PATCH', `/api/v1/theaters/${seeded!.theater.id}`, {
      token: admin,
      body: { address: '9 Quay St, Bristol', phone: '0117 000 0000', vatNumber: 'GB999' },
    });
    const html = await s.request('GET', `/api/v1/bookings/${booking.id}/tickets.html?receipt=true`, { token: admin });
    expect(html.status).toBe(200);
    const text = String(html.body.html);
    expect(text).toContain('9 Quay St, Bristol');
    expect(text).toContain('Tel. 0117 000 0000');
    expect(text).toContain('VAT no. GB999');
  });
});

describe('Stripe keys entered in the settings', () => {
  let s: TestServer;
  let admin: string;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'marquee-settings-'));
    s = await startTestServer({ dataDir, stripe: { environment: { apiBase: fake.url }, pollIntervalMs: 0 } });
    admin = await s.adminToken();
  });
  afterAll(async () => {
    await s.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  afterEach(() => fake.reset());

  it('without a key: not configured, and the connection test says so', async () => {
    const status = await s.request('GET', '/api/v1/settings/stripe', { token: admin });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({
      configured: false,
      secretKey: { set: false, source: 'none', last4: null },
      storage: 'data-folder-key',
    });
    expect((await s.request('POST', '/api/v1/settings/stripe/test', { token: admin })).body.error.code).toBe(
      'payments_not_configured',
    );
  });

  it('only admins see or change them', async () => {
    const { token: manager } = await s.userToken('manager');
    const { token: cashier } = await s.userToken('cashier');
    for (const token of [manager, cashier]) {
      expect((await s.request('GET', '/api/v1/settings/stripe', { token })).status).toBe(403);
      expect((await s.request('PUT', '/api/v1/settings/stripe', { token, body: { secretKey: SECRET } })).status).toBe(
        403,
      );
      expect((await s.request('POST', '/api/v1/settings/stripe/test', { token })).status).toBe(403);
    }
    expect((await s.request('GET', '/api/v1/settings/stripe')).status).toBe(401);
  });

  it('set: card payments work at once, the keys never appear in an answer, the audit log, the log or the database', async () => {
    const { result, log } = await captureLog(async () => {
      const put = await s.request('PUT', '/api/v1/settings/stripe', {
        token: admin,
        body: { secretKey: SECRET, webhookSecret: WEBHOOK },
      });
      const get = await s.request('GET', '/api/v1/settings/stripe', { token: admin });
      const test = await s.request('POST', '/api/v1/settings/stripe/test', { token: admin });
      const audit = await s.request('GET', '/api/v1/audit-log?action=settings', { token: admin });
      const openapi = await s.request('GET', '/api/v1/openapi.json');
      return { put, get, test, audit, openapi };
    });
    expect(result.put.status).toBe(200);
    expect(result.put.body).toMatchObject({
      configured: true,
      mode: 'test',
      secretKey: { set: true, source: 'settings', last4: '4242', updatedBy: 'admin' },
      webhookSecret: { set: true, source: 'settings', last4: '9876' },
    });
    expect(result.put.body.secretKey.updatedAt).toMatch(/^2026-11-28T09:00:00/);
    expect(result.test.body).toEqual({ ok: true, livemode: false, message: 'Connected to Stripe (test mode).' });
    expect(fake.count('balance.retrieve')).toBe(1);
    expect(fake.lastKey).toBe(SECRET);
    expect(result.audit.body.items[0]).toMatchObject({ action: 'settings.stripe', entity: 'settings' });
    expect(result.audit.body.items[0].data).toEqual({
      secretKey: 'set, ends in …4242',
      webhookSecret: 'set, ends in …9876',
    });

    const everything = [
      JSON.stringify(result.put.body),
      JSON.stringify(result.get.body),
      JSON.stringify(result.test.body),
      JSON.stringify(result.audit.body),
      log,
    ].join('\n');
    for (const secret of [SECRET, WEBHOOK, SECRET.slice(0, -4), WEBHOOK.slice(0, -4)]) {
      expect(everything).not.toContain(secret);
      for (const file of filesOf(dataDir)) expect(readFileSync(file).includes(secret), file).toBe(false);
    }
    // The data folder's key file is the owner's only.
    expect(statSync(join(dataDir, SECRET_KEY_FILE)).mode & 0o777).toBe(0o600);

    // Card payments are on without a restart: a reader registers with Stripe.
    const { theater } = await seedShowtime(s);
    const reader = await s.request('POST', '/api/v1/readers', {
      token: admin,
      body: { registrationCode: 'simulated-wpe', label: 'Till 1', theaterId: theater.id },
    });
    expect(reader.status).toBe(201);
  });

  it('a wrong key: the connection test says Stripe refused it', async () => {
    await s.request('PUT', '/api/v1/settings/stripe', { token: admin, body: { secretKey: 'sk_test_invalid12345678' } });
    const test = await s.request('POST', '/api/v1/settings/stripe/test', { token: admin });
    expect(test.status).toBe(200);
    expect(test.body).toMatchObject({ ok: false, livemode: null });
    expect(test.body.message).toContain('refused');
    expect(test.body.message).not.toContain('invalid12345678');
  });

  it('kept encrypted across a restart; cleared turns card payments off', async () => {
    await s.request('PUT', '/api/v1/settings/stripe', { token: admin, body: { secretKey: SECRET } });
    await s.close();
    s = await startTestServer({ dataDir, stripe: { environment: { apiBase: fake.url }, pollIntervalMs: 0 } });
    admin = await s.adminToken();
    const after = await s.request('GET', '/api/v1/settings/stripe', { token: admin });
    expect(after.body).toMatchObject({ configured: true, secretKey: { set: true, last4: '4242' } });
    expect((await s.request('POST', '/api/v1/settings/stripe/test', { token: admin })).body.ok).toBe(true);

    const cleared = await s.request('PUT', '/api/v1/settings/stripe', {
      token: admin,
      body: { secretKey: null, webhookSecret: null },
    });
    expect(cleared.body).toMatchObject({ configured: false, secretKey: { set: false, source: 'none' } });
    const { theater } = await seedShowtime(s);
    const reader = await s.request('POST', '/api/v1/readers', {
      token: admin,
      body: { registrationCode: 'simulated-wpe', label: 'Till 2', theaterId: theater.id },
    });
    expect(reader.status).toBe(409);
    expect(reader.body.error.code).toBe('payments_not_configured');
  });
});

describe('the environment wins over stored keys', () => {
  it('STRIPE_SECRET_KEY in use while a stored key waits; the status says where each comes from', async () => {
    const envKey = 'sk_test_FromTheEnvironment1111';
    const s = await startTestServer({
      stripe: { environment: { secretKey: envKey, apiBase: fake.url }, pollIntervalMs: 0 },
    });
    try {
      const admin = await s.adminToken();
      const before = await s.request('GET', '/api/v1/settings/stripe', { token: admin });
      expect(before.body).toMatchObject({
        configured: true,
        secretKey: { set: true, source: 'environment', last4: '1111' },
        webhookSecret: { set: false, source: 'none' },
      });
      const put = await s.request('PUT', '/api/v1/settings/stripe', {
        token: admin,
        body: { secretKey: SECRET, webhookSecret: WEBHOOK },
      });
      // The environment's key still wins; the stored webhook secret is used (the environment has none).
      expect(put.body).toMatchObject({
        secretKey: { source: 'environment', last4: '1111', updatedBy: 'admin' },
        webhookSecret: { source: 'settings', last4: '9876' },
      });
      expect(JSON.stringify(put.body)).not.toContain(envKey);
      await s.request('POST', '/api/v1/settings/stripe/test', { token: admin });
      expect(fake.lastKey).toBe(envKey);
    } finally {
      await s.close();
    }
  });
});
