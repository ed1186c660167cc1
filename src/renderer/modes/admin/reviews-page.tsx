/**
 * Admin → Reviews: moderation. Every review, newest first, filtered by visible or hidden and by film.
 * Hiding needs a reason (its author sees it); a hidden review leaves the film's public list and rating
 * at once. Restoring puts it back.
 */
import { useId, useState } from 'react';
import type { Movie, Review } from '../../../shared/contract/index';
import { IconAlert, IconCheck, IconStar } from '../../components/icons';
import { StateMessage } from '../../components/states';
import { call } from '../../lib/client';
import { listMovies } from '../../lib/data';
import { errorMessage } from '../../lib/errors';
import { useAsync } from '../../lib/use-async';
import { ConfirmDialog, when } from './people-shared';

type Status = 'visible' | 'hidden' | 'all';

const STATUSES: { value: Status; label: string }[] = [
  { value: 'visible', label: 'Visible' },
  { value: 'hidden', label: 'Hidden' },
  { value: 'all', label: 'All' },
];

const REASONS = ['Offensive language', 'Spoilers', 'Spam or advertising', 'Personal information', 'Not about the film'];

async function loadReviews(status: Status, movieId: number | null, pages: number) {
  const items: Review[] = [];
  let cursor: string | undefined;
  let more = false;
  for (let page = 0; page < pages; page += 1) {
    const answer = await call('reviews.moderationList', {
      status,
      limit: 50,
      cursor,
      ...(movieId !== null && { movieId }),
    });
    items.push(...answer.items);
    more = answer.nextCursor !== null;
    if (!answer.nextCursor) break;
    cursor = answer.nextCursor;
  }
  return { items, more };
}

function Stars({ rating }: { rating: number }) {
  return (
    <span className="stars" role="img" aria-label={`${rating} out of 5 stars`}>
      {[1, 2, 3, 4, 5].map((value) => (
        <IconStar key={value} width={14} height={14} className={value <= rating ? 'stars__on' : 'stars__off'} />
      ))}
    </span>
  );
}

