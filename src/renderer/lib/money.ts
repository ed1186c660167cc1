/**
 * Money on screen. Amounts travel as whole minor units (1250 = 12.50) and are only ever formatted here;
 * the server computes every price and total. `parseMoney` reads what a cashier types ("20", "12.5",
 * "12,50") back into minor units for a cash tender.
 */
const LOCALE = 'en-GB';
const formatters = new Map<string, Intl.NumberFormat>();

function formatter(currency: string): Intl.NumberFormat {
  let format = formatters.get(currency);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' });
    formatters.set(currency, format);
  }
  return format;
}

/** Digits after the decimal point of the currency (2 for GBP and EUR, 0 for JPY). */
export function minorDigits(currency: string): number {
  return formatter(currency).resolvedOptions().maximumFractionDigits ?? 2;
}

/** "£12.50". */
export function formatMoney(minor: number, currency: string): string {
  return formatter(currency).format(minor / 10 ** minorDigits(currency));
}

/** "12.50" → 1250; null when it is not an amount. */
export function parseMoney(text: string, currency: string): number | null {
  const cleaned = text
    .trim()
    .replace(/[^\d.,]/g, '')
    .replace(',', '.');
  if (!/^\d{1,7}(\.\d{0,2})?$/.test(cleaned)) return null;
  const digits = minorDigits(currency);
  return Math.round(Number(cleaned) * 10 ** digits);
}

/** The banknotes worth offering as quick tenders for an amount due: the next few notes at or above it. */
export function quickNotes(due: number, currency: string): number[] {
  const unit = 10 ** minorDigits(currency);
  const notes = [5, 10, 20, 50, 100].map((note) => note * unit);
  const above = notes.filter((note) => note > due);
  // A round sum of notes just above the amount (e.g. 40 for 37.85) is what people often hand over.
  const roundUp = Math.ceil(due / (10 * unit)) * 10 * unit;
  const options = [...new Set([roundUp, ...above])].filter((value) => value > due).sort((a, b) => a - b);
  return options.slice(0, 3);
}
