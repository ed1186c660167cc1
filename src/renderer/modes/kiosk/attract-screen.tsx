/**
 * The kiosk's resting screen and its film step: today's films as big posters with certificate, runtime and
 * rating. Touching a poster picks that film (the first decision of a sale).
 */
import { IconStar } from '../../components/icons';
import { Poster } from '../../components/poster';
import { formatRuntime } from '../../lib/format';
import { useI18n } from './i18n/i18n';
import type { KioskFilm, KioskProgramme } from './kiosk-data';

const TIMES_SHOWN = 4;

export function AttractScreen({
  programme,
  onPick,
  heading,
}: {
  programme: KioskProgramme;
  onPick: (movieId: number) => void;
  /** The film step's heading; the attract screen's own when absent. */
  heading?: string;
}) {
  const { t, dateLong } = useI18n();
  return (
    <section className="attract" aria-labelledby="attract-title">
      <div className="attract__intro">
        <p className="attract__date">
          {programme.playingToday ? t('attract.today', { date: dateLong(programme.date) }) : dateLong(programme.date)}
        </p>
        <h1 id="attract-title" className="attract__title">
          {heading ?? (programme.playingToday ? t('attract.title') : t('attract.titleNoShows'))}
        </h1>
        {programme.playingToday ? null : <p className="attract__lead">{t('attract.noShows')}</p>}
      </div>
      <ul className="attract__grid" aria-label={t('attract.films')}>
        {programme.films.map((film) => (
          <li key={film.movie.id}>
            <FilmCard film={film} onPick={onPick} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function FilmCard({ film, onPick }: { film: KioskFilm; onPick: (movieId: number) => void }) {
  const { t, time } = useI18n();
  const { movie } = film;
  const times = film.showtimes.slice(0, TIMES_SHOWN);
  const more = film.showtimes.length - times.length;
  const rating = movie.rating.average !== null ? movie.rating.average.toFixed(1) : null;
  const label = [
    movie.title,
    movie.certificate ? t('film.rated', { cert: movie.certificate }) : null,
    formatRuntime(movie.durationMinutes),
    rating !== null ? t('film.stars', { rating }) : null,
    times.length > 0 ? t('film.next', { times: times.map((showtime) => time(showtime.startsAt)).join(', ') }) : null,
  ]
    .filter(Boolean)
    .join(', ');

  return (
    <button
      type="button"
      className="film-card"
      data-testid="kiosk-film"
      aria-label={label}
      onClick={() => onPick(movie.id)}
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
          {rating !== null ? (
            <span className="film-card__rating num">
              <IconStar width={16} height={16} />
              {rating}
            </span>
          ) : null}
        </span>
        {times.length > 0 ? (
          <span className="film-card__times">
            {times.map((showtime) => (
              <span key={showtime.id} className="film-card__time num">
                {time(showtime.startsAt)}
              </span>
            ))}
            {more > 0 ? <span className="film-card__more num">+{more}</span> : null}
          </span>
        ) : null}
      </span>
    </button>
  );
}
