/**
 * Plans the demo's two weeks of showtimes: per screen and day, a rotation of films played back to back
 * from a first show in the late morning to a last start no later than 22:30.
 *
 * Invariant: on one screen, each start is at or after the previous start + trailers + the film + the
 * screen's cleaning time, rounded up to 5 minutes; the server refuses anything tighter (409
 * showtime_conflict). Every real time zone's offset is a multiple of 15 minutes, so rounding the instant
 * to 5 minutes also rounds the local wall-clock time.
 */
import type { ShowtimeFormat } from '../../shared/domain/seat-types';
import { addDays, zonedEpoch } from '../../shared/domain/time';
import type { DemoFilm } from './demo-films';
import type { DemoScreen } from './demo-screens';

export interface PlannedShowtime {
  slug: string;
  screenKey: DemoScreen['key'];
  startsAt: number;
  format: ShowtimeFormat;
}

interface Slot {
  slug: string;
  format?: ShowtimeFormat;
}

interface DayPlan {
  /** Local "HH:MM" of the first show. */
  first: string;
  slots: Slot[];
}

const MINUTE = 60_000;
const ROUND = 5 * MINUTE;
const LAST_START = '22:30';
const MAX_SHOWS_PER_SCREEN = 5;

/** The screen's films for one day; `dayIndex` 0 is today, `weekend` is Saturday or Sunday. */
type Rotation = (day: { dayIndex: number; weekend: boolean; released: (slug: string) => boolean }) => DayPlan;

const ROTATIONS: Record<DemoScreen['key'], Rotation> = {
  // The big screen: the two event films, Ashfall in IMAX, Neon Tide's second show of the day in 3D.
  grand: ({ dayIndex, weekend }) => {
    const ashfall: Slot = { slug: 'ashfall-protocol', format: 'IMAX' };
    const neon: Slot = { slug: 'neon-tide', format: '2D' };
    const neon3d: Slot = { slug: 'neon-tide', format: '3D' };
    return {
      first: weekend ? '10:30' : '11:00',
      slots: dayIndex % 2 === 0 ? [ashfall, neon, ashfall, neon3d, ashfall] : [neon, ashfall, neon3d, ashfall, neon],
    };
  },
  // The mid-size house: the main dramas and thrillers, with a family matinee at weekends.
  two: ({ dayIndex, weekend }) => {
    const main = [
      'the-last-lighthouse',
      'glass-meridian',
      'midnight-at-the-marigold',
      'glass-meridian',
      'the-last-lighthouse',
    ];
    const shift = dayIndex % 3;
    const rotated = [...main.slice(shift), ...main.slice(0, shift)].map((slug) => ({ slug }));
    return weekend
      ? { first: '10:45', slots: [{ slug: 'saltwater-kings' }, ...rotated] }
      : { first: '12:00', slots: rotated };
  },
  // The boutique room: slower films and the late horror; Wild Summer Radio from its release day.
  snug: ({ released }) => ({
    first: '13:00',
    slots: [
      { slug: 'midnight-at-the-marigold' },
      { slug: 'a-quiet-orbit' },
      { slug: released('wild-summer-radio') ? 'wild-summer-radio' : 'the-last-lighthouse' },
      { slug: 'the-hollow-choir' },
    ],
  }),
  // The wide room: family matinees (Paper Foxes in 3D every other day), evening thrillers, a late horror.
  wide: ({ dayIndex, weekend }) => ({
    first: weekend ? '10:30' : '11:15',
    slots: [
      { slug: 'paper-foxes', format: dayIndex % 2 === 0 ? '3D' : '2D' },
      { slug: 'saltwater-kings' },
      { slug: 'paper-foxes' },
      { slug: dayIndex % 2 === 0 ? 'neon-tide' : 'glass-meridian' },
      { slug: 'the-hollow-choir' },
    ],
  }),
};

export function roundUpTo5Minutes(epochMs: number): number {
  return Math.ceil(epochMs / ROUND) * ROUND;
}

/** The local weekday (1 = Monday ... 7 = Sunday) of a YYYY-MM-DD date. */
function isoWeekday(date: string): number {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export function planProgramme(input: {
  films: readonly DemoFilm[];
  screens: readonly DemoScreen[];
  today: string;
  days: number;
  timeZone: string;
  trailerMinutes: number;
}): PlannedShowtime[] {
  const films = new Map(input.films.map((film) => [film.slug, film]));
  const planned: PlannedShowtime[] = [];
  for (let dayIndex = 0; dayIndex < input.days; dayIndex += 1) {
    const date = addDays(input.today, dayIndex);
    const weekend = isoWeekday(date) >= 6;
    const released = (slug: string) => (films.get(slug)?.releaseOffsetDays ?? 0) <= dayIndex;
    const lastStart = zonedEpoch(date, LAST_START, input.timeZone);
    for (const screen of input.screens) {
      const plan = ROTATIONS[screen.key]({ dayIndex, weekend, released });
      let startsAt = zonedEpoch(date, plan.first, input.timeZone);
      let shows = 0;
      for (const slot of plan.slots) {
        if (startsAt > lastStart || shows >= MAX_SHOWS_PER_SCREEN) break;
        const film = films.get(slot.slug);
        if (!film) throw new Error(`demo programme names an unknown film: ${slot.slug}`);
        if (!released(film.slug)) continue;
        planned.push({ slug: film.slug, screenKey: screen.key, startsAt, format: slot.format ?? '2D' });
        shows += 1;
        const busy = (input.trailerMinutes + film.durationMinutes + screen.cleaningMinutes) * MINUTE;
        startsAt = roundUpTo5Minutes(startsAt + busy);
      }
    }
  }
  return planned.sort((a, b) => a.startsAt - b.startsAt);
}
