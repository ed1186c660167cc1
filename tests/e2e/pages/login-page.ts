import type { Locator, Page } from '@playwright/test';

/** The shared login: staff sign-in at /counter and /admin, device pairing at /kiosk. */
export class LoginPage {
  readonly username: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.username = page.getByLabel(/^(Username|Device account)$/);
    this.password = page.getByLabel('Password', { exact: true });
    this.submit = page.getByRole('button', { name: /^(Sign in|Pair kiosk)$/ });
    this.error = page.locator('.login__error');
    this.heading = page.getByRole('heading', { level: 1 });
  }

  async goto(path: '/counter' | '/kiosk' | '/admin'): Promise<void> {
    await this.page.goto(path);
    await this.username.waitFor();
  }

  async login(username: string, password: string): Promise<void> {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.submit.click();
  }
}
