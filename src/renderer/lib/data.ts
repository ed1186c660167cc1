/**
 * Reads that several screens share: whole lists across pages, and the theater a screen works for.
 * Lists are bounded (at most `maxPages` pages of 200) so a huge catalog cannot hang a screen.
 */
import type { Movie, Showtime, Theater } from '../../shared/contract/index';
import { call } from './client';

const PAGE = 200;

export async function listShowtimes(
  filter: { date?: string; theaterId?: number; movieId?: number; screenId?: number },
  maxPages = 10,
): Promise<Showtime[]> {
  const items: Showtime[] = [];
  let cursor: string | undefined;
  for (let pageIndex = 0; pageIndex < maxPages; pageIndex += 1) {
    const page = await call('showtimes.list', { ...filter, limit: PAGE, cursor });
    items.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return items;
}

export async function listMovies(
  filter: { status?: 'active' | 'archived' | 'all'; q?: string },
  maxPages = 10,
): Promise<Movie[]> {
  const items: Movie[] = [];
  let cursor: string | undefined;
  for (let pageIndex = 0; pageIndex < maxPages; pageIndex += 1) {
    const page = await call('movies.list', { ...filter, limit: PAGE, cursor });
    items.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return items;
}

const THEATER_KEY = 'marquee.theaterId';

/**
 * The theater this device works for: the one chosen before on this device, else the first one the
 * account belongs to, else the first one there is.
 */
export function pickTheater(theaters: readonly Theater[], accountTheaterIds: readonly number[]): Theater | null {
  let saved: number | null = null;
  try {
    const raw = window.localStorage.getItem(THEATER_KEY);
    saved = raw === null ? null : Number(raw);
  } catch {
    saved = null;
  }
  return (
    theaters.find((theater) => theater.id === saved) ??
    theaters.find((theater) => accountTheaterIds.includes(theater.id)) ??
    theaters[0] ??
    null
  );
}

export function rememberTheater(theaterId: number): void {
  try {
    window.localStorage.setItem(THEATER_KEY, String(theaterId));
  } catch {
    /* not remembered; the default pick still works */
  }
}
