/**
 * Scheduling tools beside the week timeline: repeat a film at fixed times over dates, copy a day or a week,
 * move a showtime, and cancel one that has sold tickets only after each booking is refunded or exchanged.
 * Every check is the server's own dry run (the rule it enforces on saving, cleaning time included);
 * nothing here decides what conflicts.
 */
import { useEffect, useRef, useState } from 'react';
import type { Booking, Movie, Screen, Showtime } from '../../../shared/contract/index';
import type { PlannedShowtime, SchedulePlan } from '../../../shared/contract/scheduling';
import { SHOWTIME_FORMATS, type ShowtimeFormat } from '../../../shared/domain/seat-types';
import { addDays, localTimeOf, parseInstant, zonedEpoch } from '../../../shared/domain/time';
import { IconAlert, IconCheck, IconClose } from '../../components/icons';
import { call, isClientError } from '../../lib/client';
import { errorMessage } from '../../lib/errors';
import { formatDateShort, formatRuntime } from '../../lib/format';
import { formatMoney } from '../../lib/money';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

function fieldErrorsText(caught: unknown): string {
  if (isClientError(caught, 'validation_failed') && caught.fieldErrors.length > 0) {
    return caught.fieldErrors.map((field) => `${field.path}: ${field.message}`).join('; ');
  }
  return errorMessage(caught);
}

