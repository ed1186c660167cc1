import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/main/core/core';
import type { Actor } from '../../../src/main/core/actor';
import { ManualClock } from '../../../src/main/core/clock';
import { DEMO_DAYS, DEMO_FILMS, DEMO_SCREENS, DEMO_THEATER, loadDemoCinema } from '../../../src/main/demo/index';
import { planProgramme } from '../../../src/main/demo/demo-programme';
import { findResourcesDir } from '../../../src/main/demo/demo-resources';
import type { InputOf, OperationName, OutputOf } from '../../../src/shared/contract/index';
import { addDays, localDateOf, localTimeOf, parseInstant } from '../../../src/shared/domain/time';

const PASSWORD = 'some-password-123';
const SCRYPT = { log2N: 10, r: 8, p: 1 };
const MINUTE = 60_000;

interface Setup {
  core: Core;
  call: <N extends OperationName>(name: N, input: InputOf<N>, actor?: Actor) => Promise<OutputOf<N>>;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup(now: number): Promise<Setup> {
  const dataDir = mkdtempSync(join(tmpdir(), 'marquee-demo-'));
  const core = await createCore({ dataDir, clock: new ManualClock(now), scrypt: SCRYPT });
  cleanups.push(async () => {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  await core.accounts.ensureInitialAdmin(PASSWORD);
  const bootstrap: Actor = { kind: 'user', id: 0, username: 'system', role: 'admin', theaterIds: [], sessionId: 0 };
  const adminUser = (
    await core.dispatcher.call('users.list', { role: 'admin' }, { actor: bootstrap, transport: 'memory' })
  ).items[0];
  if (!adminUser) throw new Error('no admin');
  const admin: Actor = {
    kind: 'user',
    id: adminUser.id,
    username: 'admin',
    role: 'admin',
    theaterIds: [],
    sessionId: 0,
  };
  return {
    core,
    call: (name, input, actor = admin) => core.dispatcher.call(name, input, { actor, transport: 'memory' }),
  };
}

async function allShowtimesOn(call: Setup['call'], date: string, theaterId: number) {
  const items: OutputOf<'showtimes.list'>['items'] = [];
  let cursor: string | undefined;
  do {
    const page = await call('showtimes.list', { date, theaterId, limit: 200, cursor });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

describe('the demo cinema', () => {
  it('loads films with posters, a theater with four screens, accounts and two weeks of showtimes', async () => {
    const now = Date.parse('2026-11-28T09:00:00Z');
    const { core, call } = await setup(now);

    const result = await loadDemoCinema(core, { password: PASSWORD, now });
    expect(result.loaded).toBe(true);

    const movies = await call('movies.list', { limit: 200 });
    expect(movies.items.length).toBeGreaterThanOrEqual(8);
    for (const movie of movies.items) {
      expect(movie.posterUrl, movie.title).toBeTruthy();
      expect(movie.durationMinutes).toBeGreaterThanOrEqual(85);
      expect(movie.durationMinutes).toBeLessThanOrEqual(170);
      expect(movie.trailerUrl).toBeNull();
    }

    const theaters = await call('theaters.list', {});
    expect(theaters.items).toHaveLength(1);
    const theater = theaters.items[0]!;
    expect(theater).toMatchObject({ name: DEMO_THEATER.name, timeZone: 'Europe/London', currency: 'GBP' });

    const screens = (await call('screens.list', { theaterId: theater.id })).items;
    expect(screens.length).toBeGreaterThanOrEqual(4);
    expect(new Set(screens.map((screen) => screen.capacity)).size).toBe(screens.length);
    const big = screens.find((screen) => screen.capacity >= 300);
    expect(big).toBeDefined();
    expect(big!.seatCounts.wheelchair ?? 0).toBeGreaterThan(0);
    expect(big!.seatCounts.companion ?? 0).toBeGreaterThan(0);
    for (const screen of screens) {
      // Every wheelchair space has a companion seat right beside it.
      for (const row of screen.layout.rows) {
        row.seats.forEach((seat, index) => {
          if (seat?.type !== 'wheelchair') return;
          const neighbours = [row.seats[index - 1], row.seats[index + 1]];
          expect(
            neighbours.some((other) => other?.type === 'companion'),
            `${screen.name} ${row.label}${seat.number}`,
          ).toBe(true);
        });
      }
    }

    const users = await call('users.list', { limit: 200 });
    const byName = new Map(users.items.map((user) => [user.username, user]));
    expect(byName.get('manager')).toMatchObject({ role: 'manager', theaterIds: [theater.id] });
    expect(byName.get('cashier')).toMatchObject({ role: 'cashier', theaterIds: [theater.id] });
    expect(byName.get('kiosk1')).toMatchObject({ role: 'kiosk', theaterIds: [theater.id] });
    expect(byName.get('door1')).toMatchObject({ role: 'scanner' });
    const login = await call('auth.login', { username: 'cashier', password: PASSWORD }, { kind: 'anonymous' });
    expect(login.user.role).toBe('cashier');

    const today = localDateOf(now, theater.timeZone);
    let total = 0;
    const formats = new Set<string>();
    for (let day = 0; day < DEMO_DAYS; day += 1) {
      const date = addDays(today, day);
      const shows = await allShowtimesOn(call, date, theater.id);
      expect(shows.length, date).toBeGreaterThanOrEqual(12);
      total += shows.length;
      for (const show of shows) formats.add(show.format);
      for (const screen of screens) {
        const onScreen = shows
          .filter((show) => show.screenId === screen.id)
          .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
        expect(onScreen.length, `${screen.name} on ${date}`).toBeGreaterThanOrEqual(3);
        const first = localTimeOf(parseInstant(onScreen[0]!.startsAt), theater.timeZone);
        const last = localTimeOf(parseInstant(onScreen.at(-1)!.startsAt), theater.timeZone);
        expect(first >= '10:00' && first <= '13:00', `first show ${first}`).toBe(true);
        expect(last >= '19:30' && last <= '22:30', `last show ${last}`).toBe(true);
        for (let i = 1; i < onScreen.length; i += 1) {
          const previousBusyUntil = parseInstant(onScreen[i - 1]!.endsAt) + screen.cleaningMinutes * MINUTE;
          expect(parseInstant(onScreen[i]!.startsAt)).toBeGreaterThanOrEqual(previousBusyUntil);
        }
      }
    }
    expect(total).toBe(result.showtimes);
    expect(total).toBeGreaterThan(150);
    expect(total).toBeLessThan(320);
    expect(formats).toEqual(new Set(['2D', '3D', 'IMAX']));
    // Nothing before today or after the fortnight.
    expect(await allShowtimesOn(call, addDays(today, -1), theater.id)).toHaveLength(0);
    expect(await allShowtimesOn(call, addDays(today, DEMO_DAYS), theater.id)).toHaveLength(0);

    const again = await loadDemoCinema(core, { password: PASSWORD, now });
    expect(again.loaded).toBe(false);
    expect((await call('theaters.list', {})).items).toHaveLength(1);
    expect((await call('movies.list', { limit: 200 })).items).toHaveLength(movies.items.length);
  });

  it('is a no-op when the catalog already has a film', async () => {
    const now = Date.parse('2026-11-28T09:00:00Z');
    const { core, call } = await setup(now);
    await call('movies.create', { title: 'Our own film', durationMinutes: 100 });
    expect((await loadDemoCinema(core, { password: PASSWORD, now })).loaded).toBe(false);
    expect((await call('theaters.list', {})).items).toHaveLength(0);
  });

  it('creates no accounts without a password', async () => {
    const now = Date.parse('2026-11-28T09:00:00Z');
    const { core, call } = await setup(now);
    const result = await loadDemoCinema(core, { now });
    expect(result).toMatchObject({ loaded: true, users: [] });
    expect((await call('users.list', {})).items.map((user) => user.username)).toEqual(['admin']);
  });
});

describe('the demo programme', () => {
  // Both of London's clock changes, a leap day and a year end fall inside these fortnights.
  const starts = ['2027-03-20', '2026-10-18', '2028-02-20', '2026-12-25', '2026-11-28'];

  it.each(starts)('never overlaps on a screen for a fortnight from %s', (today) => {
    const planned = planProgramme({
      films: DEMO_FILMS,
      screens: DEMO_SCREENS,
      today,
      days: DEMO_DAYS,
      timeZone: 'Europe/London',
      trailerMinutes: 20,
    });
    const films = new Map(DEMO_FILMS.map((film) => [film.slug, film]));
    for (const screen of DEMO_SCREENS) {
      const shows = planned.filter((show) => show.screenKey === screen.key);
      for (let i = 1; i < shows.length; i += 1) {
        const previous = shows[i - 1]!;
        const busy = (20 + films.get(previous.slug)!.durationMinutes + screen.cleaningMinutes) * MINUTE;
        expect(shows[i]!.startsAt).toBeGreaterThanOrEqual(previous.startsAt + busy);
        expect(shows[i]!.startsAt % (5 * MINUTE)).toBe(0);
      }
    }
    const dates = new Set(planned.map((show) => localDateOf(show.startsAt, 'Europe/London')));
    expect(dates).toEqual(new Set(Array.from({ length: DEMO_DAYS }, (_, day) => addDays(today, day))));
  });

  it('schedules a film only from its release date', () => {
    const today = '2026-11-28';
    const planned = planProgramme({
      films: DEMO_FILMS,
      screens: DEMO_SCREENS,
      today,
      days: DEMO_DAYS,
      timeZone: 'Europe/London',
      trailerMinutes: 20,
    });
    for (const film of DEMO_FILMS) {
      const releaseDate = addDays(today, film.releaseOffsetDays);
      for (const show of planned.filter((item) => item.slug === film.slug)) {
        expect(localDateOf(show.startsAt, 'Europe/London') >= releaseDate, film.slug).toBe(true);
      }
    }
  });

  it('plans in any time zone, with shows between late morning and 22:30 local time', () => {
    const planned = planProgramme({
      films: DEMO_FILMS,
      screens: DEMO_SCREENS,
      today: '2026-11-28',
      days: 3,
      timeZone: 'Asia/Kathmandu',
      trailerMinutes: 20,
    });
    for (const show of planned) {
      const time = localTimeOf(show.startsAt, 'Asia/Kathmandu');
      expect(time >= '10:30' && time <= '22:30', time).toBe(true);
      expect(Number(time.slice(3)) % 5).toBe(0);
    }
  });
});

describe('the demo resources', () => {
  it('finds resources/demo from the source tree, or where MARQUEE_RESOURCES_DIR points', () => {
    const found = findResourcesDir({});
    expect(found).not.toBeNull();
    expect(findResourcesDir({ MARQUEE_RESOURCES_DIR: found! })).toBe(found);
    expect(findResourcesDir({ MARQUEE_RESOURCES_DIR: join(tmpdir(), 'no-such-marquee-dir') })).toBeNull();
  });
});
