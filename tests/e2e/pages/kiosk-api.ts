import { expect, type APIRequestContext } from '@playwright/test';
import { E2E_PASSWORD } from '../support/env';

/** The box office's HTTP RPC as the kiosk tests use it: set up bookings and check seats behind the screen. */
export class KioskApi {
  private token: string | null = null;

  constructor(private readonly request: APIRequestContext) {}

  async login(username: string): Promise<this> {
    const session = await this.call<{ token: string }>('auth.login', { username, password: E2E_PASSWORD });
    this.token = session.token;
    return this;
  }

  async call<T>(name: string, input: unknown): Promise<T> {
    const response = await this.request.post(`/rpc/${name}`, {
      data: input ?? {},
      headers: this.token ? { authorization: `Bearer ${this.token}` } : {},
    });
    expect(response.ok(), `${name}: ${response.status()} ${await response.text()}`).toBe(true);
    return response.status() === 204 ? (undefined as T) : ((await response.json()) as T);
  }

  /** A kiosk device of the demo theater, as an admin adds it in Admin → Devices: its id and pairing code. */
  async newKiosk(name: string): Promise<{ id: number; pairingCode: string }> {
    const theaters = await this.call<{ items: { id: number }[] }>('theaters.list', {});
    const created = await this.call<{ device: { id: number }; pairingCode: string }>('devices.create', {
      name,
      role: 'kiosk',
      theaterId: theaters.items[0]?.id,
    });
    return { id: created.device.id, pairingCode: created.pairingCode };
  }

  async seatStatuses(showtimeId: number, seatIds: readonly number[]): Promise<string[]> {
    const map = await this.call<{ seats: { id: number; status: string }[] }>('seatmap.get', { showtimeId });
    return seatIds.map((seatId) => map.seats.find((seat) => seat.id === seatId)?.status ?? 'missing');
  }

  /** A booking paid in full (an external payment taken by an admin), as the cinema's website would make. */
  async paidBooking(showtimeId: number, quantity: number): Promise<{ reference: string; id: number }> {
    const hold = await this.call<{ id: number; seatIds: number[] }>('holds.create', { showtimeId, quantity });
    const booking = await this.call<{ id: number; reference: string; total: number }>('bookings.create', {
      holdId: hold.id,
      tickets: hold.seatIds.map((seatId) => ({ seatId, ticketType: 'adult' })),
    });
    await this.call('payments.create', {
      bookingId: booking.id,
      method: 'external',
      amount: booking.total,
      reference: `web-${booking.reference}`,
    });
    return booking;
  }

  /** A showtime later today (or the next one) with plenty of free seats. */
  async upcomingShowtime(): Promise<{ id: number; movieTitle: string }> {
    const page = await this.call<{
      items: { id: number; movieTitle: string; seatsAvailable: number; startsAt: string }[];
    }>('showtimes.list', { limit: 50 });
    const showtime = page.items.find((item) => item.seatsAvailable > 20 && Date.parse(item.startsAt) > Date.now());
    if (!showtime) throw new Error('no upcoming showtime with free seats');
    return showtime;
  }
}
