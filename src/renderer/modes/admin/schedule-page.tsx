/**
 * The week's schedule of one screen: seven day columns, showtimes as blocks sized by their running time
 * with the cleaning time after them hatched. New showtimes are checked against the week before saving
 * (the same rule the server applies: cleaning time included); a refusal from the server is said in words.
 */
import { useMemo, useState } from 'react';
import type { Movie, Screen, Showtime } from '../../../shared/contract/index';
import { SHOWTIME_FORMATS, type ShowtimeFormat } from '../../../shared/domain/seat-types';
import { addDays, localDateOf, localTimeOf, parseInstant, zonedEpoch } from '../../../shared/domain/time';
import { IconAlert, IconCalendar, IconChevronLeft, IconChevronRight, IconClose } from '../../components/icons';
import { StateMessage } from '../../components/states';
import { call, isClientError } from '../../lib/client';
import { listMovies, listShowtimes } from '../../lib/data';
import { errorMessage } from '../../lib/errors';
import { formatDateShort, formatRuntime } from '../../lib/format';
import type { Me } from '../../lib/session';
import { useAsync } from '../../lib/use-async';
import { TheaterPicker, useTheaterScope } from './theater-scope';

const DAY_START_HOUR = 9;
const DAY_HOURS = 17; // 09:00 to 02:00
const PX_PER_MINUTE = 0.8;
const MINUTE = 60_000;

interface Span {
  from: number;
  to: number;
}

export interface Conflict {
  showtime: Showtime;
  busyUntil: number;
}

/** The showtime (if any) in the way of [from, blockedUntil) on the screen, cleaning included on both. */
export function findConflict(
  showtimes: readonly Showtime[],
  span: Span,
  cleaningMinutes: number,
  exceptId: number | null = null,
): Conflict | null {
  for (const other of showtimes) {
    if (other.id === exceptId || other.status !== 'scheduled') continue;
    const start = parseInstant(other.startsAt);
    const busyUntil = parseInstant(other.endsAt) + cleaningMinutes * MINUTE;
    if (span.from < busyUntil && span.to > start) return { showtime: other, busyUntil };
  }
  return null;
}

function conflictWords(conflict: Conflict, screen: Screen, timeZone: string): string {
  const other = conflict.showtime;
  return `${screen.name} is busy from ${localTimeOf(parseInstant(other.startsAt), timeZone)} to ${localTimeOf(
    conflict.busyUntil,
    timeZone,
  )} with “${other.movieTitle}” (cleaning included). Pick a later time or another screen.`;
}

export function SchedulePage({ me }: { me: Me }) {
  const scope = useTheaterScope(me);
  const theater = scope.theater;
  const timeZone = theater?.timeZone ?? 'UTC';
  const [weekStart, setWeekStart] = useState(() => localDateOf(Date.now(), timeZone));
  const [screenId, setScreenId] = useState<number | null>(null);
  const screens = useAsync(
    () => (theater ? call('screens.list', { theaterId: theater.id }).then((page) => page.items) : Promise.resolve([])),
    [theater?.id],
  );
  const screen = screens.data?.find((item) => item.id === screenId) ?? screens.data?.[0] ?? null;
  const days = useMemo(() => Array.from({ length: 7 }, (_, i) => addDays(weekStart, i)), [weekStart]);
  const week = useAsync(
    () =>
      screen
        ? Promise.all(
            days.map((date) => listShowtimes({ date, screenId: screen.id, theaterId: screen.theaterId })),
          ).then((lists) => lists.flat())
        : Promise.resolve([] as Showtime[]),
    [screen?.id, weekStart],
  );
  const films = useAsync(() => listMovies({ status: 'active' }), []);

  if (scope.list.status === 'ready' && scope.theaters.length === 0) {
    return (
      <main className="admin__main">
        <StateMessage icon={<IconCalendar />} title="No theaters to schedule">
          Your account manages no theater yet. Ask an admin to add you to one.
        </StateMessage>
      </main>
    );
  }

  return (
    <main className="admin__main admin__main--wide">
      <div className="page-head">
        <div>
          <h1 className="page-head__title">Schedule</h1>
          <p className="page-head__lead">A week of one screen. Blocks run from the start to the end of cleaning.</p>
        </div>
        <div className="page-head__controls">
          <TheaterPicker scope={scope} />
          <label className="field field--inline">
            <span className="field__label">Screen</span>
            <select
              className="input select"
              value={screen?.id ?? ''}
              onChange={(event) => setScreenId(Number(event.target.value))}
            >
              {(screens.data ?? []).map((item) => (
                <option key={item.id} value={item.id}>
                  {item.name}
                </option>
              ))}
            </select>
          </label>
          <div className="week-nav" role="group" aria-label="Week">
            <button
              type="button"
              className="btn btn--small btn--icon"
              aria-label="Previous week"
              onClick={() => setWeekStart(addDays(weekStart, -7))}
            >
              <IconChevronLeft />
            </button>
            <span className="week-nav__label num">
              {formatDateShort(days[0]!)} – {formatDateShort(days[6]!)}
            </span>
            <button
              type="button"
              className="btn btn--small btn--icon"
              aria-label="Next week"
              onClick={() => setWeekStart(addDays(weekStart, 7))}
            >
              <IconChevronRight />
            </button>
          </div>
        </div>
      </div>

      {screen && theater ? (
        <div className="schedule-layout">
          <WeekTimeline
            days={days}
            showtimes={week.data ?? []}
            screen={screen}
            timeZone={timeZone}
            onCancel={async (showtime) => {
              await call('showtimes.cancel', { showtimeId: showtime.id });
              week.reload();
            }}
          />
          <NewShowtimeForm
            key={screen.id}
            screen={screen}
            films={films.data ?? []}
            timeZone={timeZone}
            trailerMinutes={theater.trailerMinutes}
            defaultDate={days[0]!}
            week={week.data ?? []}
            onCreated={() => week.reload()}
          />
        </div>
      ) : screens.status === 'ready' ? (
        <StateMessage icon={<IconCalendar />} title="This theater has no screens">
          Add a screen under Theaters &amp; screens first.
        </StateMessage>
      ) : null}
    </main>
  );
}

