/**
 * Booking references people read aloud and type on a kiosk: 7 characters from an alphabet without the
 * look-alikes (0/O, 1/I/L, 2/Z, 5/S, 8/B), about 8 billion combinations. Random, so they reveal nothing.
 */
import { randomInt } from 'node:crypto';

export const REFERENCE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const REFERENCE_LENGTH = 7;

export function newReference(): string {
  let reference = '';
  for (let i = 0; i < REFERENCE_LENGTH; i += 1) reference += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return reference;
}
