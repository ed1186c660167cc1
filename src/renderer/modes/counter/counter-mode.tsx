/**
 * Counter mode: the box office. Dense and keyboard-first on a 1366×768 screen: the day's shows per screen
 * with live occupancy on the left, the selected show's details on the right, shortcuts always shown.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Movie, Screen, Showtime, Theater } from '../../../shared/contract/index';
import { addDays, localDateOf } from '../../../shared/domain/time';
import { Brand } from '../../components/brand';
import { IconAlert, IconCalendar, IconRefresh } from '../../components/icons';
import { SignedInUser } from '../../components/signed-in-user';
import { SessionGate, type SignedIn } from '../../components/session-gate';
import { FullPageSpinner, StateMessage } from '../../components/states';
import { call } from '../../lib/client';
import { listMovies, listShowtimes, pickTheater, rememberTheater } from '../../lib/data';
import { errorMessage } from '../../lib/errors';
import { formatDateLong, formatTime } from '../../lib/format';
import { useAsync, useNow } from '../../lib/use-async';
import '../../styles/counter.css';
import { DayPicker } from './day-picker';
import { ScheduleBoard, type BoardColumn } from './schedule-board';
import { ShowtimeDetail } from './showtime-detail';

const REFRESH_MS = 30_000;

export function CounterMode() {
  return <SessionGate mode="counter">{(session) => <CounterHome session={session} />}</SessionGate>;
}

/** Finds the theater first: everything else is shown in its time zone. */
function CounterHome({ session }: { session: SignedIn }) {
  const theaters = useAsync(() => call('theaters.list', {}), []);
  const [theaterId, setTheaterId] = useState<number | null>(null);

  if (theaters.status === 'error' && !theaters.data) {
    return (
      <main className="full-page-center">
        <StateMessage
          role="alert"
          icon={<IconAlert />}
          title="Could not load the cinema"
          actions={
            <button type="button" className="btn btn--primary" onClick={theaters.reload}>
              Try again
            </button>
          }
        >
          {errorMessage(theaters.error)}
        </StateMessage>
      </main>
    );
  }
  if (!theaters.data) return <FullPageSpinner label="Loading the cinema…" />;

  const items = theaters.data.items;
  const theater = items.find((candidate) => candidate.id === theaterId) ?? pickTheater(items, session.me.theaterIds);
  if (!theater) {
    return (
      <main className="full-page-center">
        <StateMessage icon={<IconCalendar />} title="No cinema set up yet">
          Ask an admin to add the theater and its screens in Admin; the counter shows its programme here.
        </StateMessage>
      </main>
    );
  }
  return (
    <CounterScreen
      key={theater.id}
      session={session}
      theater={theater}
      theaters={items}
      onTheaterChange={(id) => {
        rememberTheater(id);
        setTheaterId(id);
      }}
    />
  );
}

interface CounterData {
  screens: Screen[];
  showtimes: Showtime[];
}

