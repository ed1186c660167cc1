import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';

/** Door mode (/door): sign in or pair, pick the show, scan codes, read the answer and the count. */
export class DoorPage {
  readonly username: Locator;
  readonly password: Locator;
  readonly signIn: Locator;
  readonly pairingCode: Locator;
  readonly pair: Locator;
  readonly show: Locator;
  readonly code: Locator;
  readonly answer: Locator;
  readonly count: Locator;
  readonly undo: Locator;
  readonly camera: Locator;

  constructor(readonly page: Page) {
    this.username = page.getByLabel('Username', { exact: true });
    this.password = page.getByLabel('Password', { exact: true });
    this.signIn = page.getByRole('button', { name: 'Sign in' });
    this.pairingCode = page.getByLabel('Door scanner pairing code');
    this.pair = page.getByRole('button', { name: 'Pair scanner' });
    this.show = page.getByLabel('Admitting');
    this.code = page.getByTestId('door-code');
    this.answer = page.getByTestId('door-answer');
    this.count = page.getByTestId('door-count');
    this.undo = page.getByRole('button', { name: 'Undo last admission' });
    this.camera = page.getByRole('button', { name: 'Use camera' });
  }

  async goto(): Promise<void> {
    await this.page.goto('/door');
    await this.username.waitFor();
  }

  async login(username: string, password: string): Promise<void> {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.signIn.click();
    await expect(this.code).toBeVisible();
  }

  async pairWith(code: string): Promise<void> {
    await this.pairingCode.fill(code);
    await this.pair.click();
    await expect(this.code).toBeVisible();
  }

  async chooseShow(showtimeId: number): Promise<void> {
    await this.show.selectOption(String(showtimeId));
  }

  /**
   * What a keyboard-wedge scanner does: keystrokes into whatever has the focus, then Enter. The first
   * characters are real key presses; the rest is inserted at once (a hundred CDP key events per scan
   * would only slow the test down, not test more).
   */
  async scan(code: string): Promise<void> {
    await expect(this.code).toBeFocused();
    await this.page.keyboard.type(code.slice(0, 4));
    await this.page.keyboard.insertText(code.slice(4));
    await this.page.keyboard.press('Enter');
  }

  async expectAnswer(result: string, headline: string | RegExp): Promise<void> {
    await expect(this.answer).toHaveAttribute('data-result', result);
    await expect(this.answer).toContainText(headline);
  }
}

/** Test data through the public API: a show starting in ten minutes on a screen of its own, paid tickets. */
export async function paidTicketsForSoonShow(request: APIRequestContext, adminPassword: string, seats = 3) {
  const login = await request.post('/api/v1/auth/login', { data: { username: 'admin', password: adminPassword } });
  const token = ((await login.json()) as { token: string }).token;
  const headers = { authorization: `Bearer ${token}` };
  const ok = async <T>(response: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> => {
    if (!response.ok()) throw new Error(`${response.url()} ${response.status()} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const theaters = await ok<{ items: { id: number }[] }>(await request.get('/api/v1/theaters'));
  const theaterId = theaters.items[0]!.id;
  const screen = await ok<{ id: number; name: string }>(
    await request.post(`/api/v1/theaters/${theaterId}/screens`, {
      headers,
      data: {
        name: `Door test ${Date.now().toString(36)}`,
        layout: { rows: [{ label: 'A', seats: [1, 2, 3, 4, 5, 6].map((number) => ({ number, type: 'standard' })) }] },
      },
    }),
  );
  const movies = await ok<{ items: { id: number; title: string }[] }>(await request.get('/api/v1/movies?limit=1'));
  const movie = movies.items[0]!;
  const startsAt = new Date(Math.ceil((Date.now() + 10 * 60_000) / 60_000) * 60_000).toISOString();
  const showtime = await ok<{ id: number }>(
    await request.post('/api/v1/showtimes', { headers, data: { movieId: movie.id, screenId: screen.id, startsAt } }),
  );
  const hold = await ok<{ id: number; seatIds: number[] }>(
    await request.post(`/api/v1/showtimes/${showtime.id}/holds`, { headers, data: { quantity: seats } }),
  );
  const booking = await ok<{ id: number; amountDue: number }>(
    await request.post('/api/v1/bookings', {
      headers,
      data: { holdId: hold.id, tickets: hold.seatIds.map((seatId) => ({ seatId, ticketType: 'adult' })) },
    }),
  );
  await ok(
    await request.post(`/api/v1/bookings/${booking.id}/payments`, {
      headers,
      data: { method: 'external', amount: booking.amountDue, reference: `door-e2e-${booking.id}` },
    }),
  );
  const paid = await ok<{ id: number; reference: string; tickets: { id: number; code: string; seatLabel: string }[] }>(
    await request.get(`/api/v1/bookings/${booking.id}`, { headers }),
  );
  return { token, headers, showtimeId: showtime.id, movie, screen, booking: paid };
}
