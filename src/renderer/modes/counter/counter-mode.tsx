/**
 * Counter mode: the box office. Dense and keyboard-first on a 1366×768 screen. The cashier opens a shift,
 * sees the day's shows per screen (or per film) with live occupancy, opens one (Enter) to sell from the
 * seat map beside the list of shows, finds bookings after the sale (L), closes the shift (Z), and locks
 * the till (Ctrl+L, or after a few idle minutes). `/counter/display` is the customer-facing second screen.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Movie, Screen, Showtime, Theater } from '../../../shared/contract/index';
import { addDays, localDateOf } from '../../../shared/domain/time';
import { Brand } from '../../components/brand';
import { IconAlert, IconCalendar, IconMonitor, IconRefresh, IconSearch } from '../../components/icons';
import { SignedInUser } from '../../components/signed-in-user';
import { SessionGate, type SignedIn } from '../../components/session-gate';
import { FullPageSpinner, StateMessage } from '../../components/states';
import { call } from '../../lib/client';
import { listMovies, listShowtimes, pickTheater, rememberTheater } from '../../lib/data';
import { errorMessage } from '../../lib/errors';
import { formatDateLong, formatTime } from '../../lib/format';
import { useSeatChanges } from '../../lib/live-events';
import { formatMoney } from '../../lib/money';
import { useAsync, useNow } from '../../lib/use-async';
import '../../styles/counter.css';
import { CustomerDisplay } from './customer-display';
import { DayPicker } from './day-picker';
import { LockScreen, useIdleLock } from './lock-screen';
import { LookupScreen } from './lookup';
import { SaleScreen } from './sale-screen';
import { ScheduleBoard, type BoardColumn } from './schedule-board';
import { CloseShift, ShiftGate, type ShiftContext } from './shift';
import { ShowList } from './show-list';
import { ShowtimeDetail } from './showtime-detail';

const REFRESH_MS = 30_000;

export function CounterMode() {
  if (window.location.pathname.replace(/\/+$/, '') === '/counter/display') return <CustomerDisplay />;
  return <SessionGate mode="counter">{(session) => <CounterHome key={session.me.id} session={session} />}</SessionGate>;
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
    <CounterLocked session={session}>
      <ShiftGate
        currency={theater.currency}
        header={
          <header className="counter__header">
            <Brand label="Box office" />
            <span className="counter__theater-name">{theater.name}</span>
            <span />
            <SignedInUser session={session} className="counter__user" />
          </header>
        }
      >
        {(shift) => (
          <CounterScreen
            key={theater.id}
            session={session}
            shift={shift}
            theater={theater}
            theaters={items}
            onTheaterChange={(id) => {
              rememberTheater(id);
              setTheaterId(id);
            }}
          />
        )}
      </ShiftGate>
    </CounterLocked>
  );
}

/** The counter under its lock: idle minutes or Ctrl+L cover it until the cashier signs in again. */
function CounterLocked({ session, children }: { session: SignedIn; children: React.ReactNode }) {
  const { locked, unlock } = useIdleLock();
  return (
    <>
      <div inert={locked} className="counter-root">
        {children}
      </div>
      {locked ? <LockScreen session={session} onUnlocked={unlock} /> : null}
    </>
  );
}

type View = { kind: 'schedule' } | { kind: 'sale'; showtime: Showtime } | { kind: 'lookup' } | { kind: 'close' };

interface CounterData {
  screens: Screen[];
  showtimes: Showtime[];
}

