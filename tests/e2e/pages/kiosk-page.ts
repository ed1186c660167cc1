import { expect, type Locator, type Page } from '@playwright/test';
import type { ImageState } from '../support/browser';
import { LoginPage } from './login-page';

const DEMO_TITLES =
  /The Last Lighthouse|Neon Tide|Paper Foxes|Ashfall Protocol|A Quiet Orbit|Midnight at the Marigold|The Hollow Choir|Saltwater Kings|Glass Meridian|Wild Summer Radio/;

/**
 * The customer kiosk: pairing once, the attract screen of posters, and the sale's screens. `tap()` is how a
 * customer touches it; `taps` counts every tap made through this page model (the 7-tap target).
 */
export class KioskPage {
  readonly login: LoginPage;
  readonly films: Locator;
  readonly posterImages: Locator;
  readonly easyRead: Locator;
  readonly lowered: Locator;
  readonly title: Locator;
  readonly startOver: Locator;
  readonly back: Locator;
  readonly language: Locator;
  readonly buy: Locator;
  readonly collect: Locator;
  readonly times: Locator;
  readonly toSeats: Locator;
  readonly toSummary: Locator;
  readonly pay: Locator;
  readonly presentCard: Locator;
  readonly outOfService: Locator;
  readonly seatMap: Locator;
  readonly selectedSeats: Locator;
  readonly idleDialog: Locator;
  readonly stillHere: Locator;
  readonly total: Locator;
  readonly reference: Locator;
  readonly qr: Locator;
  readonly steps: Locator;
  readonly serverAddress: Locator;
  readonly pairingCode: Locator;
  readonly connect: Locator;
  readonly useAccount: Locator;
  readonly reconnecting: Locator;
  readonly printProblem: Locator;
  taps = 0;

  constructor(readonly page: Page) {
    this.login = new LoginPage(page);
    this.films = page.getByTestId('kiosk-film');
    this.posterImages = page.locator('[data-testid="kiosk-film"] img.poster__image');
    this.easyRead = page.getByRole('button', { name: /Easy to read|Lectura fácil/ });
    this.lowered = page.getByRole('button', { name: /Controls low|Controles abajo/ });
    this.title = page.getByRole('heading', { level: 1 });
    this.startOver = page.getByRole('button', { name: /Start over|Empezar de nuevo/ });
    this.back = page.getByRole('button', { name: /^(Back|Atrás)$/ });
    this.language = page.getByRole('button', { name: /Switch to English|Cambiar a español/ });
    this.buy = page.getByRole('button', { name: /Touch to buy tickets|Toque para comprar/ });
    this.collect = page.getByRole('button', { name: /Collect tickets|Recoger entradas/ });
    this.times = page.getByTestId('kiosk-time');
    this.toSeats = page.getByRole('button', { name: /^Choose seats/ });
    this.toSummary = page.getByRole('button', { name: 'Review and pay' });
    this.pay = page.getByRole('button', { name: /^Pay .* by card$/ });
    this.presentCard = page.getByTestId('kiosk-present-card');
    this.outOfService = page.getByTestId('kiosk-out-of-service');
    this.seatMap = page.locator('.seat-map');
    this.selectedSeats = page.locator('.seat-map [aria-selected="true"]');
    this.idleDialog = page.getByRole('alertdialog');
    this.stillHere = page.getByRole('button', { name: /I am still here|Sigo aquí/ });
    this.total = page.getByTestId('kiosk-total');
    this.reference = page.getByTestId('kiosk-reference');
    this.qr = page.getByTestId('kiosk-qr');
    this.steps = page.getByRole('list', { name: 'Your progress' });
    this.serverAddress = page.getByLabel('Box office address');
    this.pairingCode = page.getByLabel('Pairing code');
    this.connect = page.getByRole('button', { name: 'Connect', exact: true });
    this.useAccount = page.getByRole('button', { name: 'Sign in with a device account instead' });
    this.reconnecting = page.getByTestId('kiosk-reconnecting');
    this.printProblem = page.getByTestId('kiosk-print-problem');
  }

  /** The connect screen's other way in: a device account's username and password. */
  async openAccountSignIn(): Promise<void> {
    await this.page.goto('/kiosk');
    await this.useAccount.click();
    await this.login.username.waitFor();
  }

  /** Connects this kiosk to the box office with a one-time pairing code (Admin → Devices). */
  async connectWithCode(code: string): Promise<void> {
    await this.page.goto('/kiosk');
    await expect(this.title).toHaveText('Connect to a box office');
    await this.pairingCode.fill(code);
    await this.tap(this.connect);
  }

  async pair(username: string, password: string): Promise<void> {
    await this.openAccountSignIn();
    await expect(this.login.heading).toHaveText('Pair this kiosk');
    await this.login.login(username, password);
    await this.waitForAttract();
  }

  async waitForAttract(): Promise<void> {
    await expect(this.films.first()).toBeVisible();
  }

  /** A customer's touch, counted. */
  async tap(target: Locator): Promise<void> {
    await target.tap();
    this.taps += 1;
  }

  adds(type: string): Locator {
    return this.page.getByTestId(`kiosk-ticket-${type}`).getByRole('button', { name: /^Add one|^Añadir/ });
  }

  /** The first bookable showtime (not sold out) on the times screen. */
  /**
   * The first film of the demo programme on the attract screen. Other tests schedule films of their own on
   * tiny screens minutes from now, which the kiosk lists first; a sale test wants a real auditorium.
   */
  firstDemoFilm(): Locator {
    return this.films.filter({ hasText: DEMO_TITLES }).first();
  }

  firstBookableTime(): Locator {
    return this.times.and(this.page.locator(':not([disabled])')).first();
  }

  key(character: string): Locator {
    return this.page.getByRole('group', { name: /Booking reference|Referencia/ }).getByRole('button', {
      name: character,
      exact: true,
    });
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