function CounterScreen({
  session,
  theater,
  theaters,
  onTheaterChange,
}: {
  session: SignedIn;
  theater: Theater;
  theaters: Theater[];
  onTheaterChange: (theaterId: number) => void;
}) {
  const now = useNow(15_000);
  const today = localDateOf(now, theater.timeZone);
  const [date, setDate] = useState(today);
  const [selectedId, setSelectedId] = useState<number | null>(null);

  const schedule = useAsync<CounterData>(async () => {
    const [screens, showtimes] = await Promise.all([
      call('screens.list', { theaterId: theater.id }),
      listShowtimes({ date, theaterId: theater.id }),
    ]);
    return { screens: screens.items, showtimes };
  }, [theater.id, date]);

  // Posters, certificates and runtimes for the detail panel; the board works without them.
  const movies = useAsync(() => listMovies({ status: 'all' }), []);
  const moviesById = useMemo(
    () => new Map<number, Movie>((movies.data ?? []).map((movie) => [movie.id, movie])),
    [movies.data],
  );

  // Live occupancy: ask again every half minute while the counter is open.
  const { reload } = schedule;
  useEffect(() => {
    const timer = window.setInterval(reload, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reload]);

  const columns = useMemo<BoardColumn[]>(() => {
    if (!schedule.data) return [];
    const byScreen = new Map<number, Showtime[]>();
    for (const showtime of schedule.data.showtimes) {
      const list = byScreen.get(showtime.screenId) ?? [];
      list.push(showtime);
      byScreen.set(showtime.screenId, list);
    }
    const known = schedule.data.screens.map((screen) => ({
      screenId: screen.id,
      screenName: screen.name,
      capacity: screen.capacity,
      showtimes: byScreen.get(screen.id) ?? [],
    }));
    // A showtime on a screen the list did not return (race with a new screen) still gets a column.
    const extra = [...byScreen.entries()]
      .filter(([screenId]) => !schedule.data?.screens.some((screen) => screen.id === screenId))
      .map(([screenId, showtimes]) => ({
        screenId,
        screenName: showtimes[0]?.screenName ?? `Screen ${screenId}`,
        capacity: showtimes[0]?.capacity ?? null,
        showtimes,
      }));
    return [...known, ...extra];
  }, [schedule.data]);

  const showtimes = useMemo(() => schedule.data?.showtimes ?? [], [schedule.data]);
  // Until the cashier picks one (or when a refresh removed it), the next show to start is selected, so
  // the detail panel is useful at once.
  const selected =
    showtimes.find((showtime) => showtime.id === selectedId) ??
    showtimes.find((showtime) => Date.parse(showtime.startsAt) > now) ??
    showtimes[0] ??
    null;

  // Global shortcuts, ignored while typing in a field.
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      const key = event.key.toLowerCase();
      if (key === '[') setDate((value) => addDays(value, -1));
      else if (key === ']') setDate((value) => addDays(value, 1));
      else if (key === 't') setDate(today);
      else if (key === 'r') reload();
      else if (event.key.startsWith('Arrow') && !target?.closest('.board')) {
        // Arrows from anywhere land on the board, at the selected show.
        const card = document.querySelector<HTMLButtonElement>('.show-card[tabindex="0"]');
        if (card) {
          event.preventDefault();
          card.focus();
        }
      } else return;
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [today, reload]);

  const totals = useMemo(() => {
    const upcoming = showtimes.filter((showtime) => Date.parse(showtime.startsAt) > now);
    return {
      shows: showtimes.length,
      upcoming: upcoming.length,
      seatsLeft: upcoming.reduce((sum, showtime) => sum + showtime.seatsAvailable, 0),
    };
  }, [showtimes, now]);

  return (
    <div className="counter">
      <header className="counter__header">
        <Brand label="Box office" />
        <div className="counter__theater">
          {theaters.length > 1 ? (
            <label>
              <span className="visually-hidden">Theater</span>
              <select
                className="input input--compact"
                value={theater.id}
                onChange={(event) => onTheaterChange(Number(event.target.value))}
              >
                {theaters.map((item) => (
                  <option key={item.id} value={item.id}>
                    {item.name}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <span className="counter__theater-name">{theater.name}</span>
          )}
        </div>
        <div className="counter__clock" aria-label="Local time at the cinema">
          <span className="counter__clock-date">{formatDateLong(today)}</span>
          <time className="counter__clock-time num" dateTime={new Date(now).toISOString()}>
            {formatTime(new Date(now).toISOString(), theater.timeZone)}
          </time>
        </div>
        <SignedInUser session={session} className="counter__user" />
      </header>

      <div className="counter__toolbar">
        <DayPicker today={today} date={date} onChange={setDate} />
        <p className="counter__totals num" aria-live="polite">
          {schedule.data ? (
            <>
              <strong>{totals.shows}</strong> shows
              {date === today ? (
                <>
                  {' '}
                  · <strong>{totals.upcoming}</strong> still to start · <strong>{totals.seatsLeft}</strong> seats left
                </>
              ) : null}
            </>
          ) : null}
        </p>
        <button
          type="button"
          className="btn"
          onClick={reload}
          aria-keyshortcuts="r"
          disabled={schedule.status === 'loading'}
        >
          <IconRefresh />
          Refresh <kbd className="kbd">R</kbd>
        </button>
      </div>

      {schedule.status === 'error' ? (
        <div className="counter__banner alert" role="alert">
          <IconAlert />
          <span>
            {schedule.data ? 'Showing the last known programme. ' : ''}
            {errorMessage(schedule.error)}
          </span>
          <button type="button" className="btn btn--ghost" onClick={reload}>
            Try again
          </button>
        </div>
      ) : null}

      <main className="counter__main">
        <div className="counter__board" aria-busy={schedule.status === 'loading'}>
          {!schedule.data ? (
            schedule.status === 'loading' ? (
              <BoardSkeleton />
            ) : null
          ) : showtimes.length === 0 ? (
            <StateMessage
              icon={<IconCalendar />}
              title={`Nothing scheduled on ${formatDateLong(date)}`}
              actions={
                date !== today ? (
                  <button type="button" className="btn" onClick={() => setDate(today)}>
                    Back to today <kbd className="kbd">T</kbd>
                  </button>
                ) : null
              }
            >
              Showtimes are planned in Admin. Pick another day above, or ask a manager to schedule this one.
            </StateMessage>
          ) : (
            <ScheduleBoard
              columns={columns}
              selectedId={selected?.id ?? null}
              onSelect={setSelectedId}
              timeZone={theater.timeZone}
              now={now}
            />
          )}
        </div>
        <ShowtimeDetail
          showtime={selected}
          movie={selected ? (moviesById.get(selected.movieId) ?? null) : null}
          sameFilm={
            selected
              ? showtimes.filter((showtime) => showtime.movieId === selected.movieId && showtime.id !== selected.id)
              : []
          }
          onSelect={setSelectedId}
          timeZone={theater.timeZone}
          now={now}
        />
      </main>

      <footer className="counter__footer" aria-label="Keyboard shortcuts">
        <span>
          <kbd className="kbd">←</kbd>
          <kbd className="kbd">↑</kbd>
          <kbd className="kbd">↓</kbd>
          <kbd className="kbd">→</kbd> move between shows
        </span>
        <span>
          <kbd className="kbd">Home</kbd>
          <kbd className="kbd">End</kbd> first / last on a screen
        </span>
        <span>
          <kbd className="kbd">[</kbd>
          <kbd className="kbd">]</kbd> previous / next day
        </span>
        <span>
          <kbd className="kbd">T</kbd> today
        </span>
        <span>
          <kbd className="kbd">R</kbd> refresh
        </span>
        <span className="counter__footer-zone">Times in {theater.timeZone.replace(/_/g, ' ')}</span>
      </footer>
    </div>
  );
}

function BoardSkeleton() {
  return (
    <div className="board board--skeleton" aria-hidden="true">
      {[0, 1, 2, 3].map((column) => (
        <div key={column} className="board__column">
          <div className="skeleton board__skeleton-head" />
          {[0, 1, 2, 3].map((row) => (
            <div key={row} className="skeleton board__skeleton-card" />
          ))}
        </div>
      ))}
    </div>
  );
}
