/**
 * Human text for errors, chosen by the contract's stable code (never by parsing the server's message).
 * Screens can override a code where they know better what happened.
 */
import { isClientError } from './client';

const MESSAGES: Record<string, string> = {
  invalid_credentials: 'Wrong username or password.',
  unauthenticated: 'Your session has ended. Sign in again.',
  forbidden: 'Your account may not do this.',
  not_found: 'That no longer exists. Refresh and try again.',
  validation_failed: 'Some fields need attention.',
  network_error: 'Cannot reach the box-office server. Check the network cable or Wi-Fi, then try again.',
  timeout: 'The box-office server is taking too long to answer. Try again in a moment.',
  unavailable: 'The box-office server is restarting. Try again in a moment.',
  internal_error: 'Something went wrong on the server. Nothing was changed.',
  payload_too_large: 'That file is too large.',
  unsupported_media_type: 'That file type is not accepted.',
};

export function secondsToWords(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

export function errorMessage(error: unknown, overrides: Record<string, string> = {}): string {
  if (!isClientError(error)) return 'Something unexpected happened. Try again.';
  const override = overrides[error.code];
  if (override) return override;
  if (error.code === 'too_many_attempts') {
    const retry = error.details['retryAfterSeconds'];
    return typeof retry === 'number' && retry > 0
      ? `Too many attempts. Wait ${secondsToWords(Math.ceil(retry))} and try again.`
      : 'Too many attempts. Wait a moment and try again.';
  }
  return MESSAGES[error.code] ?? error.message;
}
