/**
 * Domain errors as stable codes. Services throw `DomainError(code)`; every transport maps the code to
 * its own shape (HTTP status + `{"error": {...}}`, an IPC rejection) and the renderer translates by code.
 * The message here is the default human text; a thrower may give a more specific one.
 */
export const ERRORS = {
  validation_failed: { status: 400, message: 'The request is not valid.' },
  bad_request: { status: 400, message: 'The request could not be understood.' },
  invalid_signature: { status: 400, message: 'The signature is missing, wrong or too old.' },
  unauthenticated: { status: 401, message: 'Sign in first: no valid token was given.' },
  invalid_credentials: { status: 401, message: 'Wrong username or password.' },
  wrong_password: { status: 400, message: 'The current password is not right.' },
  reset_token_invalid: {
    status: 400,
    message: 'This password-reset link is not valid: it was used, replaced or is more than 30 minutes old.',
  },
  sign_in_failed: { status: 400, message: 'That member code, or that e-mail and PIN, was not recognised.' },
  forbidden: { status: 403, message: 'Your role may not do this.' },
  ticket_required: { status: 403, message: 'Only a customer with a paid ticket for this film may review it.' },
  not_found: { status: 404, message: 'Not found.' },
  method_not_allowed: { status: 405, message: 'This method is not allowed here.' },
  username_taken: { status: 409, message: 'That username is already taken.' },
  email_taken: { status: 409, message: 'Another customer account uses that e-mail address.' },
  review_exists: { status: 409, message: 'You have reviewed this film already: edit your review instead.' },
  showtime_conflict: { status: 409, message: 'The screen is busy then (cleaning time included).' },
  showtime_has_sales: { status: 409, message: 'The showtime has sold seats and cannot be moved or removed.' },
  movie_in_use: { status: 409, message: 'The film has future showtimes.' },
  screen_in_use: { status: 409, message: 'The screen has future showtimes.' },
  seats_have_sales: {
    status: 409,
    message: 'Some of these seats have tickets for future showtimes and cannot be removed.',
  },
  seat_unavailable: { status: 409, message: 'A seat you asked for is no longer available.' },
  not_enough_seats: { status: 409, message: 'There are not enough seats left together for that many.' },
  hold_expired: { status: 409, message: 'The seats were held too long and have been released: choose them again.' },
  hold_limit_reached: { status: 409, message: 'You are holding as many seats for this showtime as one sale may.' },
  showtime_not_on_sale: { status: 409, message: 'This showtime is no longer on sale.' },
  booking_not_cancellable: { status: 409, message: 'This booking cannot be cancelled.' },
  cancellation_closed: { status: 409, message: 'It is too close to the start to cancel: ask at the box office.' },
  no_open_shift: { status: 409, message: 'Open a shift on your drawer first.' },
  backup_damaged: {
    status: 409,
    message: 'That backup failed its check (damaged, or from a newer version): it was not staged.',
  },
  shift_already_open: { status: 409, message: 'You already have an open shift.' },
  shift_closed: { status: 409, message: 'This shift is closed.' },
  not_enough_cash: { status: 409, message: 'The drawer does not hold that much cash.' },
  approval_required: { status: 403, message: "A refund this large needs a manager's approval." },
  approval_rejected: { status: 403, message: 'The approval was not accepted: a manager of this theater must approve.' },
  payments_not_configured: {
    status: 409,
    message: 'Card payments are not set up: take cash, or set up Stripe in the admin settings.',
  },
  booking_not_payable: { status: 409, message: 'This booking cannot take a payment now.' },
  tickets_not_issued: {
    status: 409,
    message: 'This booking has no tickets to print: it is not paid, or was cancelled.',
  },
  nothing_to_undo: { status: 409, message: 'There is no admission to undo.' },
  pairing_code_invalid: {
    status: 400,
    message: 'That pairing code is wrong, used or expired: ask an admin for a new one.',
  },
  conflict: { status: 409, message: 'The request conflicts with the current state.' },
  idempotency_in_progress: { status: 409, message: 'A request with this Idempotency-Key is still running.' },
  payload_too_large: { status: 413, message: 'The request body is too large.' },
  unsupported_media_type: { status: 415, message: 'This content type is not accepted here.' },
  idempotency_key_reused: { status: 422, message: 'This Idempotency-Key was used with another request.' },
  too_many_attempts: { status: 429, message: 'Too many failed attempts: wait a moment and try again.' },
  internal_error: { status: 500, message: 'Something went wrong on the server. Nothing was changed.' },
  unavailable: { status: 503, message: 'The service is shutting down or not ready.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface FieldError {
  path: string;
  message: string;
}

export type ErrorDetails = Record<string, unknown>;

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message?: string, details: ErrorDetails = {}) {
    super(message ?? ERRORS[code].message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERRORS[this.code].status;
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details: ErrorDetails };
}

export function validationError(fields: FieldError[]): DomainError {
  const first = fields[0];
  const message = first ? `${first.path || 'body'}: ${first.message}` : ERRORS.validation_failed.message;
  return new DomainError('validation_failed', message, { fields });
}

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERRORS, code);
}
