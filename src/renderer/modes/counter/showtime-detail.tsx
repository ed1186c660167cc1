/**
 * What a cashier needs to answer a customer about the selected show: film, times, screen, format and how
 * full it is. This panel is where seat selection will open once sales arrive.
 */
import type { Movie, Showtime } from '../../../shared/contract/index';
import { parseInstant } from '../../../shared/domain/time';
import { IconClock, IconFilm, IconStar } from '../../components/icons';
import { Poster } from '../../components/poster';
import { StateMessage } from '../../components/states';
import { cssVars } from '../../lib/css';
import { formatDateLong, formatRelative, formatRuntime, formatTime } from '../../lib/format';
import { fillLevel, soldShare } from './occupancy';

interface ShowtimeDetailProps {
  showtime: Showtime | null;
  movie: Movie | null;
  /** The same film's other shows that day, for "is there a later one?". */
  sameFilm: Showtime[];
  onSelect: (showtimeId: number) => void;
  /** Sell seats for the selected show. */
  onSell?: () => void;
  timeZone: string;
  now: number;
}

export function ShowtimeDetail({ showtime, movie, sameFilm, onSelect, onSell, timeZone, now }: ShowtimeDetailProps) {
  if (!showtime) {
    return (
      <aside className="detail" aria-label="Selected showtime">
        <StateMessage icon={<IconFilm />} title="No show selected">
          Pick a show on the left, or use the arrow keys.
        </StateMessage>
      </aside>
    );
  }

  const startsAt = parseInstant(showtime.startsAt);
  const started = startsAt <= now;
  const share = soldShare(showtime);
  const sold = showtime.capacity - showtime.seatsAvailable;
  const relative = formatRelative(startsAt, now);

  return (
    <aside className="detail" aria-label="Selected showtime" aria-live="polite" data-testid="showtime-detail">
      <div className="detail__film">
        <Poster
          title={showtime.movieTitle}
          posterUrl={movie?.posterUrl ?? null}
          variant="thumb"
          className="detail__poster"
        />
        <div className="detail__film-text">
          <h2 className="detail__title">{showtime.movieTitle}</h2>
          <p className="detail__facts">
            {movie?.certificate ? <span className="cert">{movie.certificate}</span> : null}
            {movie ? <span className="num">{formatRuntime(movie.durationMinutes)}</span> : null}
            {movie?.rating.average != null ? (
              <span className="detail__rating num">
                <IconStar width={14} height={14} />
                {movie.rating.average.toFixed(1)}
              </span>
            ) : null}
          </p>
          {movie && movie.genres.length > 0 ? <p className="detail__genres">{movie.genres.join(' · ')}</p> : null}
        </div>
      </div>

      <dl className="detail__grid">
        <div className="detail__cell detail__cell--wide">
          <dt>Time</dt>
          <dd className="detail__time num">
            {formatTime(showtime.startsAt, timeZone)}
            <span className="detail__time-end"> – {formatTime(showtime.endsAt, timeZone)}</span>
          </dd>
          <dd className={`detail__when${started ? ' detail__when--started' : ''}`}>
            <IconClock width={14} height={14} />
            {formatDateLong(showtime.date)}
            {relative ? ` · ${relative}` : ''}
          </dd>
        </div>
        <div className="detail__cell">
          <dt>Screen</dt>
          <dd>{showtime.screenName}</dd>
        </div>
        <div className="detail__cell">
          <dt>Format</dt>
          <dd>
            {showtime.format}
            {showtime.language ? <span className="detail__muted"> · {showtime.language}</span> : null}
          </dd>
        </div>
        <div className="detail__cell">
          <dt>Trailers</dt>
          <dd className="num">{showtime.trailerMinutes} min</dd>
        </div>
        <div className="detail__cell">
          <dt>Status</dt>
          <dd>{showtime.status === 'cancelled' ? 'Cancelled' : started ? 'Started' : 'On sale'}</dd>
        </div>
      </dl>

      <section className="detail__occupancy" aria-label="Occupancy">
        <div className="detail__seats">
          <span className="detail__seats-left num" data-testid="seats-left">
            {showtime.seatsAvailable}
          </span>
          <span className="detail__seats-label">
            seats left
            <span className="num"> of {showtime.capacity}</span>
          </span>
        </div>
        <span className={`fill fill--large fill--${fillLevel(showtime)}`} aria-hidden="true">
          <span className="fill__bar" style={cssVars({ '--fill': share })} />
        </span>
        <p className="detail__sold num">
          {sold} taken · {Math.round(share * 100)}% full
        </p>
      </section>

      {onSell && showtime.status !== 'cancelled' ? (
        <button
          type="button"
          className="btn btn--primary btn--large btn--block detail__sell"
          onClick={onSell}
          aria-keyshortcuts="Enter"
          data-testid="sell-seats"
        >
          {showtime.seatsAvailable === 0 ? 'Open seat map (sold out)' : 'Sell seats'} <kbd className="kbd">Enter</kbd>
        </button>
      ) : null}

      {sameFilm.length > 0 ? (
        <section className="detail__more" aria-labelledby="detail-more-title">
          <h3 id="detail-more-title" className="eyebrow">
            Also showing this day
          </h3>
          <ul className="detail__more-list">
            {sameFilm.map((other) => (
              <li key={other.id}>
                <button
                  type="button"
                  className="detail__more-item"
                  data-started={parseInstant(other.startsAt) <= now || undefined}
                  onClick={() => onSelect(other.id)}
                >
                  <span className="detail__more-time num">{formatTime(other.startsAt, timeZone)}</span>
                  <span className="detail__more-screen">
                    {other.screenName}
                    {other.format !== '2D' ? ` · ${other.format}` : ''}
                  </span>
                  <span className="detail__more-seats num">
                    {other.seatsAvailable === 0 ? 'Sold out' : `${other.seatsAvailable} left`}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </aside>
  );
}
