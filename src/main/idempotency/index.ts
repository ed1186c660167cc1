/** Stored answers for Idempotency-Key. The module's only public door. */
export { IdempotencyStore, answerOfError, isValidKey, requestHash, type StoredAnswer } from './idempotency.store';
