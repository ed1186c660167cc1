import { z } from 'zod';
import { id, listInput, noContent, op, page, requiredText, timestamp } from './_prelude';

export const REVIEW_TEXT_MAX = 2000;

/** A whole star rating: 1, 2, 3, 4 or 5 (2.5, 0, 6 and "5" are refused). */
export const reviewRating = z
  .number('must be a whole number from 1 to 5')
  .int('must be a whole number from 1 to 5')
  .min(1, 'must be a whole number from 1 to 5')
  .max(5, 'must be a whole number from 1 to 5');

/** Optional text; blank means none. Counted after trimming. */
const reviewText = z
  .string()
  .trim()
  .max(REVIEW_TEXT_MAX, `must be at most ${REVIEW_TEXT_MAX} characters`)
  .transform((value) => (value === '' ? null : value));

export const review = z.object({
  id: z.number().int(),
  movieId: z.number().int(),
  rating: z.number().int(),
  text: z.string().nullable(),
  author: z.string().describe("The customer's name, or their username when they gave none"),
  createdAt: timestamp,
  updatedAt: timestamp,
  hidden: z
    .object({ at: timestamp, reason: z.string() })
    .nullable()
    .describe('Set when an admin hid it (only its author and admins see hidden reviews)'),
});
export type Review = z.infer<typeof review>;

export const reviewsOperations = {
  /** A film's visible reviews, newest first. */
  'reviews.list': op({
    summary: "List a film's reviews",
    tag: 'Reviews',
    input: listInput.extend({ movieId: id }),
    output: page(review),
    access: 'public',
    rest: { method: 'GET', path: '/movies/{movieId}/reviews' },
  }),
  /**
   * Review a film: only a customer with a paid (confirmed or checked-in) ticket for it, once per film.
   * A second POST is 409 `review_exists`; change the review with PATCH /reviews/{reviewId}.
   */
  'reviews.create': op({
    summary: 'Review a film',
    tag: 'Reviews',
    input: z.object({ movieId: id, rating: reviewRating, text: reviewText.optional() }),
    output: review,
    access: ['customer'],
    rest: { method: 'POST', path: '/movies/{movieId}/reviews', status: 201 },
  }),
  /** Edit my review: the new rating and text replace the old ones. */
  'reviews.update': op({
    summary: 'Edit my review',
    tag: 'Reviews',
    input: z.object({ reviewId: id, rating: reviewRating.optional(), text: reviewText.nullable().optional() }),
    output: review,
    access: ['customer'],
    rest: { method: 'PATCH', path: '/reviews/{reviewId}' },
  }),
  /** Withdraw my review. */
  'reviews.delete': op({
    summary: 'Delete my review',
    tag: 'Reviews',
    input: z.object({ reviewId: id }),
    output: noContent,
    access: ['customer'],
    rest: { method: 'DELETE', path: '/reviews/{reviewId}', status: 204 },
  }),
  /** My reviews, newest first, hidden ones included (with the moderator's reason). */
  'reviews.mine': op({
    summary: 'My reviews',
    tag: 'Reviews',
    input: listInput,
    output: page(review),
    access: ['customer'],
    rest: { method: 'GET', path: '/me/reviews' },
  }),
  /** For moderation: every review, newest first, or only the hidden or visible ones. */
  'reviews.moderationList': op({
    summary: 'Reviews for moderation',
    tag: 'Reviews',
    input: listInput.extend({
      status: z.enum(['all', 'visible', 'hidden']).default('all'),
      movieId: id.optional(),
    }),
    output: page(review),
    access: ['admin'],
    rest: { method: 'GET', path: '/reviews' },
  }),
  /** Hide a review from lists and from the film's rating, with the reason (shown to its author). */
  'reviews.hide': op({
    summary: 'Hide a review',
    tag: 'Reviews',
    input: z.object({ reviewId: id, reason: requiredText(200) }),
    output: review,
    access: ['admin'],
    rest: { method: 'POST', path: '/reviews/{reviewId}/hide' },
  }),
  /** Show a hidden review again; it counts in the rating again. */
  'reviews.restore': op({
    summary: 'Restore a hidden review',
    tag: 'Reviews',
    input: z.object({ reviewId: id }),
    output: review,
    access: ['admin'],
    rest: { method: 'POST', path: '/reviews/{reviewId}/restore' },
  }),
};