function CounterScreen({
  session,
  shift,
  theater,
  theaters,
  onTheaterChange,
}: {
  session: SignedIn;
  shift: ShiftContext;
  theater: Theater;
  theaters: Theater[];
  onTheaterChange: (theaterId: number) => void;
}) {
  const now = useNow(15_000);
  const today = localDateOf(now, theater.timeZone);
  const [date, setDate] = useState(today);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [view, setView] = useState<View>({ kind: 'schedule' });
  const [groupBy, setGroupBy] = useState<'screen' | 'film'>('screen');

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

  // Live occupancy: seat events reload the programme at once; a half-minute refresh catches the rest.
  const { reload } = schedule;
  useSeatChanges(null, reload, 1000);
  useEffect(() => {
    const timer = window.setInterval(reload, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reload]);

  const columns = useMemo<BoardColumn[]>(() => {
    if (!schedule.data) return [];
    if (groupBy === 'film') {
      const byFilm = new Map<number, Showtime[]>();
      for (const showtime of schedule.data.showtimes) {
        const list = byFilm.get(showtime.movieId) ?? [];
        list.push(showtime);
        byFilm.set(showtime.movieId, list);
      }
      return [...byFilm.entries()].map(([movieId, list]) => ({
        screenId: movieId,
        screenName: list[0]?.movieTitle ?? `Film ${movieId}`,
        capacity: null,
        showtimes: list,
      }));
    }
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
  }, [schedule.data, groupBy]);

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
    if (view.kind !== 'schedule') return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
      if (document.querySelector('[data-overlay-open]')) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      const key = event.key.toLowerCase();
      // Keys that open a screen with a focused field are not typed into it.
      if (key === 'l' || key === 'z') event.preventDefault();
      if (key === 'l') setView({ kind: 'lookup' });
      else if (key === 'z') setView({ kind: 'close' });
      else if (key === 'g') setGroupBy((value) => (value === 'screen' ? 'film' : 'screen'));
      else if (key === '[') setDate((value) => addDays(value, -1));
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
  }, [today, reload, view.kind]);

  // Escape from the shift close goes back to the programme.
  useEffect(() => {
    if (view.kind !== 'close') return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === 'Escape' && !event.defaultPrevented) {
        event.preventDefault();
        setView({ kind: 'schedule' });
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [view.kind]);

  const openSale = (showtime: Showtime | null) => {
    if (!showtime || showtime.status === 'cancelled') return;
    setSelectedId(showtime.id);
    setView({ kind: 'sale', showtime });
  };
  const backToSchedule = () => {
    setView({ kind: 'schedule' });
    // The board gets the focus back at the show that was sold.
    window.setTimeout(() => document.querySelector<HTMLElement>('.show-card[tabindex="0"]')?.focus(), 0);
  };
  // The sale's show, kept fresh from the live programme (its seats left move as others sell).
  const saleShowtime =
    view.kind === 'sale' ? (showtimes.find((item) => item.id === view.showtime.id) ?? view.showtime) : null;

  const totals = useMemo(() => {
    const upcoming = showtimes.filter((showtime) => Date.parse(showtime.startsAt) > now);
    return {
      shows: showtimes.length,
      upcoming: upcoming.length,
      seatsLeft: upcoming.reduce((sum, showtime) => sum + showtime.seatsAvailable, 0),
    };
  }, [showtimes, now]);

  const shiftOpenedAt = formatTime(shift.shift.openedAt, theater.timeZone);

  return (
    <div className="counter" data-view={view.kind}>
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
                disabled={view.kind === 'sale'}
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
        <div className="counter__shift" data-testid="shift-chip">
          <span className="counter__shift-text num">
            Shift since {shiftOpenedAt} · float {formatMoney(shift.shift.openingFloat, theater.currency)}
          </span>
          <button
            type="button"
            className="btn btn--ghost btn--compact"
            onClick={() => setView({ kind: 'close' })}
            aria-keyshortcuts="z"
            disabled={view.kind === 'sale'}
          >
            Close shift <kbd className="kbd">Z</kbd>
          </button>
        </div>
        <div className="counter__tools">
          <button
            type="button"
            className="btn btn--ghost btn--icon"
            onClick={() => window.open('/counter/display', 'marquee-customer-display', 'popup,width=1280,height=800')}
            aria-label="Open the customer display"
            title="Open the customer display"
          >
            <IconMonitor />
          </button>
          <button
            type="button"
            className="btn btn--ghost btn--compact"
            onClick={() => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'l', ctrlKey: true }))}
            aria-keyshortcuts="Control+L"
            data-testid="lock-button"
          >
            Lock <kbd className="kbd">Ctrl L</kbd>
          </button>
        </div>
        <SignedInUser session={session} className="counter__user" />
      </header>

      {view.kind === 'schedule' || view.kind === 'sale' ? (
        <div className="counter__toolbar">
          {view.kind === 'schedule' ? (
            <DayPicker today={today} date={date} onChange={setDate} />
          ) : (
            <button type="button" className="btn" onClick={backToSchedule}>
              ← All shows <kbd className="kbd">Esc</kbd>
            </button>
          )}
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
          {view.kind === 'schedule' ? (
            <>
              <div className="segmented" role="group" aria-label="Group shows">
                <button type="button" aria-pressed={groupBy === 'screen'} onClick={() => setGroupBy('screen')}>
                  By screen
                </button>
                <button type="button" aria-pressed={groupBy === 'film'} onClick={() => setGroupBy('film')}>
                  By film
                </button>
                <kbd className="kbd">G</kbd>
              </div>
              <button type="button" className="btn" onClick={() => setView({ kind: 'lookup' })} aria-keyshortcuts="l">
                <IconSearch />
                Find booking <kbd className="kbd">L</kbd>
              </button>
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
            </>
          ) : null}
        </div>
      ) : null}

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

      {view.kind === 'sale' && saleShowtime ? (
        <main className="counter__main counter__main--sale">
          <ShowList
            showtimes={showtimes}
            currentId={saleShowtime.id}
            onPick={openSale}
            timeZone={theater.timeZone}
            now={now}
          />
          <SaleScreen
            key={saleShowtime.id}
            showtime={saleShowtime}
            theater={theater}
            now={now}
            onExit={backToSchedule}
            onPaid={shift.reload}
          />
        </main>
      ) : view.kind === 'lookup' ? (
        <main className="counter__main counter__main--single">
          <LookupScreen theater={theater} now={now} onBack={backToSchedule} onPaid={shift.reload} />
        </main>
      ) : view.kind === 'close' ? (
        <main className="counter__main counter__main--single">
          <CloseShift
            shift={shift.shift}
            currency={theater.currency}
            onBack={() => setView({ kind: 'schedule' })}
            onClosed={shift.closed}
          />
        </main>
      ) : (
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
                onOpen={(id) => openSale(showtimes.find((item) => item.id === id) ?? null)}
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
            onSell={() => openSale(selected)}
            timeZone={theater.timeZone}
            now={now}
          />
        </main>
      )}

      <footer className="counter__footer" aria-label="Keyboard shortcuts">
        {view.kind === 'schedule' ? (
          <>
            <span>
              <kbd className="kbd">←</kbd>
              <kbd className="kbd">↑</kbd>
              <kbd className="kbd">↓</kbd>
              <kbd className="kbd">→</kbd> move between shows
            </span>
            <span>
              <kbd className="kbd">Enter</kbd> sell seats
            </span>
            <span>
              <kbd className="kbd">[</kbd>
              <kbd className="kbd">]</kbd> previous / next day
            </span>
            <span>
              <kbd className="kbd">T</kbd> today
            </span>
            <span>
              <kbd className="kbd">L</kbd> find booking
            </span>
            <span>
              <kbd className="kbd">Z</kbd> close shift
            </span>
          </>
        ) : view.kind === 'sale' ? (
          <>
            <span>
              <kbd className="kbd">←</kbd>
              <kbd className="kbd">↑</kbd>
              <kbd className="kbd">↓</kbd>
              <kbd className="kbd">→</kbd> move on the map
            </span>
            <span>
              <kbd className="kbd">Space</kbd> select seat
            </span>
            <span>
              <kbd className="kbd">1</kbd>–<kbd className="kbd">9</kbd> best available
            </span>
            <span>
              <kbd className="kbd">Enter</kbd> next step
            </span>
            <span>
              <kbd className="kbd">Esc</kbd> back
            </span>
          </>
        ) : (
          <span>
            <kbd className="kbd">Esc</kbd> back to the shows
          </span>
        )}
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
