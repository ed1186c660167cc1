/** The door's answers in words: a big headline and whether it means "let them in". */
import type { CheckinResult } from '../../../shared/contract/index';

export const ANSWER: Record<CheckinResult, { headline: string; admit: boolean }> = {
  admitted: { headline: 'Admit', admit: true },
  already_used: { headline: 'Already used', admit: false },
  invalid: { headline: 'Not a valid ticket', admit: false },
  cancelled: { headline: 'Cancelled ticket', admit: false },
  wrong_showtime: { headline: 'Wrong show', admit: false },
  too_early: { headline: 'Too early', admit: false },
};

/** A fresh id for one scan; a retried upload of the same scan reuses it so it never counts twice. */
export function newNonce(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return `door-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
