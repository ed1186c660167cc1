/**
 * The demo cinema (`--demo`, and the desktop app's first-run offer): ten films with posters, one theater
 * with four differently shaped screens, staff and device accounts, and two weeks of showtimes from today
 * in the theater's time zone.
 *
 * It goes through the dispatcher like any admin would, so every rule (validation, overlap checks, audit)
 * applies to it. It only ever loads into an empty catalog: with any theater or film present it does
 * nothing. It is not one transaction: a load that fails half way leaves what it created (the catalog is
 * then not empty, so it is not retried); delete the data folder to start again.
 */
import type { InputOf, OperationName, OutputOf } from '../../shared/contract/index';
import { DomainError } from '../../shared/contract/errors';
import type { UserRole } from '../../shared/domain/roles';
import { addDays, localDateOf, toOffsetIso } from '../../shared/domain/time';
import type { Actor } from '../core/actor';
import type { CallContext } from '../core/context';
import type { Core } from '../core/core';
import { DEMO_FILMS, DEMO_PRICES } from './demo-films';
import { planProgramme } from './demo-programme';
import { readPosters } from './demo-resources';
import { DEMO_SCREENS } from './demo-screens';

export { DEMO_FILMS } from './demo-films';
export { DEMO_SCREENS } from './demo-screens';
export { findResourcesDir } from './demo-resources';

export const DEMO_THEATER = {
  name: 'Marquee Riverside',
  timeZone: 'Europe/London',
  currency: 'GBP',
  address: '14 Wharf Lane, Riverside Quay, Bristol BS1 4RN',
  trailerMinutes: 20,
} as const;

/** Days of showtimes, today included. */
export const DEMO_DAYS = 14;

/** The demo's staff and device accounts; all get the password the caller passes (the admin's). */
export const DEMO_USERS: ReadonlyArray<{ username: string; role: UserRole; name: string; ofTheater: boolean }> = [
  { username: 'manager', role: 'manager', name: 'Riverside Manager', ofTheater: true },
  { username: 'cashier', role: 'cashier', name: 'Riverside Box Office', ofTheater: true },
  { username: 'kiosk1', role: 'kiosk', name: 'Foyer Kiosk 1', ofTheater: true },
  { username: 'door1', role: 'scanner', name: 'Door Scanner 1', ofTheater: true },
];

export interface DemoOptions {
  /** Password for the demo's accounts (the admin's). Without one (or one the contract refuses), no accounts are created. */
  password?: string;
  /** "Now" for the programme's first day; the core's clock by default. */
  now?: number;
}

export interface DemoResult {
  loaded: boolean;
  /** Usernames of the accounts created (an existing username is left alone). */
  users: string[];
  showtimes: number;
}

const BOOTSTRAP: Actor = { kind: 'user', id: 0, username: 'system', role: 'admin', theaterIds: [], sessionId: 0 };

export async function loadDemoCinema(core: Core, options: DemoOptions = {}): Promise<DemoResult> {
  const ctx: CallContext = { actor: await adminActor(core), transport: 'memory' };
  const call = <N extends OperationName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> =>
    core.dispatcher.call(name, input, ctx);

  const [theaters, movies] = await Promise.all([
    call('theaters.list', {}),
    call('movies.list', { status: 'all', limit: 1 }),
  ]);
  if (theaters.items.length > 0 || movies.items.length > 0) return { loaded: false, users: [], showtimes: 0 };

  const posters = readPosters(DEMO_FILMS.map((film) => film.slug));
  const now = options.now ?? core.clock.now();
  const theater = await call('theaters.create', { ...DEMO_THEATER });
  await call('pricing.set', { theaterId: theater.id, ...DEMO_PRICES });
  const today = localDateOf(now, theater.timeZone);

  // Hashing passwords is slow (scrypt, off the main thread): let it run while the catalog is written.
  const users = createUsers(call, theater.id, options.password);
  users.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled meanwhile

  const movieIds = new Map<string, number>();
  for (const film of DEMO_FILMS) {
    const movie = await call('movies.create', {
      title: film.title,
      durationMinutes: film.durationMinutes,
      description: film.description,
      releaseDate: addDays(today, film.releaseOffsetDays),
      genres: film.genres,
      language: film.language,
      certificate: film.certificate,
    });
    const poster = posters.get(film.slug);
    if (poster)
      await call('movies.setPoster', {
        movieId: movie.id,
        contentType: poster.contentType,
        data: poster.data.toString('base64'),
      });
    movieIds.set(film.slug, movie.id);
  }

  const screenIds = new Map<string, number>();
  for (const screen of DEMO_SCREENS) {
    const created = await call('screens.create', {
      theaterId: theater.id,
      name: screen.name,
      layout: screen.layout,
      cleaningMinutes: screen.cleaningMinutes,
    });
    screenIds.set(screen.key, created.id);
  }

  const programme = planProgramme({
    films: DEMO_FILMS,
    screens: DEMO_SCREENS,
    today,
    days: DEMO_DAYS,
    timeZone: theater.timeZone,
    trailerMinutes: theater.trailerMinutes,
  });
  for (const show of programme) {
    await call('showtimes.create', {
      movieId: idOf(movieIds, show.slug),
      screenId: idOf(screenIds, show.screenKey),
      startsAt: toOffsetIso(show.startsAt, theater.timeZone),
      format: show.format,
    });
  }

  return { loaded: true, users: await users, showtimes: programme.length };
}

function idOf(ids: Map<string, number>, key: string): number {
  const id = ids.get(key);
  if (id === undefined) throw new Error(`demo programme names an unknown film or screen: ${key}`);
  return id;
}

/** The admin the demo acts as: the `admin` user, else the first admin. */
async function adminActor(core: Core): Promise<Actor> {
  const admins = await core.dispatcher.call(
    'users.list',
    { role: 'admin', limit: 200 },
    { actor: BOOTSTRAP, transport: 'memory' },
  );
  const admin = admins.items.find((user) => user.username === 'admin') ?? admins.items[0];
  if (!admin) throw new Error('the demo cinema needs an admin user: create it first');
  return { kind: 'user', id: admin.id, username: admin.username, role: 'admin', theaterIds: [], sessionId: 0 };
}

type Call = <N extends OperationName>(name: N, input: InputOf<N>) => Promise<OutputOf<N>>;

async function createUsers(call: Call, theaterId: number, password: string | undefined): Promise<string[]> {
  if (!password || password.length < 10) return [];
  const created = await Promise.all(
    DEMO_USERS.map(async (user) => {
      try {
        await call('users.create', {
          username: user.username,
          password,
          role: user.role,
          name: user.name,
          theaterIds: user.ofTheater ? [theaterId] : [],
        });
        return user.username;
      } catch (error) {
        if (error instanceof DomainError && error.code === 'username_taken') return null;
        throw error;
      }
    }),
  );
  return created.filter((name): name is string => name !== null);
}
