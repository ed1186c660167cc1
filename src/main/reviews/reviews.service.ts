/**
 * Reviews and ratings. A customer with a paid ticket for a film (its booking confirmed, the ticket valid
 * or since checked in) may rate it 1 to 5 with optional text, once; later edits replace the review.
 * Admins hide reviews (with a reason) and restore them; hidden reviews leave the lists and the rating.
 *
 * Invariant: a film's `rating_sum` / `rating_count` equal the sum and count of its visible reviews. Every
 * change here recomputes them from this module's aggregate query inside the same transaction and hands
 * them to the catalog, which owns the film row; lists of films then read two integers per film.
 * A review that is not the caller's is reported as not found.
 */
import { DomainError } from '../../shared/contract/errors';
import type { OutputOf, ParsedInputOf } from '../../shared/contract/index';
import { toOffsetIso } from '../../shared/domain/time';
import type { AccountsService } from '../accounts/index';
import { recordAudit } from '../audit/index';
import { actorRef, type Actor } from '../core/actor';
import type { BookingService } from '../booking/index';
import type { CatalogService } from '../catalog/index';
import type { Clock } from '../core/clock';
import type { CallContext } from '../core/context';
import { decodeCursor, pageOf } from '../core/cursor';
import { isUniqueViolation, writeTransaction, type Db } from '../db/index';
import type { SchedulingService } from '../scheduling/index';
import * as q from './reviews.queries';

type ReviewOut = OutputOf<'reviews.create'>;
type ReviewPage = OutputOf<'reviews.list'>;

function iso(epochMs: number): string {
  return toOffsetIso(epochMs, 'UTC');
}

/** "Alice Smith" → "Alice S.": enough to be a person, not enough to find one. */
export function publicName(name: string): string {
  const parts = name.trim().split(/\s+/);
  const first = parts[0] ?? name;
  const last = parts.length > 1 ? parts[parts.length - 1] : undefined;
  return last ? `${first} ${last.charAt(0).toUpperCase()}.` : first;
}

