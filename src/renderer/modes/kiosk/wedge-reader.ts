/**
 * Keyboard-wedge barcode scanners: the scanner "types" the code it read, one key every few milliseconds,
 * and ends with Enter. The kiosk listens to the whole window (no text field: a visible field would invite
 * the system keyboard on a touch screen and could lose focus); keys that arrive slower than a scanner
 * types start a new code, so a stray key press never becomes a lookup.
 */
/** Longest pause between two keys of one scan. Scanners type a key every 1–30 ms; people are slower. */
export const WEDGE_MAX_GAP_MS = 150;
/** Shortest code worth looking up (a booking reference has 7 characters, a ticket code over 100). */
export const WEDGE_MIN_LENGTH = 6;
const WEDGE_MAX_LENGTH = 200;

export interface WedgeKey {
  key: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}

/**
 * A reader of key events: returns the scanned code when a key ends a scan (Enter after a fast burst of at
 * least WEDGE_MIN_LENGTH characters), otherwise null. `now` is injected (milliseconds, monotonic).
 */
export function createWedgeReader(now: () => number): (event: WedgeKey) => string | null {
  let buffer = '';
  let last = Number.NEGATIVE_INFINITY;
  return (event) => {
    const at = now();
    if (at - last > WEDGE_MAX_GAP_MS) buffer = '';
    last = at;
    if (event.key === 'Enter') {
      const code = buffer;
      buffer = '';
      return code.length >= WEDGE_MIN_LENGTH ? code : null;
    }
    if (event.key.length === 1 && !event.ctrlKey && !event.altKey && !event.metaKey) {
      buffer = (buffer + event.key.toUpperCase()).slice(-WEDGE_MAX_LENGTH);
    } else if (event.key !== 'Shift') {
      buffer = '';
    }
    return null;
  };
}
