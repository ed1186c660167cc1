/**
 * The kiosk's resting screen: today's films as big posters, the next times under each. One decision per
 * screen: touch a film.
 */
import { formatDateLong, formatRuntime, formatTime } from '../../lib/format';
import { IconStar } from '../../components/icons';
import { Poster } from '../../components/poster';
import type { KioskFilm, KioskProgramme } from './kiosk-data';

const TIMES_SHOWN = 4;

export function AttractScreen({ programme, onPick }: { programme: KioskProgramme; onPick: (movieId: number) => void }) {
  return (
    <section className="attract" aria-labelledby="attract-title">
      <div className="attract__intro">
        <p className="attract__date">
          {programme.playingToday ? `Today · ${formatDateLong(programme.date)}` : formatDateLong(programme.date)}
        </p>
        <h1 id="attract-title" className="attract__title">
          {programme.playingToday ? 'Touch a film to start' : 'Our films'}
        </h1>
        {programme.playingToday ? null : (
          <p className="attract__lead">There are no more shows today. Touch a film to see what it is about.</p>
        )}
      </div>
      <ul className="attract__grid" aria-label={programme.playingToday ? 'Films playing today' : 'Films'}>
        {programme.films.map((film) => (
          <li key={film.movie.id}>
            <FilmCard film={film} timeZone={programme.theater.timeZone} onPick={onPick} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function FilmCard({
  film,
  timeZone,
  onPick,
}: {
  film: KioskFilm;
  timeZone: string;
  onPick: (movieId: number) => void;
}) {
  const { movie } = film;
  const times = film.showtimes.slice(0, TIMES_SHOWN);
  const more = film.showtimes.length - times.length;
  const label = [
    movie.title,
    movie.certificate ? `rated ${movie.certificate}` : null,
    formatRuntime(movie.durationMinutes),
    movie.rating.average !== null ? `${movie.rating.average.toFixed(1)} out of 5 stars` : null,
    times.length > 0
      ? `next shows ${times.map((showtime) => formatTime(showtime.startsAt, timeZone)).join(', ')}`
      : null,
  ]
    .filter(Boolean)
    .join(', ');

  return (
    <button
      type="button"
      className="film-card"
      onClick={() => onPick(movie.id)}
      aria-label={label}
      data-testid="kiosk-film"
    >
      <span className="film-card__poster-wrap">
        <Poster
          title={movie.title}
          posterUrl={movie.posterUrl}
          eyebrow={movie.genres[0] ?? null}
          className="film-card__poster"
          loading="eager"
        />
        {movie.certificate ? <span className="film-card__cert cert">{movie.certificate}</span> : null}
      </span>
      <span className="film-card__body">
        <span className="film-card__title">{movie.title}</span>
        <span className="film-card__meta">
          <span className="num">{formatRuntime(movie.durationMinutes)}</span>
          {movie.genres[0] ? <span>{movie.genres.slice(0, 2).join(', ')}</span> : null}
          {movie.rating.average !== null ? (
            <span className="film-card__rating num">
              <IconStar width={16} height={16} />
              {movie.rating.average.toFixed(1)}
            </span>
          ) : null}
        </span>
        {times.length > 0 ? (
          <span className="film-card__times">
            {times.map((showtime) => (
              <span key={showtime.id} className="film-card__time num">
                {formatTime(showtime.startsAt, timeZone)}
              </span>
            ))}
            {more > 0 ? <span className="film-card__more num">+{more}</span> : null}
          </span>
        ) : null}
      </span>
    </button>
  );
}
