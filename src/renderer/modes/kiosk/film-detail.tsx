/**
 * A film, large: what it is, how long, how it is rated, and today's shows with the seats left. Buying
 * opens from here once the sales flow exists; until then the times inform and do not pretend to sell.
 */
import { IconSeat, IconStar } from '../../components/icons';
import { Poster } from '../../components/poster';
import { formatRuntime, formatTime } from '../../lib/format';
import type { KioskFilm } from './kiosk-data';

export function FilmDetail({ film, timeZone }: { film: KioskFilm; timeZone: string }) {
  const { movie } = film;
  return (
    <section className="film-detail" aria-labelledby="film-detail-title">
      {/* The poster, blurred and dimmed behind everything: the film's own colours set the room. */}
      {movie.posterUrl ? (
        <img className="film-detail__backdrop" src={movie.posterUrl} alt="" aria-hidden="true" />
      ) : null}
      <Poster
        title={movie.title}
        posterUrl={movie.posterUrl}
        eyebrow={movie.genres[0] ?? null}
        className="film-detail__poster"
        loading="eager"
      />
      <div className="film-detail__text">
        <h1 id="film-detail-title" className="film-detail__title">
          {movie.title}
        </h1>
        <p className="film-detail__facts">
          {movie.certificate ? <span className="cert cert--large">{movie.certificate}</span> : null}
          <span className="num">{formatRuntime(movie.durationMinutes)}</span>
          {movie.genres.length > 0 ? <span>{movie.genres.join(' · ')}</span> : null}
          {movie.language ? <span>{movie.language}</span> : null}
        </p>
        {movie.rating.average !== null ? (
          <p className="film-detail__rating">
            <IconStar width={24} height={24} />
            <strong className="num">{movie.rating.average.toFixed(1)}</strong>
            <span className="num">
              from {movie.rating.count} review{movie.rating.count === 1 ? '' : 's'}
            </span>
          </p>
        ) : null}
        {movie.description ? <p className="film-detail__description">{movie.description}</p> : null}
      </div>

      <div className="film-detail__shows">
        <h2 className="film-detail__subtitle">{film.showtimes.length > 0 ? 'Today' : 'No more shows today'}</h2>
        {film.showtimes.length > 0 ? (
          <ul className="film-detail__times">
            {film.showtimes.map((showtime) => (
              <li key={showtime.id} className="time-tile">
                <span className="time-tile__time num">{formatTime(showtime.startsAt, timeZone)}</span>
                <span className="time-tile__meta">
                  {showtime.screenName}
                  {showtime.format !== '2D' ? ` · ${showtime.format}` : ''}
                </span>
                <span className="time-tile__seats num">
                  <IconSeat width={16} height={16} />
                  {showtime.seatsAvailable === 0 ? 'Sold out' : `${showtime.seatsAvailable} seats left`}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="film-detail__lead">Ask at the box office about the next shows.</p>
        )}
      </div>
    </section>
  );
}
