/**
 * The notes and coins a drawer is counted in, per currency, in minor units, largest first. Counting by
 * value: where a currency has a note and a coin of the same value (the US dollar), they are one line.
 * Currencies not listed here are counted as a single total.
 */
export interface Denomination {
  /** Minor units (5000 = 50.00). */
  readonly value: number;
  readonly kind: 'note' | 'coin';
}

const notes = (...values: number[]) => values.map((value) => ({ value, kind: 'note' as const }));
const coins = (...values: number[]) => values.map((value) => ({ value, kind: 'coin' as const }));

export const DENOMINATIONS: Readonly<Record<string, readonly Denomination[]>> = {
  GBP: [...notes(5000, 2000, 1000, 500), ...coins(200, 100, 50, 20, 10, 5, 2, 1)],
  EUR: [...notes(50000, 20000, 10000, 5000, 2000, 1000, 500), ...coins(200, 100, 50, 20, 10, 5, 2, 1)],
  USD: [...notes(10000, 5000, 2000, 1000, 500, 200, 100), ...coins(50, 25, 10, 5, 1)],
  CHF: [...notes(100000, 20000, 10000, 5000, 2000, 1000), ...coins(500, 200, 100, 50, 20, 10, 5)],
  CAD: [...notes(10000, 5000, 2000, 1000, 500), ...coins(200, 100, 25, 10, 5)],
  AUD: [...notes(10000, 5000, 2000, 1000, 500), ...coins(200, 100, 50, 20, 10, 5)],
  SEK: [...notes(100000, 50000, 20000, 10000, 5000, 2000), ...coins(1000, 500, 200, 100)],
  NOK: [...notes(100000, 50000, 20000, 10000), ...coins(2000, 1000, 500, 100)],
  DKK: [...notes(100000, 50000, 20000, 10000, 5000), ...coins(2000, 1000, 500, 200, 100, 50)],
  PLN: [...notes(50000, 20000, 10000, 5000, 2000, 1000), ...coins(500, 200, 100, 50, 20, 10, 5, 2, 1)],
};

/** The currency's denominations, or null when it is counted as one total. */
export function denominationsOf(currency: string): readonly Denomination[] | null {
  return DENOMINATIONS[currency] ?? null;
}

/** The total of a count by denomination, in minor units. */
export function countedTotal(counts: readonly { value: number; count: number }[]): number {
  return counts.reduce((sum, line) => sum + line.value * line.count, 0);
}
