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

/**
 * A decimal amount typed in an editor ("12.50", "12,5", "-2" when negatives are allowed) in minor units
 * with `digits` decimals, read digit by digit so no float ever stands between the text and the integer.
 * Null when it is not such an amount.
 */
export function parseMinor(text: string, digits: number, options: { negative?: boolean } = {}): number | null {
  const cleaned = text.trim().replace(',', '.').replace(/^[−–]/, '-');
  const match = /^([+-]?)(\d{1,7})(?:\.(\d*))?$/.exec(cleaned);
  if (!match) return null;
  const sign = match[1] ?? '';
  const whole = match[2] ?? '0';
  const fraction = match[3] ?? '';
  if (fraction.length > digits) return null;
  if (sign === '-' && !options.negative) return null;
  const value = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return sign === '-' ? -value : value;
}

/** Minor units as the plain decimal an editor shows: 1250 → "12.50", -200 → "-2.00". */
export function formatMinor(minor: number, digits: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  if (digits === 0) return `${sign}${abs}`;
  const unit = 10 ** digits;
  return `${sign}${Math.floor(abs / unit)}.${String(abs % unit).padStart(digits, '0')}`;
}
