/**
 * Money is an integer number of minor units (1250 = 12.50) with its ISO-4217 currency, as in Stripe's
 * API. Never a float: arithmetic stays in integers and only formatting divides.
 */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}

/** Minor-unit exponent of a currency (JPY has none, most have two), from the platform's own tables. */
export function currencyExponent(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export function formatMoney(amount: number, currency: string, locale = 'en-GB'): string {
  const exponent = currencyExponent(currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(amount / 10 ** exponent);
}
