import { expect, type Locator, type Page } from '@playwright/test';
import { LoginPage } from './login-page';

/** The box office: showtimes per screen, the selected show's details, shortcuts. */
export class CounterPage {
  readonly login: LoginPage;
  readonly cards: Locator;
  readonly selectedCard: Locator;
  readonly detail: Locator;
  readonly seatsLeft: Locator;
  readonly signedInUser: Locator;
  readonly logout: Locator;
  readonly screenColumns: Locator;

  constructor(readonly page: Page) {
    this.login = new LoginPage(page);
    this.cards = page.getByTestId('showtime-card');
    this.selectedCard = page.locator('[data-testid="showtime-card"][aria-pressed="true"]');
    this.detail = page.getByTestId('showtime-detail');
    this.seatsLeft = page.getByTestId('seats-left');
    this.signedInUser = page.getByTestId('signed-in-user');
    this.logout = page.getByRole('button', { name: 'Log out' });
    this.screenColumns = page.locator('.board__column');
  }

  async open(username: string, password: string): Promise<void> {
    await this.login.goto('/counter');
    await this.login.login(username, password);
    await expect(this.signedInUser).toHaveText(username);
  }

  async waitForSchedule(): Promise<void> {
    await expect(this.cards.first()).toBeVisible();
  }
}
