import { expect, type Locator, type Page } from '@playwright/test';
import { LoginPage } from './login-page';

/** Admin → Settings: its tabs (Theater, Kiosks, Card payments, Printers) and their forms. */
export class SettingsPage {
  readonly login: LoginPage;
  readonly nav: Locator;
  readonly tabs: Locator;
  readonly theaterPicker: Locator;

  constructor(readonly page: Page) {
    this.login = new LoginPage(page);
    this.nav = page.getByRole('navigation', { name: 'Sections' });
    this.tabs = page.getByRole('navigation', { name: 'Settings' });
    this.theaterPicker = page.getByRole('combobox', { name: 'Theater', exact: true });
  }

  async open(username: string, password: string): Promise<void> {
    await this.login.goto('/admin');
    await this.login.login(username, password);
    await expect(this.page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
    await this.nav.getByRole('link', { name: 'Settings' }).click();
    await expect(this.page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  }

  async tab(name: 'Theater' | 'Kiosks' | 'Card payments' | 'Printers'): Promise<void> {
    await this.tabs.getByRole('link', { name }).click();
    await expect(this.tabs.getByRole('link', { name })).toHaveAttribute('aria-current', 'page');
  }

  field(label: string | RegExp): Locator {
    return this.page.getByLabel(label);
  }

  button(name: string | RegExp): Locator {
    return this.page.getByRole('button', { name });
  }

  status(text: string | RegExp): Locator {
    return this.page.getByRole('status').filter({ hasText: text });
  }
}