export function ReviewsPage() {
  const [status, setStatus] = useState<Status>('visible');
  const [movieId, setMovieId] = useState<number | null>(null);
  const [pages, setPages] = useState(1);
  const [hiding, setHiding] = useState<Review | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const movies = useAsync(() => listMovies({ status: 'all' }), []);
  const reviews = useAsync(() => loadReviews(status, movieId, pages), [status, movieId, pages]);
  const titles = new Map((movies.data ?? []).map((movie: Movie) => [movie.id, movie.title]));
  const ids = { film: useId(), reason: useId() };

  function openHide(review: Review) {
    setReason('');
    setReasonError(undefined);
    setHiding(review);
  }

  async function hide() {
    if (!hiding) return;
    if (reason.trim() === '') {
      setReasonError('Give a reason: the author sees it.');
      document.getElementById(ids.reason)?.focus();
      return;
    }
    setBusy(true);
    try {
      await call('reviews.hide', { reviewId: hiding.id, reason: reason.trim() });
      setNotice(`The review by ${hiding.author} is hidden from “${titles.get(hiding.movieId) ?? 'the film'}”.`);
      setHiding(null);
      reviews.reload();
    } catch (caught) {
      setReasonError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  async function restore(review: Review) {
    setError(null);
    try {
      await call('reviews.restore', { reviewId: review.id });
      setNotice(`The review by ${review.author} is visible again.`);
      reviews.reload();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }

  return (
    <main className="admin__main">
      <div className="page-head">
        <div>
          <h1 className="page-head__title">Reviews</h1>
          <p className="page-head__lead">
            Customers’ reviews of films they saw. Hidden reviews leave the film’s page and its rating.
          </p>
        </div>
      </div>

      {notice ? (
        <div className="alert alert--success page-notice" role="status">
          <IconCheck />
          <span>{notice}</span>
        </div>
      ) : null}
      {error ? (
        <div className="alert page-notice" role="alert">
          <IconAlert />
          <span>{error}</span>
        </div>
      ) : null}

      <section className="panel" aria-label="Review list">
        <div className="panel__toolbar">
          <div className="segmented" role="group" aria-label="Show">
            {STATUSES.map((option) => (
              <button
                key={option.value}
                type="button"
                className="segmented__option"
                aria-pressed={status === option.value}
                onClick={() => {
                  setStatus(option.value);
                  setPages(1);
                }}
              >
                {option.label}
              </button>
            ))}
          </div>
          <div className="toolbar-field">
            <label htmlFor={ids.film} className="toolbar-field__label">
              Film
            </label>
            <select
              id={ids.film}
              className="input input--compact"
              value={movieId ?? ''}
              onChange={(event) => {
                setMovieId(event.target.value === '' ? null : Number(event.target.value));
                setPages(1);
              }}
            >
              <option value="">All films</option>
              {(movies.data ?? []).map((movie) => (
                <option key={movie.id} value={movie.id}>
                  {movie.title}
                </option>
              ))}
            </select>
          </div>
        </div>

        {reviews.status === 'error' ? (
          <div className="alert panel__alert" role="alert">
            <IconAlert />
            <span>{errorMessage(reviews.error)}</span>
          </div>
        ) : null}

        {reviews.data && reviews.data.items.length === 0 ? (
          <StateMessage icon={<IconStar />} title={status === 'hidden' ? 'No hidden reviews' : 'No reviews here yet'}>
            {status === 'hidden'
              ? 'Reviews you hide appear here, with their reason, until you restore them.'
              : 'Customers review films after they have seen them; new reviews appear here at once.'}
          </StateMessage>
        ) : reviews.data ? (
          <div className="panel__scroll">
            <table className="table" data-testid="review-table">
              <caption className="visually-hidden">Reviews, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Film</th>
                  <th scope="col">Rating</th>
                  <th scope="col">Review</th>
                  <th scope="col">Author</th>
                  <th scope="col" className="table__num">
                    Written
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {reviews.data.items.map((review) => (
                  <tr key={review.id}>
                    <th scope="row" className="table__title nowrap">
                      {titles.get(review.movieId) ?? `Film #${review.movieId}`}
                    </th>
                    <td>
                      <Stars rating={review.rating} />
                    </td>
                    <td className="review-text">{review.text ?? <span className="table__empty">Rating only</span>}</td>
                    <td>{review.author}</td>
                    <td className="table__num num nowrap">{when(review.createdAt)}</td>
                    <td>
                      {review.hidden ? (
                        <span className="status status--archived" title={`Hidden ${when(review.hidden.at)}`}>
                          Hidden: {review.hidden.reason}
                        </span>
                      ) : (
                        <span className="status status--active">Visible</span>
                      )}
                    </td>
                    <td className="table__actions">
                      {review.hidden ? (
                        <button
                          type="button"
                          className="btn btn--ghost btn--small"
                          onClick={() => void restore(review)}
                          aria-label={`Restore the review by ${review.author}`}
                        >
                          Restore
                        </button>
                      ) : (
                        <button
                          type="button"
                          className="btn btn--ghost btn--small"
                          onClick={() => openHide(review)}
                          aria-label={`Hide the review by ${review.author}`}
                        >
                          Hide
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {reviews.data.more ? (
              <div className="panel__more">
                <button type="button" className="btn" onClick={() => setPages((value) => value + 1)}>
                  Show more
                </button>
              </div>
            ) : null}
          </div>
        ) : (
          <div className="panel__loading" role="status">
            Loading reviews…
          </div>
        )}
      </section>

      <ConfirmDialog
        open={hiding !== null}
        title="Hide this review?"
        confirmLabel="Hide review"
        danger
        busy={busy}
        onClose={() => setHiding(null)}
        onConfirm={() => void hide()}
      >
        {hiding ? (
          <>
            <blockquote className="quote">
              <Stars rating={hiding.rating} /> {hiding.text ?? 'Rating only'}
              <footer>
                — {hiding.author}, on “{titles.get(hiding.movieId) ?? 'the film'}”
              </footer>
            </blockquote>
            <div className="field">
              <label className="field__label" htmlFor={ids.reason}>
                Reason
              </label>
              <input
                id={ids.reason}
                className="input"
                list={`${ids.reason}-list`}
                maxLength={200}
                autoFocus
                value={reason}
                onChange={(event) => {
                  setReason(event.target.value);
                  if (event.target.value.trim() !== '') setReasonError(undefined);
                }}
                aria-invalid={reasonError ? true : undefined}
                aria-describedby={reasonError ? `${ids.reason}-error` : `${ids.reason}-hint`}
              />
              <datalist id={`${ids.reason}-list`}>
                {REASONS.map((value) => (
                  <option key={value} value={value} />
                ))}
              </datalist>
              {reasonError ? (
                <p className="field__error" id={`${ids.reason}-error`}>
                  {reasonError}
                </p>
              ) : (
                <p className="field__hint" id={`${ids.reason}-hint`}>
                  Shown to the author with their review. It leaves the film’s rating until restored.
                </p>
              )}
            </div>
          </>
        ) : null}
      </ConfirmDialog>
    </main>
  );
}