/** A plan's rows: what would be (or was) scheduled, and what is in the way of each conflict. */
function PlanList({ plan, timeZone, label }: { plan: SchedulePlan; timeZone: string; label: string }) {
  const free = plan.items.filter((item) => item.status !== 'conflict').length;
  return (
    <div className="plan" data-testid="schedule-plan">
      <p className="plan__summary" role="status">
        {plan.dryRun
          ? `${free} free, ${plan.conflicts} in conflict. Nothing is saved yet.`
          : `${plan.created} scheduled. ${plan.conflicts} not scheduled because the screen is busy.`}
      </p>
      {/* Focusable so the list scrolls from the keyboard too. */}
      <div className="plan__scroll" tabIndex={0} role="region" aria-label={`${label}, scrollable`}>
        <table className="table plan__table" aria-label={label}>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Start</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {plan.items.map((item, index) => (
              <tr key={index} data-status={item.status} data-testid="plan-row">
                <td className="num">
                  {formatDateShort(item.date)}
                  {item.sourceShowtimeId !== null ? <span className="plan__sub">{item.screenName}</span> : null}
                </td>
                <td className="num">
                  {item.time}
                  {item.sourceShowtimeId !== null ? <span className="plan__sub">{item.movieTitle}</span> : null}
                </td>
                <td>
                  <PlanResult item={item} timeZone={timeZone} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function PlanResult({ item, timeZone }: { item: PlannedShowtime; timeZone: string }) {
  if (item.status === 'conflict' && item.conflict) {
    const from = localTimeOf(parseInstant(item.conflict.startsAt), timeZone);
    const until = localTimeOf(parseInstant(item.conflict.busyUntil), timeZone);
    return (
      <span className="plan__conflict">
        <IconAlert />
        <span>
          Clashes with “{item.conflict.movieTitle}”
          {item.conflict.showtimeId !== null ? ` (showtime ${item.conflict.showtimeId})` : ' of this plan'}, busy{' '}
          <span className="num">
            {from}–{until}
          </span>{' '}
          with cleaning
        </span>
      </span>
    );
  }
  return (
    <span className="plan__ok">
      <IconCheck />
      <span>{item.status === 'created' ? `Scheduled (showtime ${item.showtimeId})` : 'Free'}</span>
    </span>
  );
}

export function BulkScheduleForm({
  screen,
  films,
  timeZone,
  defaultDate,
  onSaved,
}: {
  screen: Screen;
  films: Movie[];
  timeZone: string;
  defaultDate: string;
  onSaved: () => void;
}) {
  const [movieId, setMovieId] = useState<number | null>(null);
  const [from, setFrom] = useState(defaultDate);
  const [to, setTo] = useState(addDays(defaultDate, 6));
  const [times, setTimes] = useState('14:00, 17:30, 21:00');
  const [weekdays, setWeekdays] = useState<number[]>([]);
  const [format, setFormat] = useState<ShowtimeFormat>('2D');
  const [plan, setPlan] = useState<SchedulePlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const film = films.find((item) => item.id === movieId) ?? films[0] ?? null;
  const timeList = times
    .split(/[\s,;]+/)
    .map((text) => text.trim())
    .filter(Boolean)
    .map((text) => (/^\d:\d\d$/.test(text) ? `0${text}` : text));

  async function run(dryRun: boolean) {
    if (!film) return;
    setBusy(true);
    setError(null);
    try {
      const result = await call('showtimes.bulkCreate', {
        movieId: film.id,
        screenId: screen.id,
        from,
        to,
        times: timeList,
        ...(weekdays.length > 0 && weekdays.length < 7 ? { weekdays: [...weekdays].sort() } : {}),
        format,
        dryRun,
      });
      setPlan(result);
      if (!dryRun) onSaved();
    } catch (caught) {
      setPlan(null);
      setError(fieldErrorsText(caught));
    } finally {
      setBusy(false);
    }
  }

  const free = plan?.dryRun ? plan.items.filter((item) => item.status === 'ok').length : 0;
  return (
    <form
      className="tool-form"
      aria-label="Repeat a film"
      onSubmit={(event) => {
        event.preventDefault();
        void run(true);
      }}
      onChange={() => setPlan(null)}
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
      <div className="tool-form__row">
        <label className="field">
          <span className="field__label">From</span>
          <input className="input num" type="date" value={from} onChange={(event) => setFrom(event.target.value)} />
        </label>
        <label className="field">
          <span className="field__label">To</span>
          <input className="input num" type="date" value={to} onChange={(event) => setTo(event.target.value)} />
        </label>
      </div>
      <label className="field">
        <span className="field__label">Start times</span>
        <input
          className="input num"
          value={times}
          onChange={(event) => setTimes(event.target.value)}
          aria-describedby="bulk-times-hint"
        />
        <span className="field__hint" id="bulk-times-hint">
          24-hour times, separated by commas
        </span>
      </label>
      <fieldset className="weekday-toggles">
        <legend className="field__label">Days {weekdays.length === 0 ? '(every day)' : ''}</legend>
        {WEEKDAYS.map((day, index) => {
          const value = index + 1;
          const on = weekdays.includes(value);
          return (
            <label key={day} className="weekday-toggle">
              <input
                type="checkbox"
                checked={on}
                onChange={() => setWeekdays(on ? weekdays.filter((d) => d !== value) : [...weekdays, value])}
              />
              <span>{day}</span>
            </label>
          );
        })}
      </fieldset>
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
      {error ? (
        <div className="alert" role="alert">
          <IconAlert />
          <span>{error}</span>
        </div>
      ) : null}
      {plan ? <PlanList plan={plan} timeZone={timeZone} label={`Plan for ${screen.name}`} /> : null}
      <div className="tool-form__actions">
        <button type="submit" className="btn" disabled={busy || !film}>
          Check conflicts
        </button>
        {plan?.dryRun && free > 0 ? (
          <button type="button" className="btn btn--primary" disabled={busy} onClick={() => void run(false)}>
            Schedule {free} free showtime{free === 1 ? '' : 's'}
          </button>
        ) : null}
      </div>
    </form>
  );
}

export function CopyScheduleForm({
  screen,
  theaterId,
  timeZone,
  defaultDate,
  onSaved,
}: {
  screen: Screen;
  theaterId: number;
  timeZone: string;
  defaultDate: string;
  onSaved: () => void;
}) {
  const [fromDate, setFromDate] = useState(defaultDate);
  const [toDate, setToDate] = useState(addDays(defaultDate, 7));
  const [days, setDays] = useState<1 | 7>(1);
  const [scope, setScope] = useState<'screen' | 'theater'>('screen');
  const [plan, setPlan] = useState<SchedulePlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(dryRun: boolean) {
    setBusy(true);
    setError(null);
    try {
      const result = await call('showtimes.copy', {
        theaterId,
        ...(scope === 'screen' ? { screenId: screen.id } : {}),
        fromDate,
        toDate,
        days,
        dryRun,
      });
      setPlan(result);
      if (!dryRun) onSaved();
    } catch (caught) {
      setPlan(null);
      setError(fieldErrorsText(caught));
    } finally {
      setBusy(false);
    }
  }
  const free = plan?.dryRun ? plan.items.filter((item) => item.status === 'ok').length : 0;
  return (
    <form
      className="tool-form"
      aria-label="Copy showtimes"
      onSubmit={(event) => {
        event.preventDefault();
        void run(true);
      }}
      onChange={() => setPlan(null)}
    >
      <fieldset className="segmented-field">
        <legend className="field__label">Copy</legend>
        <div className="segmented" role="group" aria-label="How much">
          {([1, 7] as const).map((value) => (
            <button
              key={value}
              type="button"
              className="segmented__option"
              aria-pressed={days === value}
              onClick={() => {
                setDays(value);
                setPlan(null);
              }}
            >
              {value === 1 ? 'A day' : 'A week'}
            </button>
          ))}
        </div>
        <div className="segmented" role="group" aria-label="Of which screens">
          {(['screen', 'theater'] as const).map((value) => (
            <button
              key={value}
              type="button"
              className="segmented__option"
              aria-pressed={scope === value}
              onClick={() => {
                setScope(value);
                setPlan(null);
              }}
            >
              {value === 'screen' ? screen.name : 'Every screen'}
            </button>
          ))}
        </div>
      </fieldset>
      <div className="tool-form__row">
        <label className="field">
          <span className="field__label">{days === 1 ? 'Day to copy' : 'First day to copy'}</span>
          <input
            className="input num"
            type="date"
            value={fromDate}
            onChange={(event) => setFromDate(event.target.value)}
          />
        </label>
        <label className="field">
          <span className="field__label">Copy onto</span>
          <input className="input num" type="date" value={toDate} onChange={(event) => setToDate(event.target.value)} />
        </label>
      </div>
      <p className="field__hint">
        Same screens, films, formats and local start times
        {days === 7 ? `, ${formatDateShort(toDate)} to ${formatDateShort(addDays(toDate, 6))}` : ''}.
      </p>
      {error ? (
        <div className="alert" role="alert">
          <IconAlert />
          <span>{error}</span>
        </div>
      ) : null}
      {plan ? (
        plan.items.length === 0 ? (
          <p className="plan__summary" role="status">
            There is nothing scheduled to copy on {formatDateShort(fromDate)}
            {days === 7 ? ' and the six days after' : ''}.
          </p>
        ) : (
          <PlanList plan={plan} timeZone={timeZone} label="Copy plan" />
        )
      ) : null}
      <div className="tool-form__actions">
        <button type="submit" className="btn" disabled={busy}>
          Check conflicts
        </button>
        {plan?.dryRun && free > 0 ? (
          <button type="button" className="btn btn--primary" disabled={busy} onClick={() => void run(false)}>
            Copy {free} showtime{free === 1 ? '' : 's'}
          </button>
        ) : null}
      </div>
    </form>
  );
}

export interface MoveTarget {
  showtime: Showtime;
  date: string;
  time: string;
}

/** Moves one showtime: the drop on the timeline or these fields set the target; the server checks it first. */
export function MoveShowtimeForm({
  target,
  screen,
  timeZone,
  onChange,
  onDone,
}: {
  target: MoveTarget;
  screen: Screen;
  timeZone: string;
  onChange: (target: MoveTarget) => void;
  onDone: (message: string | null) => void;
}) {
  const [check, setCheck] = useState<{ key: string; ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(target.date) && /^\d{2}:\d{2}$/.test(target.time);
  const startsAt = valid ? new Date(zonedEpoch(target.date, target.time, timeZone)).toISOString() : null;
  const key = `${target.showtime.id}@${startsAt ?? ''}`;
  const unchanged = startsAt !== null && parseInstant(startsAt) === parseInstant(target.showtime.startsAt);

  useEffect(() => {
    if (!startsAt || unchanged) return;
    let current = true;
    call('showtimes.update', { showtimeId: target.showtime.id, startsAt, dryRun: true }).then(
      (moved) => {
        if (current)
          setCheck({
            key,
            ok: true,
            text: `Free: ${localTimeOf(parseInstant(moved.startsAt), timeZone)} – ${localTimeOf(
              parseInstant(moved.endsAt),
              timeZone,
            )}, then ${screen.cleaningMinutes} min cleaning.`,
          });
      },
      (caught: unknown) => {
        if (current) setCheck({ key, ok: false, text: errorMessage(caught) });
      },
    );
    return () => {
      current = false;
    };
  }, [key, startsAt, unchanged, target.showtime.id, timeZone, screen.cleaningMinutes]);

  const result = check?.key === key ? check : null;

  async function save() {
    if (!startsAt) return;
    setBusy(true);
    try {
      await call('showtimes.update', { showtimeId: target.showtime.id, startsAt });
      onDone(`“${target.showtime.movieTitle}” moved to ${formatDateShort(target.date)} at ${target.time}.`);
    } catch (caught) {
      setCheck({ key, ok: false, text: errorMessage(caught) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="tool-form"
      aria-label="Move showtime"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <p className="tool-form__what">
        <strong>{target.showtime.movieTitle}</strong>
        <span className="num">
          {' '}
          now {formatDateShort(target.showtime.date)} at {localTimeOf(parseInstant(target.showtime.startsAt), timeZone)}
        </span>
      </p>
      <div className="tool-form__row">
        <label className="field">
          <span className="field__label">New date</span>
          <input
            className="input num"
            type="date"
            value={target.date}
            onChange={(event) => onChange({ ...target, date: event.target.value })}
          />
        </label>
        <label className="field">
          <span className="field__label">New start</span>
          <input
            className="input num"
            type="time"
            step={300}
            value={target.time}
            onChange={(event) => onChange({ ...target, time: event.target.value })}
          />
        </label>
      </div>
      <p className="field__hint">Drag the block on the timeline, or type the date and time.</p>
      {unchanged ? null : result ? (
        <div
          className={result.ok ? 'alert alert--success' : 'alert'}
          role={result.ok ? 'status' : 'alert'}
          data-testid="move-check"
        >
          {result.ok ? <IconCheck /> : <IconAlert />}
          <span>{result.text}</span>
        </div>
      ) : (
        <p className="field__hint" role="status">
          Checking…
        </p>
      )}
      <div className="tool-form__actions">
        <button type="button" className="btn" onClick={() => onDone(null)}>
          Cancel
        </button>
        <button type="submit" className="btn btn--primary" disabled={busy || unchanged || !result?.ok}>
          Save move
        </button>
      </div>
    </form>
  );
}

/**
 * Cancelling a showtime with live bookings: each is refunded (the way it was paid) or exchanged to
 * another showtime of the film, by the booking operations the counter uses; the showtime is cancelled
 * once none is left. The server refuses a cancel while any remains.
 */
export function CancelShowtimeDialog({
  showtime,
  timeZone,
  onClose,
}: {
  showtime: Showtime;
  timeZone: string;
  onClose: (cancelled: boolean) => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [bookings, setBookings] = useState<Booking[] | null>(null);
  const [others, setOthers] = useState<Showtime[]>([]);
  const [exchangeTo, setExchangeTo] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    ref.current?.showModal();
  }, []);
  useEffect(() => {
    let current = true;
    Promise.all([
      call('bookings.list', { showtimeId: showtime.id, limit: 200 }),
      call('showtimes.list', { movieId: showtime.movieId, theaterId: showtime.theaterId, limit: 100 }),
    ]).then(
      ([page, upcoming]) => {
        if (!current) return;
        setBookings(
          page.items.filter((booking) =>
            ['pending_payment', 'confirmed', 'partially_refunded'].includes(booking.status),
          ),
        );
        setOthers(upcoming.items.filter((item) => item.id !== showtime.id));
      },
      (caught: unknown) => current && setError(errorMessage(caught)),
    );
    return () => {
      current = false;
    };
  }, [showtime.id, showtime.movieId, showtime.theaterId, attempt]);

  const live = (booking: Booking) => booking.tickets.filter((t) => t.status === 'valid' || t.status === 'pending');
  const reason = `Showtime ${formatDateShort(showtime.date)} ${localTimeOf(parseInstant(showtime.startsAt), timeZone)} cancelled`;

  async function act(work: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(
        errorMessage(caught, {
          no_open_shift: 'Cash is refunded from a drawer: open a shift at the counter first, or refund there.',
          not_enough_seats: 'The other showtime has not enough seats together for this booking.',
        }),
      );
    } finally {
      setBusy(false);
      setAttempt((value) => value + 1);
    }
  }

  const refund = (booking: Booking) => call('bookings.cancel', { bookingId: booking.id, reason });
  async function exchange(booking: Booking) {
    if (exchangeTo === null) return;
    const tickets = live(booking);
    const hold = await call('holds.create', { showtimeId: exchangeTo, quantity: tickets.length });
    await call('bookings.exchange', {
      bookingId: booking.id,
      holdId: hold.id,
      tickets: hold.seatIds.map((seatId, index) => ({ seatId, ticketType: tickets[index]?.ticketType ?? 'adult' })),
      reason,
    });
  }
  async function cancelShowtime() {
    setBusy(true);
    setError(null);
    try {
      await call('showtimes.cancel', { showtimeId: showtime.id });
      onClose(true);
    } catch (caught) {
      setError(errorMessage(caught));
      setAttempt((value) => value + 1);
    } finally {
      setBusy(false);
    }
  }

  const remaining = bookings?.length ?? 0;
  return (
    <dialog
      ref={ref}
      className="drawer cancel-dialog"
      aria-labelledby="cancel-title"
      onClose={() => onClose(false)}
      data-testid="cancel-dialog"
    >
      <div className="drawer__inner">
        <header className="drawer__header">
          <div>
            <p className="field__label">Cancel showtime</p>
            <h2 id="cancel-title" className="drawer__title">
              {showtime.movieTitle}
            </h2>
            <p className="num">
              {formatDateShort(showtime.date)} at {localTimeOf(parseInstant(showtime.startsAt), timeZone)} ·{' '}
              {showtime.screenName}
            </p>
          </div>
          <button type="button" className="btn btn--icon btn--ghost" aria-label="Close" onClick={() => onClose(false)}>
            <IconClose />
          </button>
        </header>
        <div className="drawer__body">
          <p>
            Customers hold tickets for this showtime. Refund each booking the way it was paid, or exchange it to another
            showtime of the film; the showtime can be cancelled once no booking is left.
          </p>
          {error ? (
            <div className="alert" role="alert">
              <IconAlert />
              <span>{error}</span>
            </div>
          ) : null}
          {others.length > 0 ? (
            <label className="field">
              <span className="field__label">Exchange to</span>
              <select
                className="input select"
                value={exchangeTo ?? ''}
                onChange={(event) => setExchangeTo(event.target.value ? Number(event.target.value) : null)}
              >
                <option value="">Choose another showtime…</option>
                {others.map((item) => (
                  <option key={item.id} value={item.id}>
                    {formatDateShort(item.date)} {localTimeOf(parseInstant(item.startsAt), timeZone)} ·{' '}
                    {item.screenName} · {item.seatsAvailable} free
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {bookings === null ? (
            <p role="status">Loading bookings…</p>
          ) : remaining === 0 ? (
            <p className="plan__ok" role="status">
              <IconCheck /> <span>No bookings left: the showtime can be cancelled.</span>
            </p>
          ) : (
            <table className="table" aria-label="Bookings to refund or exchange">
              <thead>
                <tr>
                  <th scope="col">Booking</th>
                  <th scope="col" className="table__num">
                    Tickets
                  </th>
                  <th scope="col" className="table__num">
                    Paid
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {bookings.map((booking) => (
                  <tr key={booking.id}>
                    <td>
                      <code>{booking.reference}</code>
                      <span className="plan__sub">{booking.customer?.name ?? booking.channel}</span>
                    </td>
                    <td className="table__num num">{live(booking).length}</td>
                    <td className="table__num num">
                      {formatMoney(booking.amountPaid - booking.amountRefunded, booking.currency)}
                    </td>
                    <td>
                      <div className="cancel-dialog__actions">
                        <button
                          type="button"
                          className="btn btn--small"
                          disabled={busy}
                          onClick={() => void act(() => refund(booking))}
                        >
                          Refund
                        </button>
                        <button
                          type="button"
                          className="btn btn--small"
                          disabled={busy || exchangeTo === null}
                          onClick={() => void act(() => exchange(booking))}
                        >
                          Exchange
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <footer className="drawer__footer">
          {remaining > 0 ? (
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() =>
                void act(async () => {
                  for (const booking of bookings ?? []) await refund(booking);
                })
              }
            >
              Refund all {remaining}
            </button>
          ) : null}
          <button
            type="button"
            className="btn btn--primary"
            disabled={busy || bookings === null || remaining > 0}
            onClick={() => void cancelShowtime()}
          >
            Cancel showtime
          </button>
        </footer>
      </div>
    </dialog>
  );
}
