/**
 * What the kiosk shows: the films with shows still to start today, each with its times, joined from
 * `showtimes.list` (today, in the theater's zone) and `movies.list`. When nothing more plays today the
 * kiosk falls back to every active film, so the screen is never empty while the cinema is open.
 */
import type { Movie, Showtime, Theater } from '../../../shared/contract/index';
import { localDateOf, parseInstant } from '../../../shared/domain/time';
import { call } from '../../lib/client';
import { listMovies, listShowtimes, pickTheater } from '../../lib/data';

export interface KioskFilm {
  movie: Movie;
  /** Today's shows that have not started yet, in start order. */
  showtimes: Showtime[];
}

export interface KioskProgramme {
  theater: Theater;
  date: string;
  /** True when these are today's films; false for the fallback (all active films). */
  playingToday: boolean;
  films: KioskFilm[];
}

/** Films with upcoming shows, the soonest first; ties keep the catalog's order. */
export function filmsPlaying(movies: readonly Movie[], showtimes: readonly Showtime[], now: number): KioskFilm[] {
  const upcoming = new Map<number, Showtime[]>();
  for (const showtime of showtimes) {
    if (showtime.status !== 'scheduled' || parseInstant(showtime.startsAt) <= now) continue;
    const list = upcoming.get(showtime.movieId) ?? [];
    list.push(showtime);
    upcoming.set(showtime.movieId, list);
  }
  return movies
    .filter((movie) => upcoming.has(movie.id))
    .map((movie) => ({
      movie,
      showtimes: (upcoming.get(movie.id) ?? []).sort((a, b) => parseInstant(a.startsAt) - parseInstant(b.startsAt)),
    }))
    .sort((a, b) => firstStart(a) - firstStart(b));
}

function firstStart(film: KioskFilm): number {
  const first = film.showtimes[0];
  return first ? parseInstant(first.startsAt) : Number.POSITIVE_INFINITY;
}

export async function loadProgramme(accountTheaterIds: readonly number[]): Promise<KioskProgramme | null> {
  const theaters = await call('theaters.list', {});
  const theater = pickTheater(theaters.items, accountTheaterIds);
  if (!theater) return null;
  const now = Date.now();
  const date = localDateOf(now, theater.timeZone);
  const [movies, showtimes] = await Promise.all([
    listMovies({ status: 'active' }),
    listShowtimes({ date, theaterId: theater.id }),
  ]);
  const playing = filmsPlaying(movies, showtimes, now);
  if (playing.length > 0) return { theater, date, playingToday: true, films: playing };
  return { theater, date, playingToday: false, films: movies.map((movie) => ({ movie, showtimes: [] })) };
}
