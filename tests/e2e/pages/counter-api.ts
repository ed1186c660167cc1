/**
 * The box office's API as a second client in the counter tests: another till holding a seat, a sale
 * made without the UI, and the checks of what the UI did (the booking, the shift). HTTP RPC with a
 * bearer token, exactly as the browser build talks.
 */
import { randomUUID } from 'node:crypto';
import { baseUrl, E2E_PASSWORD } from '../support/env';

export class RpcError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`RPC failed: ${status} ${code}`);
  }
}

export class CounterApi {
  private constructor(readonly token: string) {}

  static async login(username: string, password = E2E_PASSWORD): Promise<CounterApi> {
    const session = await rawCall<{ token: string }>(null, 'auth.login', { username, password });
    return new CounterApi(session.token);
  }

  call<T = Record<string, unknown>>(name: string, input: unknown, idempotent = false): Promise<T> {
    return rawCall<T>(this.token, name, input, idempotent ? randomUUID() : undefined);
  }
}

async function rawCall<T>(token: string | null, name: string, input: unknown, key?: string): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers['authorization'] = `Bearer ${token}`;
  if (key) headers['idempotency-key'] = key;
  const response = await fetch(`${baseUrl()}/rpc/${name}`, { method: 'POST', headers, body: JSON.stringify(input) });
  const text = await response.text();
  const body = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const code = (body as { error?: { code?: string } } | undefined)?.error?.code ?? 'unknown';
    throw new RpcError(response.status, code);
  }
  return body as T;
}

/** A fresh cashier of the demo theater, so a test may open and close a shift without touching others'. */
export async function createCashier(prefix: string, options: { pin?: string } = {}): Promise<string> {
  const admin = await CounterApi.login('admin');
  const theaters = await admin.call<{ items: Array<{ id: number }> }>('theaters.list', {});
  const username = `${prefix}${Date.now().toString(36)}`;
  const user = await admin.call<{ id: number }>('users.create', {
    username,
    password: E2E_PASSWORD,
    role: 'cashier',
    name: `Cashier ${username}`,
    theaterIds: theaters.items.map((theater) => theater.id),
  });
  if (options.pin !== undefined) await admin.call('users.setPin', { userId: user.id, pin: options.pin });
  return username;
}

/** A booking as the tests read it back. */
export interface SoldBooking {
  id: number;
  reference: string;
  status: string;
  showtimeId: number;
  total: number;
  amountPaid: number;
  amountRefunded: number;
  tickets: Array<{ ticketType: string; seatLabel: string; price: number; status: string }>;
  payments: Array<{ id: number; method: string; amount: number; status: string }>;
}

/** A paid sale of `count` best seats on tomorrow's last show, made over the API from the caller's shift. */
export async function sellOverApi(api: CounterApi, count: number): Promise<SoldBooking> {
  const theaters = await api.call<{ items: Array<{ id: number; timeZone: string }> }>('theaters.list', {});
  const theater = theaters.items[0];
  const tomorrow = new Date(Date.now() + 24 * 3600_000).toISOString().slice(0, 10);
  const shows = await api.call<{ items: Array<{ id: number; seatsAvailable: number }> }>('showtimes.list', {
    theaterId: theater?.id,
    date: tomorrow,
    limit: 200,
  });
  const show = [...shows.items].reverse().find((item) => item.seatsAvailable >= count);
  const hold = await api.call<{ id: number; seatIds: number[] }>('holds.create', {
    showtimeId: show?.id,
    quantity: count,
  });
  const booking = await api.call<SoldBooking>(
    'bookings.create',
    { holdId: hold.id, tickets: hold.seatIds.map((seatId) => ({ seatId, ticketType: 'adult' })) },
    true,
  );
  await api.call(
    'payments.create',
    { bookingId: booking.id, method: 'cash', amount: booking.total, tendered: booking.total },
    true,
  );
  return api.call<SoldBooking>('bookings.get', { bookingId: booking.id });
}
