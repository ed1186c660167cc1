import { expect, type Locator, type Page } from '@playwright/test';
import { LoginPage } from './login-page';

/**
 * The box office: the shift gate, the day's showtimes per screen, the selected show's details, and a sale
 * (seat map, basket, tender, done), the booking lookup and the shift close.
 */
export class CounterPage {
  readonly login: LoginPage;
  readonly cards: Locator;
  readonly selectedCard: Locator;
  readonly detail: Locator;
  readonly seatsLeft: Locator;
  readonly signedInUser: Locator;
  readonly logout: Locator;
  readonly screenColumns: Locator;
  readonly floatInput: Locator;
  readonly shiftChip: Locator;
  readonly sale: Locator;
  readonly seatMap: Locator;
  readonly basket: Locator;
  readonly basketLines: Locator;
  readonly basketTotal: Locator;
  readonly notice: Locator;
  readonly tender: Locator;
  readonly cashInput: Locator;
  readonly amountDue: Locator;
  readonly done: Locator;
  readonly changeDue: Locator;
  readonly reference: Locator;
  readonly cardUnavailable: Locator;
  readonly lookup: Locator;
  readonly lookupInput: Locator;
  readonly bookingDetail: Locator;
  readonly bookingStatus: Locator;
  readonly closeShift: Locator;
  readonly countedInput: Locator;
  readonly variance: Locator;
  readonly lockScreen: Locator;

  constructor(readonly page: Page) {
    this.login = new LoginPage(page);
    this.cards = page.getByTestId('showtime-card');
    this.selectedCard = page.locator('[data-testid="showtime-card"][aria-pressed="true"]');
    this.detail = page.getByTestId('showtime-detail');
    this.seatsLeft = page.getByTestId('seats-left');
    this.signedInUser = page.getByTestId('signed-in-user');
    this.logout = page.getByRole('button', { name: 'Log out' });
    this.screenColumns = page.locator('.board__column');
    this.floatInput = page.getByTestId('float-input');
    this.shiftChip = page.getByTestId('shift-chip');
    this.sale = page.getByTestId('sale');
    this.seatMap = page.getByRole('grid', { name: /^Seats for / });
    this.basket = page.getByTestId('basket');
    this.basketLines = page.getByTestId('basket-line');
    this.basketTotal = page.getByTestId('basket-total');
    this.notice = page.getByTestId('sale-notice');
    this.tender = page.getByTestId('tender');
    this.cashInput = page.getByTestId('cash-input');
    this.amountDue = page.getByTestId('amount-due');
    this.done = page.getByTestId('sale-done');
    this.changeDue = page.getByTestId('change-due');
    this.reference = page.getByTestId('booking-reference');
    this.cardUnavailable = page.getByTestId('card-unavailable');
    this.lookup = page.getByTestId('lookup');
    this.lookupInput = page.getByTestId('lookup-input');
    this.bookingDetail = page.getByTestId('booking-detail');
    this.bookingStatus = page.getByTestId('booking-status');
    this.closeShift = page.getByTestId('close-shift');
    this.countedInput = page.getByTestId('counted-input');
    this.variance = page.getByTestId('variance');
    this.lockScreen = page.getByTestId('lock-screen');
  }

  /** Signs in; opens the shift (float 100) when the counter asks for one. */
  async open(username: string, password: string): Promise<void> {
    await this.login.goto('/counter');
    await this.login.login(username, password);
    await this.ensureShift();
  }

  /** After sign-in: the schedule, or first the float of a new shift. */
  async ensureShift(float = '100'): Promise<void> {
    await expect(this.shiftChip.or(this.floatInput)).toBeVisible();
    if (await this.floatInput.isVisible()) {
      await this.floatInput.fill(float);
      await this.page.keyboard.press('Enter');
    }
    await expect(this.shiftChip).toBeVisible();
  }

  async waitForSchedule(): Promise<void> {
    await expect(this.cards.first()).toBeVisible();
  }

  /** Tomorrow's first show (nothing of it has started), `down` shows further down its screen, by keyboard. */
  async openTomorrowsShow(down = 0): Promise<void> {
    await this.waitForSchedule();
    await this.page.keyboard.press(']');
    await expect(this.page.locator('.day-picker__day[aria-current="date"]')).not.toContainText('Today');
    await this.waitForSchedule();
    await this.page.keyboard.press('ArrowDown'); // lands on the board at the selected show
    for (let step = 0; step < down; step += 1) await this.page.keyboard.press('ArrowDown');
    await expect(this.selectedCard).toBeFocused();
    await this.page.keyboard.press('Enter');
    await expect(this.seatMap).toBeVisible({ timeout: 20_000 }); // a 368-seat map on a busy test machine
    await expect(this.page.locator('.sale .seat-map__grid .seat[tabindex="0"]')).toBeFocused();
  }

  seat(seatId: number | string): Locator {
    return this.page.locator(`.sale .seat-map__grid .seat[data-seat-id="${seatId}"]`);
  }

  selectedSeats(): Locator {
    return this.page.locator('.sale .seat-map__grid .seat[data-view="selected"]');
  }
}