function WeekTimeline({
  days,
  showtimes,
  screen,
  timeZone,
  onCancel,
}: {
  days: string[];
  showtimes: Showtime[];
  screen: Screen;
  timeZone: string;
  onCancel: (showtime: Showtime) => Promise<void>;
}) {
  const [error, setError] = useState<string | null>(null);
  const height = DAY_HOURS * 60 * PX_PER_MINUTE;
  const hours = Array.from({ length: DAY_HOURS + 1 }, (_, i) => DAY_START_HOUR + i);
  return (
    <section className="panel timeline" aria-label={`Week of ${screen.name}`}>
      {error ? (
        <div className="alert panel__alert" role="alert">
          <IconAlert />
          <span>{error}</span>
        </div>
      ) : null}
      <div className="timeline__grid" style={{ gridTemplateColumns: `48px repeat(${days.length}, minmax(0, 1fr))` }}>
        <div />
        {days.map((date) => (
          <div key={date} className="timeline__day-head">
            {formatDateShort(date)}
          </div>
        ))}
        <div className="timeline__hours" style={{ height }}>
          {hours.map((hour) => (
            <span
              key={hour}
              className="timeline__hour num"
              style={{ top: (hour - DAY_START_HOUR) * 60 * PX_PER_MINUTE }}
            >
              {String(hour % 24).padStart(2, '0')}:00
            </span>
          ))}
        </div>
        {days.map((date) => {
          const dayStart = zonedEpoch(date, `${String(DAY_START_HOUR).padStart(2, '0')}:00`, timeZone);
          const items = showtimes.filter((showtime) => showtime.date === date && showtime.status === 'scheduled');
          return (
            <div key={date} className="timeline__day" style={{ height }} aria-label={formatDateShort(date)} role="list">
              {hours.map((hour) => (
                <span
                  key={hour}
                  className="timeline__line"
                  style={{ top: (hour - DAY_START_HOUR) * 60 * PX_PER_MINUTE }}
                />
              ))}
              {items.map((showtime) => {
                const start = parseInstant(showtime.startsAt);
                const end = parseInstant(showtime.endsAt);
                const top = Math.max(0, ((start - dayStart) / MINUTE) * PX_PER_MINUTE);
                const run = ((end - start) / MINUTE) * PX_PER_MINUTE;
                const clean = screen.cleaningMinutes * PX_PER_MINUTE;
                const sold = showtime.capacity - showtime.seatsAvailable;
                return (
                  <div
                    key={showtime.id}
                    role="listitem"
                    className="show-block"
                    style={{ top, height: run + clean }}
                    aria-label={`${showtime.movieTitle}, ${localTimeOf(start, timeZone)} to ${localTimeOf(end, timeZone)}, ${screen.cleaningMinutes} minutes cleaning`}
                  >
                    <div className="show-block__run" style={{ height: run }}>
                      <span className="show-block__time num">{localTimeOf(start, timeZone)}</span>
                      <span className="show-block__title">{showtime.movieTitle}</span>
                      <span className="show-block__meta num">
                        {showtime.format}
                        {sold > 0 ? ` · ${sold} sold` : ''}
                      </span>
                    </div>
                    <div className="show-block__clean" style={{ height: clean }} />
                    {sold === 0 ? (
                      <button
                        type="button"
                        className="show-block__remove"
                        aria-label={`Cancel ${showtime.movieTitle} at ${localTimeOf(start, timeZone)} on ${formatDateShort(date)}`}
                        onClick={() => {
                          setError(null);
                          onCancel(showtime).catch((caught: unknown) => setError(errorMessage(caught)));
                        }}
                      >
                        <IconClose />
                      </button>
                    ) : null}
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </section>
  );
}

function NewShowtimeForm({
  screen,
  films,
  timeZone,
  trailerMinutes,
  defaultDate,
  week,
  onCreated,
}: {
  screen: Screen;
  films: Movie[];
  timeZone: string;
  trailerMinutes: number;
  defaultDate: string;
  week: Showtime[];
  onCreated: () => void;
}) {
  const [movieId, setMovieId] = useState<number | null>(null);
  const [date, setDate] = useState(defaultDate);
  const [time, setTime] = useState('14:00');
  const [format, setFormat] = useState<ShowtimeFormat>('2D');
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const film = films.find((item) => item.id === movieId) ?? films[0] ?? null;

  const span = useMemo(() => {
    if (!film || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
    const from = zonedEpoch(date, time, timeZone);
    const trailers = trailerMinutes;
    const to = from + (trailers + film.durationMinutes + screen.cleaningMinutes) * MINUTE;
    return { from, to, ends: from + (trailers + film.durationMinutes) * MINUTE };
  }, [film, date, time, timeZone, trailerMinutes, screen.cleaningMinutes]);
  const conflict = span ? findConflict(week, span, screen.cleaningMinutes) : null;

  async function create() {
    if (!film || !span) return;
    setSaving(true);
    setServerError(null);
    setSaved(null);
    try {
      const created = await call('showtimes.create', {
        movieId: film.id,
        screenId: screen.id,
        startsAt: new Date(span.from).toISOString(),
        format,
      });
      setSaved(`“${created.movieTitle}” is on ${screen.name} at ${time} on ${formatDateShort(date)}.`);
      onCreated();
    } catch (caught) {
      if (isClientError(caught, 'showtime_conflict')) {
        const from = caught.details['busyFrom'];
        const until = caught.details['busyUntil'];
        setServerError(
          typeof from === 'string' && typeof until === 'string'
            ? `${screen.name} is busy from ${localTimeOf(parseInstant(from), timeZone)} to ${localTimeOf(
                parseInstant(until),
                timeZone,
              )} (cleaning included). Nothing was scheduled.`
            : `${screen.name} is busy then (cleaning included). Nothing was scheduled.`,
        );
      } else setServerError(errorMessage(caught));
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="panel new-showtime" aria-labelledby="new-showtime-title">
      <div className="panel__toolbar">
        <h2 id="new-showtime-title" className="panel__title">
          Schedule a showtime
        </h2>
      </div>
      <form
        className="new-showtime__form"
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        <label className="field">
          <span className="field__label">Film</span>
          <select
            className="input select"
            value={film?.id ?? ''}
            onChange={(event) => setMovieId(Number(event.target.value))}
          >
            {films.map((item) => (
              <option key={item.id} value={item.id}>
                {item.title} ({formatRuntime(item.durationMinutes)})
              </option>
            ))}
          </select>
        </label>
        <div className="new-showtime__row">
          <label className="field">
            <span className="field__label">Date</span>
            <input className="input num" type="date" value={date} onChange={(event) => setDate(event.target.value)} />
          </label>
          <label className="field">
            <span className="field__label">Start</span>
            <input
              className="input num"
              type="time"
              step={300}
              value={time}
              onChange={(event) => setTime(event.target.value)}
            />
          </label>
          <label className="field">
            <span className="field__label">Format</span>
            <select
              className="input select"
              value={format}
              onChange={(event) => setFormat(event.target.value as ShowtimeFormat)}
            >
              {SHOWTIME_FORMATS.map((item) => (
                <option key={item}>{item}</option>
              ))}
            </select>
          </label>
        </div>
        {span ? (
          <p className="new-showtime__span num">
            {screen.name}: {localTimeOf(span.from, timeZone)} – {localTimeOf(span.ends, timeZone)}, then{' '}
            {screen.cleaningMinutes} min cleaning until {localTimeOf(span.to, timeZone)}.
          </p>
        ) : null}
        {conflict ? (
          <div className="alert" role="alert" data-testid="schedule-conflict">
            <IconAlert />
            <span>{conflictWords(conflict, screen, timeZone)}</span>
          </div>
        ) : null}
        {serverError ? (
          <div className="alert" role="alert" data-testid="schedule-error">
            <IconAlert />
            <span>{serverError}</span>
          </div>
        ) : null}
        {saved ? (
          <div className="alert alert--success" role="status">
            <span>{saved}</span>
          </div>
        ) : null}
        <button type="submit" className="btn btn--primary" disabled={saving || !film || !span}>
          {saving ? 'Scheduling…' : conflict ? 'Try to schedule anyway' : 'Schedule'}
        </button>
      </form>
    </section>
  );
}
