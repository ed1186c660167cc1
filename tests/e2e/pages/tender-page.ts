import { expect, type Locator, type Page } from '@playwright/test';

/** The counter's tender: cash (with split), the card tab with its reader, and what the card flow shows. */
export class TenderPage {
  readonly panel: Locator;
  readonly amountDue: Locator;
  readonly cashInput: Locator;
  readonly splitToggle: Locator;
  readonly splitCashInput: Locator;
  readonly splitCardPart: Locator;
  readonly readerSelect: Locator;
  readonly charge: Locator;
  readonly connecting: Locator;
  readonly waiting: Locator;
  readonly cancelCard: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('tender');
    this.amountDue = page.getByTestId('amount-due');
    this.cashInput = page.getByTestId('cash-input');
    this.splitToggle = page.getByTestId('split-toggle');
    this.splitCashInput = page.getByTestId('split-cash-input');
    this.splitCardPart = page.getByTestId('split-card-part');
    this.readerSelect = page.getByRole('combobox', { name: 'Card reader' });
    this.charge = page.getByRole('button', { name: /^Charge .* on the reader/ });
    this.connecting = page.getByTestId('card-connecting');
    this.waiting = page.getByTestId('card-waiting');
    this.cancelCard = page.getByRole('button', { name: /Cancel card payment/ });
    this.notice = page.getByTestId('sale-notice');
  }

  /** K: the card tab; then the reader whose label starts with `label`. */
  async openCard(label: string): Promise<void> {
    await this.page.keyboard.press('k');
    await expect(this.charge).toBeVisible();
    const value = await this.readerSelect.locator('option', { hasText: label }).first().getAttribute('value');
    await this.readerSelect.selectOption(value ?? '');
  }

  async chargeOnReader(): Promise<void> {
    await this.charge.click();
  }
}
