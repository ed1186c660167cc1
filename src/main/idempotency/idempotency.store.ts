/**
 * Idempotency-Key: the same key and request from the same credential gets the first answer again; the
 * same key with another request is 422; a key whose first request is still running is 409. Answers
 * 409, 429 and 5xx are not kept, so those can be retried for real. Keys are kept 24 hours.
 * A request that dies mid-way (crash) leaves its key locked for a minute, then it may run again; the
 * operations themselves are safe to re-run (a hold already booked returns its booking).
 */
import { createHash } from 'node:crypto';
import { DomainError, ERRORS, type ErrorBody } from '../../shared/contract/errors';
import type { Clock } from '../core/clock';
import { writeTransaction, type Db } from '../db/index';

export type StoredAnswer = { ok: true; value: unknown } | { ok: false; status: number; body: ErrorBody };

const KEEP_MS = 24 * 3_600_000;
const LOCK_MS = 60_000;

export function isValidKey(key: string): boolean {
  return key.length >= 1 && key.length <= 200 && /^[\x21-\x7e]+$/.test(key);
}

/** Sorted-key JSON, so that the same request hashes the same whatever the field order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function requestHash(operation: string, input: unknown): string {
  return createHash('sha256').update(operation).update('\0').update(canonical(input)).digest('hex');
}

/** Whether an answer is kept for replay (409, 429 and 5xx are not). */
export function keepable(answer: StoredAnswer): boolean {
  return answer.ok || (answer.status < 500 && answer.status !== 409 && answer.status !== 429);
}

export class IdempotencyStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Claims the key for this request, or returns the answer to replay. */
  async begin(credential: string, key: string, operation: string, hash: string): Promise<StoredAnswer | null> {
    const now = this.clock.now();
    return writeTransaction(this.db, async (trx) => {
      const row = await trx
        .selectFrom('idempotency_keys')
        .select(['operation', 'request_hash', 'state', 'response', 'locked_until', 'created_at'])
        .where('credential', '=', credential)
        .where('key', '=', key)
        .executeTakeFirst();
      if (row && row.created_at > now - KEEP_MS) {
        if (row.operation !== operation || row.request_hash !== hash) throw new DomainError('idempotency_key_reused');
        if (row.state === 'done' && row.response !== null) return JSON.parse(row.response) as StoredAnswer;
        if (row.locked_until > now) throw new DomainError('idempotency_in_progress');
      }
      await trx
        .insertInto('idempotency_keys')
        .values({
          credential,
          key,
          operation,
          request_hash: hash,
          state: 'running',
          response: null,
          created_at: now,
          locked_until: now + LOCK_MS,
        })
        .onConflict((oc) =>
          oc.columns(['credential', 'key']).doUpdateSet({
            operation,
            request_hash: hash,
            state: 'running',
            response: null,
            created_at: now,
            locked_until: now + LOCK_MS,
          }),
        )
        .execute();
      return null;
    });
  }

  async finish(credential: string, key: string, answer: StoredAnswer): Promise<void> {
    if (keepable(answer)) {
      await this.db
        .updateTable('idempotency_keys')
        .set({ state: 'done', response: JSON.stringify(answer) })
        .where('credential', '=', credential)
        .where('key', '=', key)
        .execute();
    } else {
      await this.db
        .deleteFrom('idempotency_keys')
        .where('credential', '=', credential)
        .where('key', '=', key)
        .execute();
    }
  }

  async purge(): Promise<void> {
    await this.db
      .deleteFrom('idempotency_keys')
      .where('created_at', '<', this.clock.now() - KEEP_MS)
      .execute();
  }
}

export function answerOfError(error: unknown): StoredAnswer {
  if (error instanceof DomainError) return { ok: false, status: error.status, body: error.toBody() };
  return {
    ok: false,
    status: 500,
    body: { error: { code: 'internal_error', message: ERRORS.internal_error.message, details: {} } },
  };
}