export class ReviewsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly deps: {
      accounts: AccountsService;
      catalog: CatalogService;
      booking: BookingService;
      scheduling: SchedulingService;
    },
  ) {}

  async list(input: ParsedInputOf<'reviews.list'>): Promise<ReviewPage> {
    if (!(await this.deps.catalog.exists(input.movieId))) throw new DomainError('not_found', 'Film not found.');
    return this.page({ movieId: input.movieId, status: 'visible' }, input);
  }

  async mine(input: ParsedInputOf<'reviews.mine'>, ctx: CallContext): Promise<ReviewPage> {
    return this.page({ userId: customerId(ctx.actor), status: 'all' }, input);
  }

  async moderationList(input: ParsedInputOf<'reviews.moderationList'>): Promise<ReviewPage> {
    return this.page({ movieId: input.movieId, status: input.status }, input);
  }

  async create(input: ParsedInputOf<'reviews.create'>, ctx: CallContext): Promise<ReviewOut> {
    const userId = customerId(ctx.actor);
    const now = this.clock.now();
    try {
      const id = await writeTransaction(this.db, async (trx) => {
        if (!(await this.deps.catalog.exists(input.movieId, trx)))
          throw new DomainError('not_found', 'Film not found.');
        const existing = await q.findByAuthor(trx, userId, input.movieId);
        if (existing) throw new DomainError('review_exists', undefined, { reviewId: existing.id });
        if (!(await this.hasPaidTicket(trx, userId, input.movieId))) throw new DomainError('ticket_required');
        const reviewId = await q.insertReview(trx, {
          movieId: input.movieId,
          userId,
          rating: input.rating,
          text: input.text ?? null,
          at: now,
        });
        await this.refreshRating(trx, input.movieId);
        await recordAudit(trx, now, {
          actor: ctx.actor,
          action: 'review.create',
          entity: 'review',
          entityId: reviewId,
          data: { movieId: input.movieId, rating: input.rating },
        });
        return reviewId;
      });
      return this.get(id);
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('review_exists');
      throw error;
    }
  }

  async update(input: ParsedInputOf<'reviews.update'>, ctx: CallContext): Promise<ReviewOut> {
    const userId = customerId(ctx.actor);
    const now = this.clock.now();
    await writeTransaction(this.db, async (trx) => {
      const row = await q.findReview(trx, input.reviewId);
      if (!row || row.user_id !== userId) throw new DomainError('not_found', 'Review not found.');
      await q.updateReview(trx, row.id, {
        ...(input.rating !== undefined && { rating: input.rating }),
        ...(input.text !== undefined && { text: input.text }),
        updated_at: now,
      });
      await this.refreshRating(trx, row.movie_id);
      await recordAudit(trx, now, {
        actor: ctx.actor,
        action: 'review.update',
        entity: 'review',
        entityId: row.id,
        data: { rating: input.rating ?? row.rating },
      });
    });
    return this.get(input.reviewId);
  }

  async remove(input: ParsedInputOf<'reviews.delete'>, ctx: CallContext): Promise<void> {
    const userId = customerId(ctx.actor);
    const now = this.clock.now();
    await writeTransaction(this.db, async (trx) => {
      const row = await q.findReview(trx, input.reviewId);
      if (!row || row.user_id !== userId) throw new DomainError('not_found', 'Review not found.');
      await q.deleteReview(trx, row.id);
      await this.refreshRating(trx, row.movie_id);
      await recordAudit(trx, now, { actor: ctx.actor, action: 'review.delete', entity: 'review', entityId: row.id });
    });
  }

  async hide(input: ParsedInputOf<'reviews.hide'>, ctx: CallContext): Promise<ReviewOut> {
    const now = this.clock.now();
    await writeTransaction(this.db, async (trx) => {
      const row = await q.findReview(trx, input.reviewId);
      if (!row) throw new DomainError('not_found', 'Review not found.');
      await q.updateReview(trx, row.id, {
        hidden_at: row.hidden_at ?? now,
        hidden_by: actorRef(ctx.actor),
        hidden_reason: input.reason,
      });
      await this.refreshRating(trx, row.movie_id);
      await recordAudit(trx, now, {
        actor: ctx.actor,
        action: 'review.hide',
        entity: 'review',
        entityId: row.id,
        data: { reason: input.reason },
      });
    });
    return this.get(input.reviewId);
  }

  async restore(input: ParsedInputOf<'reviews.restore'>, ctx: CallContext): Promise<ReviewOut> {
    const now = this.clock.now();
    await writeTransaction(this.db, async (trx) => {
      const row = await q.findReview(trx, input.reviewId);
      if (!row) throw new DomainError('not_found', 'Review not found.');
      if (row.hidden_at === null) return;
      await q.updateReview(trx, row.id, { hidden_at: null, hidden_by: null, hidden_reason: null });
      await this.refreshRating(trx, row.movie_id);
      await recordAudit(trx, now, { actor: ctx.actor, action: 'review.restore', entity: 'review', entityId: row.id });
    });
    return this.get(input.reviewId);
  }

  /** Inside the account-deleting transaction: the customer's reviews go, and the films' ratings follow. */
  async removeAllOf(trx: Db, userId: number): Promise<void> {
    for (const movieId of await q.deleteReviewsOf(trx, userId)) await this.refreshRating(trx, movieId);
  }

  // ---- helpers ------------------------------------------------------------------------------------

  private async get(id: number): Promise<ReviewOut> {
    const row = await q.findReview(this.db, id);
    if (!row) throw new DomainError('not_found', 'Review not found.');
    return (await this.present([row]))[0]!;
  }

  private async page(
    filter: Omit<q.ReviewFilter, 'limit' | 'beforeId'>,
    input: { limit: number; cursor?: string },
  ): Promise<ReviewPage> {
    const before = decodeCursor(input.cursor, ['number']);
    const rows = await q.listReviews(this.db, {
      ...filter,
      beforeId: before ? Number(before[0]) : undefined,
      limit: input.limit + 1,
    });
    const items = await this.present(rows.slice(0, input.limit));
    const byId = new Map(items.map((item) => [item.id, item]));
    return pageOf(
      rows,
      input.limit,
      (row) => byId.get(row.id)!,
      (row) => [row.id],
    );
  }

  private async present(rows: q.ReviewRow[]): Promise<ReviewOut[]> {
    const names = await this.deps.accounts.displayNames(rows.map((row) => row.user_id));
    return rows.map((row) => ({
      id: row.id,
      movieId: row.movie_id,
      rating: row.rating,
      text: row.text,
      author: publicName(names.get(row.user_id) ?? 'A customer'),
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
      hidden: row.hidden_at === null ? null : { at: iso(row.hidden_at), reason: row.hidden_reason ?? '' },
    }));
  }

  private async hasPaidTicket(trx: Db, userId: number, movieId: number): Promise<boolean> {
    for (const showtimeId of await this.deps.booking.paidShowtimesOf(userId, trx)) {
      const showtime = await this.deps.scheduling.showtimeForSale(showtimeId, trx);
      if (showtime?.movieId === movieId) return true;
    }
    return false;
  }

  private async refreshRating(trx: Db, movieId: number): Promise<void> {
    const { sum, count } = await q.visibleAggregate(trx, movieId);
    await this.deps.catalog.setRating(trx, movieId, sum, count);
  }
}

function customerId(actor: Actor): number {
  if (actor.kind !== 'user' || actor.role !== 'customer') throw new DomainError('forbidden');
  return actor.id;
}
