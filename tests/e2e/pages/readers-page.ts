import { expect, type Locator, type Page } from '@playwright/test';

/** Admin → Devices → Card readers: the register form and the reader table. */
export class ReadersPage {
  readonly panel: Locator;
  readonly pairingCode: Locator;
  readonly label: Locator;
  readonly driven: Locator;
  readonly standsAt: Locator;
  readonly register: Locator;
  readonly table: Locator;
  readonly notice: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('readers');
    this.pairingCode = this.panel.getByLabel('Pairing code');
    this.label = this.panel.getByLabel('Label', { exact: true });
    this.driven = this.panel.getByLabel('Driven', { exact: true });
    this.standsAt = this.panel.getByLabel('Stands at', { exact: true });
    this.register = this.panel.getByRole('button', { name: 'Register reader' });
    this.table = page.getByTestId('reader-table');
    this.notice = page.getByTestId('reader-notice');
    this.error = page.getByTestId('reader-error');
  }

  async goto(username: string, password: string): Promise<void> {
    await this.page.goto('/admin/devices');
    await this.page.getByLabel('Username', { exact: true }).fill(username);
    await this.page.getByLabel('Password', { exact: true }).fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await expect(this.table).toBeVisible();
  }

  row(label: string): Locator {
    return this.table.locator('tbody tr').filter({ has: this.page.getByRole('rowheader', { name: label }) });
  }

  drivenOf(label: string): Locator {
    return this.page.getByRole('combobox', { name: `How ${label} is driven` });
  }

  placeOf(label: string): Locator {
    return this.page.getByRole('combobox', { name: `Where ${label} stands` });
  }
}
