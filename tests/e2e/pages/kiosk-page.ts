import { expect, type Locator, type Page } from '@playwright/test';
import type { ImageState } from '../support/browser';
import { LoginPage } from './login-page';

/** The customer kiosk: pairing once, then the attract screen of posters. */
export class KioskPage {
  readonly login: LoginPage;
  readonly films: Locator;
  readonly posterImages: Locator;
  readonly easyRead: Locator;
  readonly allFilms: Locator;
  readonly title: Locator;

  constructor(readonly page: Page) {
    this.login = new LoginPage(page);
    this.films = page.getByTestId('kiosk-film');
    this.posterImages = page.locator('[data-testid="kiosk-film"] img.poster__image');
    this.easyRead = page.getByRole('button', { name: /Easy to read/ });
    this.allFilms = page.getByRole('button', { name: 'All films' });
    this.title = page.getByRole('heading', { level: 1 });
  }

  async pair(username: string, password: string): Promise<void> {
    await this.login.goto('/kiosk');
    await expect(this.login.heading).toHaveText('Pair this kiosk');
    await this.login.login(username, password);
    await this.waitForAttract();
  }

  async waitForAttract(): Promise<void> {
    await expect(this.films.first()).toBeVisible();
  }

  /** Every poster image on screen has loaded and decoded real pixels (not a broken image). */
  async expectPostersLoaded(): Promise<void> {
    await expect
      .poll(() =>
        this.posterImages.evaluateAll(
          (images) =>
            images.length > 0 &&
            images.every((element) => {
              const image = element as unknown as ImageState;
              return image.complete && image.naturalWidth > 0;
            }),
        ),
      )
      .toBe(true);
    // Loaded is not yet painted: wait for decoding too, so screenshots show the posters.
    await this.posterImages.evaluateAll((images) =>
      Promise.all(images.map((element) => (element as unknown as ImageState).decode())),
    );
  }
}
