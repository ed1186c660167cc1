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
import { IconMove } from './schedule-icons';
import { StateMessage } from '../../components/states';
import { call, isClientError } from '../../lib/client';
import { listMovies, listShowtimes } from '../../lib/data';
import { errorMessage } from '../../lib/errors';
import { formatDateShort, formatRuntime } from '../../lib/format';
import type { Me } from '../../lib/session';
import { useAsync } from '../../lib/use-async';
import {
  BulkScheduleForm,
  CancelShowtimeDialog,
  CopyScheduleForm,
  MoveShowtimeForm,
  type MoveTarget,
} from './schedule-tools';
import { TheaterPicker, useTheaterScope } from './theater-scope';

type Tool = 'one' | 'repeat' | 'copy' | 'move';
const TOOLS: { id: Exclude<Tool, 'move'>; label: string }[] = [
  { id: 'one', label: 'One showtime' },
  { id: 'repeat', label: 'Repeat' },
  { id: 'copy', label: 'Copy' },
];
const SNAP_MINUTES = 5;

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
  const [tool, setTool] = useState<Tool>('one');
  const [move, setMove] = useState<MoveTarget | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<Showtime | null>(null);
  function startMove(target: MoveTarget) {
    setMove(target);
    setTool('move');
    setNotice(null);
  }

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
            moving={tool === 'move' ? move : null}
            onMove={startMove}
            onCancel={async (showtime) => {
              try {
                await call('showtimes.cancel', { showtimeId: showtime.id });
                week.reload();
              } catch (caught) {
                if (isClientError(caught, 'showtime_has_sales')) setCancelling(showtime);
                else throw caught;
              }
            }}
          />
          <div className="schedule-tools">
            {tool === 'move' && move ? (
              <section className="panel new-showtime" aria-labelledby="tool-title">
                <div className="panel__toolbar">
                  <h2 id="tool-title" className="panel__title">
                    Move a showtime
                  </h2>
                </div>
                <MoveShowtimeForm
                  key={move.showtime.id}
                  target={move}
                  screen={screen}
                  timeZone={timeZone}
                  onChange={setMove}
                  onDone={(message) => {
                    setTool('one');
                    setMove(null);
                    setNotice(message);
                    if (message) week.reload();
                  }}
                />
              </section>
            ) : (
              <section className="panel new-showtime" aria-label="Schedule showtimes">
                <div className="panel__toolbar">
                  <div className="segmented" role="group" aria-label="Scheduling tool">
                    {TOOLS.map((item) => (
                      <button
                        key={item.id}
                        type="button"
                        className="segmented__option"
                        aria-pressed={tool === item.id}
                        onClick={() => setTool(item.id)}
                      >
                        {item.label}
                      </button>
                    ))}
                  </div>
                </div>
                {notice ? (
                  <div className="alert alert--success panel__alert" role="status">
                    <span>{notice}</span>
                  </div>
                ) : null}
                {tool === 'repeat' ? (
                  <BulkScheduleForm
                    key={screen.id}
                    screen={screen}
                    films={films.data ?? []}
                    timeZone={timeZone}
                    defaultDate={days[0]!}
                    onSaved={() => week.reload()}
                  />
                ) : tool === 'copy' ? (
                  <CopyScheduleForm
                    key={screen.id}
                    screen={screen}
                    theaterId={theater.id}
                    timeZone={timeZone}
                    defaultDate={days[0]!}
                    onSaved={() => week.reload()}
                  />
                ) : (
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
                )}
              </section>
            )}
          </div>
          {cancelling ? (
            <CancelShowtimeDialog
              showtime={cancelling}
              timeZone={timeZone}
              onClose={(cancelled) => {
                setCancelling(null);
                week.reload();
                if (cancelled)
                  setNotice(`“${cancelling.movieTitle}” is cancelled; its customers were refunded or exchanged.`);
              }}
            />
          ) : null}
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
  moving,
  onMove,
  onCancel,
}: {
  days: string[];
  showtimes: Showtime[];
  screen: Screen;
  timeZone: string;
  moving: MoveTarget | null;
  onMove: (target: MoveTarget) => void;
  onCancel: (showtime: Showtime) => Promise<void>;
}) {
  const [error, setError] = useState<string | null>(null);
  const byId = new Map(showtimes.map((showtime) => [showtime.id, showtime]));
  /** Where a drop at `offsetY` pixels into a day column lands, snapped to 5 minutes. */
  function timeAt(offsetY: number, grabOffset: number): string {
    const minutes = Math.round((offsetY - grabOffset) / PX_PER_MINUTE / SNAP_MINUTES) * SNAP_MINUTES;
    const total = Math.min(Math.max(0, minutes), DAY_HOURS * 60 - SNAP_MINUTES) + DAY_START_HOUR * 60;
    return `${String(Math.floor(total / 60) % 24).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
  }
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
            <div
              key={date}
              className="timeline__day"
              style={{ height }}
              aria-label={formatDateShort(date)}
              role="list"
              data-date={date}
              onDragOver={(event) => {
                if (event.dataTransfer.types.includes('application/x-marquee-showtime')) event.preventDefault();
              }}
              onDrop={(event) => {
                const [id, grab] = event.dataTransfer.getData('application/x-marquee-showtime').split(':').map(Number);
                const showtime = byId.get(id ?? 0);
                if (!showtime) return;
                event.preventDefault();
                const top = event.currentTarget.getBoundingClientRect().top;
                onMove({ showtime, date, time: timeAt(event.clientY - top, grab ?? 0) });
              }}
            >
              {hours.map((hour) => (
                <span
                  key={hour}
                  className="timeline__line"
                  style={{ top: (hour - DAY_START_HOUR) * 60 * PX_PER_MINUTE }}
                />
              ))}
              {moving && moving.date === date && /^\d{2}:\d{2}$/.test(moving.time) ? (
                <div
                  className="show-block show-block--ghost"
                  aria-hidden="true"
                  style={{
                    top: Math.max(0, ((zonedEpoch(date, moving.time, timeZone) - dayStart) / MINUTE) * PX_PER_MINUTE),
                    height:
                      ((parseInstant(moving.showtime.endsAt) - parseInstant(moving.showtime.startsAt)) / MINUTE +
                        screen.cleaningMinutes) *
                      PX_PER_MINUTE,
                  }}
                >
                  <span className="show-block__time num">{moving.time}</span>
                </div>
              ) : null}
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
                    className={moving?.showtime.id === showtime.id ? 'show-block show-block--moving' : 'show-block'}
                    style={{ top, height: run + clean }}
                    draggable={sold === 0}
                    data-showtime-id={showtime.id}
                    onDragStart={(event) => {
                      const grab = event.clientY - event.currentTarget.getBoundingClientRect().top;
                      event.dataTransfer.setData(
                        'application/x-marquee-showtime',
                        `${showtime.id}:${Math.round(grab)}`,
                      );
                      event.dataTransfer.effectAllowed = 'move';
                    }}
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
                    <div className="show-block__actions">
                      {sold === 0 ? (
                        <button
                          type="button"
                          className="show-block__action"
                          aria-label={`Move ${showtime.movieTitle} at ${localTimeOf(start, timeZone)} on ${formatDateShort(date)}`}
                          onClick={() => onMove({ showtime, date, time: localTimeOf(start, timeZone) })}
                        >
                          <IconMove />
                        </button>
                      ) : null}
                      <button
                        type="button"
                        className="show-block__action"
                        aria-label={`Cancel ${showtime.movieTitle} at ${localTimeOf(start, timeZone)} on ${formatDateShort(date)}${sold > 0 ? `, ${sold} sold` : ''}`}
                        onClick={() => {
                          setError(null);
                          onCancel(showtime).catch((caught: unknown) => setError(errorMessage(caught)));
                        }}
                      >
                        <IconClose />
                      </button>
                    </div>
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
    <div>
      <form
        className="new-showtime__form"
        aria-label="Schedule a showtime"
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
    </div>
  );
}
