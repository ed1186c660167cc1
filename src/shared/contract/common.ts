import { z } from 'zod';

/** A row id: a positive integer, or its decimal digits (path and query parameters arrive as text). */
export const id = z.preprocess(
  (value) => (typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value),
  z
    .number('must be a positive whole number')
    .int('must be a positive whole number')
    .positive('must be a positive whole number')
    .max(Number.MAX_SAFE_INTEGER, 'is too large'),
);
export const idParam = (name: string) => id.describe(`${name}`);

/** ISO-4217 code such as "EUR". */
export const currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO-4217 code of three capital letters, such as EUR')
  .refine((code) => {
    try {
      new Intl.NumberFormat('en', { style: 'currency', currency: code });
      return true;
    } catch {
      return false;
    }
  }, 'is not a known currency');

/** An IANA time zone such as "Europe/Berlin". */
export const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Europe/Berlin');

/** Calendar date in the theater's time zone. */
export const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(
    (value) =>
      !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    'is not a real date',
  );

/** An instant with its offset, e.g. 2026-11-28T19:30:00+01:00 (Z accepted). */
export const timestamp = z.iso.datetime({ offset: true });

export const limit = z.coerce.number().int().min(1).max(200).default(50);
export const cursor = z.string().max(200).optional();

export const listInput = z.object({ limit, cursor });

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const empty = z.object({});
export const noContent = z.void();

export const text = (max: number) => z.string().trim().max(max);
export const requiredText = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
