/**
 * An answer may carry its own JSON text, written by the module that knows its shape. The seat map does:
 * its 400 seats change only in their status, so it is written from a per-screen template far faster than
 * JSON.stringify walks it. The text must equal JSON.stringify(answer) (its tests check byte for byte).
 * It is kept under a symbol, so IPC's structured clone and every other reader see a plain object.
 */
const JSON_TEXT = Symbol('marquee.jsonText');

type WithText = { [JSON_TEXT]?: () => string };

/** Attaches a writer of the value's JSON text (called only when an HTTP answer needs it). */
export function withJsonText<T extends object>(value: T, write: () => string): T {
  Object.defineProperty(value, JSON_TEXT, { value: write, enumerable: false });
  return value;
}

/** The JSON text of an answer: its own if it carries one, else JSON.stringify. */
export function jsonTextOf(value: unknown): string {
  const write = typeof value === 'object' && value !== null ? (value as WithText)[JSON_TEXT] : undefined;
  return write ? write() : JSON.stringify(value);
}
