import { expect, type Locator, type Page } from '@playwright/test';
import { LoginPage } from './login-page';

/** Admin sections beyond films: navigation, the dashboard, the seat-layout editor, the week schedule and reports. */
export class AdminSectionsPage {
  readonly login: LoginPage;
  readonly nav: Locator;
  readonly theaterPicker: Locator;
  readonly editor: Locator;
  readonly grid: Locator;

  constructor(readonly page: Page) {
    this.login = new LoginPage(page);
    this.nav = page.getByRole('navigation', { name: 'Sections' });
    this.theaterPicker = page.getByLabel('Theater', { exact: true });
    this.editor = page.locator('section.screen-editor');
    this.grid = page.getByRole('grid', { name: 'Seat layout' });
  }

  async open(username: string, password: string): Promise<void> {
    await this.login.goto('/admin');
    await this.login.login(username, password);
    await expect(this.page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  }

  async go(section: 'Dashboard' | 'Films' | 'Theaters & screens' | 'Schedule' | 'Reports'): Promise<void> {
    await this.nav.getByRole('link', { name: section }).click();
    const heading = section;
    await expect(this.page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
  }

  cell(row: string, seat: number): Locator {
    return this.grid.getByRole('button', { name: new RegExp(`^Row ${row}, seat ${seat},`) });
  }

  button(name: string | RegExp): Locator {
    return this.page.getByRole('button', { name });
  }

  alert(): Locator {
    return this.page.getByRole('alert');
  }
}
