/**
 * After the sale: find a booking by its reference, or by the customer's name, e-mail or phone, and
 * reprint it, cancel it with a refund (a reason is required), or exchange it to another showtime of the
 * same film (best seats available, same ticket types; any difference is paid or refunded).
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Booking, Showtime, Theater } from '../../../shared/contract/index';
import { parseInstant } from '../../../shared/domain/time';
import { IconAlert, IconCheck, IconSearch } from '../../components/icons';
import { call } from '../../lib/client';
import { listShowtimes } from '../../lib/data';
import { errorMessage } from '../../lib/errors';
import { formatDateShort, formatTime } from '../../lib/format';
import { formatMoney } from '../../lib/money';
import { useAsync } from '../../lib/use-async';
import { printTickets } from './print';
import type { Notice } from './sale-screen';

const STATUS_WORDS: Record<Booking['status'], string> = {
  pending_payment: 'Awaiting payment',
  confirmed: 'Confirmed',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
  partially_refunded: 'Part refunded',
  expired: 'Expired',
};

function looksLikeReference(text: string): boolean {
  // A reference is one word of letters and digits; a miss falls back to the name/e-mail/phone search.
  return /^[A-Za-z0-9-]{4,20}$/.test(text);
}

export function LookupScreen({
  theater,
  now,
  onBack,
  onPaid,
}: {
  theater: Theater;
  now: number;
  onBack: () => void;
  onPaid: () => void;
}) {
  const searchId = useId();
  const [text, setText] = useState('');
  const [results, setResults] = useState<Booking[] | null>(null);
  const [selected, setSelected] = useState<Booking | null>(null);
  /** What an exchange did, shown on the card of the booking that replaced the old one. */
  const [carried, setCarried] = useState<{ bookingId: number; notice: Notice } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  async function search(event: FormEvent) {
    event.preventDefault();
    const query = text.trim();
    if (query.length < 2) {
      setError('Type a booking reference, or at least two letters of a name, e-mail or phone.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      let found: Booking[] = [];
      if (looksLikeReference(query)) found = (await call('bookings.list', { reference: query, limit: 20 })).items;
      if (found.length === 0) found = (await call('bookings.list', { q: query, limit: 20 })).items;
      setResults(found);
      setSelected(found.length === 1 ? (found[0] ?? null) : null);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  // Escape: out of a booking, then out of the lookup.
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      if (document.querySelector('[data-overlay-open]')) return;
      event.preventDefault();
      if (selected && results && results.length > 1) setSelected(null);
      else onBack();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [selected, results, onBack]);

  return (
    <section className="lookup" aria-labelledby="lookup-title" data-testid="lookup">
      <div className="lookup__search">
        <h2 id="lookup-title" className="lookup__title">
          Find a booking
        </h2>
        <form className="lookup__form" onSubmit={(event) => void search(event)} role="search">
          <label htmlFor={searchId} className="visually-hidden">
            Reference, name, e-mail or phone
          </label>
          <input
            ref={input}
            id={searchId}
            className="input"
            placeholder="Reference, name, e-mail or phone"
            value={text}
            onChange={(event) => setText(event.target.value)}
            autoComplete="off"
            data-testid="lookup-input"
          />
          <button type="submit" className="btn btn--primary" disabled={busy}>
            <IconSearch /> Find <kbd className="kbd">Enter</kbd>
          </button>
          <button type="button" className="btn" onClick={onBack}>
            Back <kbd className="kbd">Esc</kbd>
          </button>
        </form>
        {error ? (
          <p className="alert" role="alert">
            <IconAlert /> {error}
          </p>
        ) : null}
        {results ? (
          results.length === 0 ? (
            <p className="lookup__empty">
              No booking matches “{text.trim()}”. Check the reference on the customer’s e-mail.
            </p>
          ) : (
            <ul className="lookup__results" aria-label="Bookings found">
              {results.map((booking) => (
                <li key={booking.id}>
                  <button
                    type="button"
                    className="lookup__result"
                    aria-pressed={selected?.id === booking.id}
                    onClick={() => setSelected(booking)}
                  >
                    <strong className="num">{booking.reference}</strong>
                    <span>{booking.customer?.name ?? booking.customer?.email ?? 'Walk-in'}</span>
                    <span className="num">
                      {booking.tickets.length} · {formatMoney(booking.total, booking.currency)}
                    </span>
                    <span className={`status status--${booking.status}`}>{STATUS_WORDS[booking.status]}</span>
                  </button>
                </li>
              ))}
            </ul>
          )
        ) : null}
      </div>
      {selected ? (
        <BookingDetail
          key={selected.id}
          booking={selected}
          theater={theater}
          now={now}
          onChange={(next) => {
            setSelected(next);
            setResults((current) => (current ?? []).map((item) => (item.id === next.id ? next : item)));
            onPaid();
          }}
          onReplaced={(next, text) => {
            setSelected(next);
            setResults([next]);
            setCarried({ bookingId: next.id, notice: { tone: 'success', text } });
            onPaid();
          }}
          initialNotice={carried?.bookingId === selected.id ? carried.notice : null}
        />
      ) : null}
    </section>
  );
}

function BookingDetail({
  booking,
  theater,
  now,
  onChange,
  onReplaced,
  initialNotice,
}: {
  booking: Booking;
  theater: Theater;
  now: number;
  onChange: (booking: Booking) => void;
  /** The booking was replaced by a new one (an exchange); `text` says what happened, on the new card. */
  onReplaced: (booking: Booking, text: string) => void;
  initialNotice: Notice | null;
}) {
  const currency = booking.currency;
  const showtime = useAsync(() => call('showtimes.get', { showtimeId: booking.showtimeId }), [booking.showtimeId]);
  const [action, setAction] = useState<'none' | 'cancel' | 'exchange'>('none');
  const [notice, setNotice] = useState<Notice | null>(initialNotice);
  const card = useRef<HTMLElement>(null);
  // The found booking takes the focus, so its keys (P, G, X) work at once.
  useEffect(() => card.current?.focus(), []);
  const cancellable =
    booking.status === 'confirmed' || booking.status === 'pending_payment' || booking.status === 'partially_refunded';
  const exchangeable = booking.status === 'confirmed';

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const target = event.target as HTMLElement | null;
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
      const key = event.key.toLowerCase();
      if (key === 'p') {
        event.preventDefault();
        void printTickets(booking.id).then(setNotice);
      } else if (key === 'x' && cancellable) {
        event.preventDefault();
        setAction('cancel');
      } else if (key === 'g' && exchangeable) {
        event.preventDefault();
        setAction('exchange');
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [booking.id, cancellable, exchangeable]);

  return (
    <article
      ref={card}
      tabIndex={-1}
      className="booking-card"
      aria-labelledby="booking-title"
      data-testid="booking-detail"
    >
      <header className="booking-card__head">
        <h3 id="booking-title" className="booking-card__ref num">
          {booking.reference}
        </h3>
        <span className={`status status--${booking.status}`} data-testid="booking-status">
          {STATUS_WORDS[booking.status]}
        </span>
      </header>
      {showtime.data ? (
        <p className="booking-card__show">
          <strong>{showtime.data.movieTitle}</strong> · {formatDateShort(showtime.data.date)}{' '}
          <span className="num">{formatTime(showtime.data.startsAt, theater.timeZone)}</span> ·{' '}
          {showtime.data.screenName}
        </p>
      ) : null}
      {booking.customer?.name || booking.customer?.email ? (
        <p className="booking-card__customer">
          {[booking.customer.name, booking.customer.email, booking.customer.phone].filter(Boolean).join(' · ')}
        </p>
      ) : null}
      <table className="booking-card__tickets num">
        <caption className="visually-hidden">Tickets</caption>
        <thead>
          <tr>
            <th scope="col">Seat</th>
            <th scope="col">Ticket</th>
            <th scope="col">Status</th>
            <th scope="col" className="num-cell">
              Price
            </th>
          </tr>
        </thead>
        <tbody>
          {booking.tickets.map((ticket) => (
            <tr key={ticket.id}>
              <td>{ticket.seatLabel}</td>
              <td>{ticket.ticketType}</td>
              <td>{ticket.status}</td>
              <td className="num-cell">{formatMoney(ticket.price, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="booking-card__sums num">
        <div>
          <dt>Total</dt>
          <dd>{formatMoney(booking.total, currency)}</dd>
        </div>
        <div>
          <dt>Paid</dt>
          <dd>{formatMoney(booking.amountPaid, currency)}</dd>
        </div>
        <div>
          <dt>Refunded</dt>
          <dd data-testid="amount-refunded">{formatMoney(booking.amountRefunded, currency)}</dd>
        </div>
        {booking.amountDue > 0 ? (
          <div>
            <dt>Due</dt>
            <dd>{formatMoney(booking.amountDue, currency)}</dd>
          </div>
        ) : null}
      </dl>
      {notice ? (
        <p
          className={`alert${notice.tone === 'success' ? ' alert--success' : notice.tone === 'info' ? ' alert--info' : ''}`}
          role="alert"
        >
          {notice.tone === 'success' ? <IconCheck /> : <IconAlert />} {notice.text}
        </p>
      ) : null}
      {action === 'cancel' ? (
        <CancelForm
          booking={booking}
          onDone={(next) => {
            const refunded = next.amountRefunded - booking.amountRefunded;
            setNotice({
              tone: 'success',
              text:
                refunded > 0
                  ? `Cancelled. Refund ${formatMoney(refunded, currency)} the way it was paid (cash from the drawer).`
                  : 'Cancelled. Nothing was paid, so nothing is refunded.',
            });
            setAction('none');
            onChange(next);
          }}
          onBack={() => setAction('none')}
        />
      ) : action === 'exchange' && showtime.data ? (
        <ExchangeForm
          booking={booking}
          showtime={showtime.data}
          theater={theater}
          now={now}
          onDone={(next, text) => {
            setAction('none');
            onReplaced(next, text);
          }}
          onBack={() => setAction('none')}
        />
      ) : (
        <div className="booking-card__actions">
          <button type="button" className="btn" onClick={() => void printTickets(booking.id).then(setNotice)}>
            Reprint <kbd className="kbd">P</kbd>
          </button>
          <button type="button" className="btn" onClick={() => setAction('exchange')} disabled={!exchangeable}>
            Exchange <kbd className="kbd">G</kbd>
          </button>
          <button
            type="button"
            className="btn btn--danger"
            onClick={() => setAction('cancel')}
            disabled={!cancellable}
            data-testid="cancel-booking"
          >
            Cancel and refund <kbd className="kbd">X</kbd>
          </button>
        </div>
      )}
    </article>
  );
}

function CancelForm({
  booking,
  onDone,
  onBack,
}: {
  booking: Booking;
  onDone: (booking: Booking) => void;
  onBack: () => void;
}) {
  const id = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (reason.trim().length < 3) {
      setError('Say why, for the day’s report (for example “customer unwell”).');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onDone(await call('bookings.cancel', { bookingId: booking.id, reason: reason.trim() }));
    } catch (caught) {
      setError(errorMessage(caught, { booking_not_cancellable: 'This booking cannot be cancelled any more.' }));
      setBusy(false);
    }
  }

  return (
    <form className="booking-card__form" onSubmit={(event) => void submit(event)} noValidate>
      <label className="field" htmlFor={id}>
        <span className="field__label">Reason for cancelling</span>
        <input
          ref={input}
          id={id}
          className="input"
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          maxLength={200}
          aria-invalid={error ? true : undefined}
          data-testid="cancel-reason"
        />
      </label>
      {error ? (
        <p className="field__error" role="alert">
          <IconAlert /> {error}
        </p>
      ) : null}
      <p className="booking-card__hint num">
        Refunds {formatMoney(booking.amountPaid - booking.amountRefunded, booking.currency)} the way it was paid.
      </p>
      <div className="booking-card__actions">
        <button type="button" className="btn" onClick={onBack}>
          Keep booking
        </button>
        <button type="submit" className="btn btn--danger" disabled={busy} data-testid="confirm-cancel">
          {busy ? 'Cancelling…' : 'Cancel and refund'} <kbd className="kbd">Enter</kbd>
        </button>
      </div>
    </form>
  );
}

function ExchangeForm({
  booking,
  showtime,
  theater,
  now,
  onDone,
  onBack,
}: {
  booking: Booking;
  showtime: Showtime;
  theater: Theater;
  now: number;
  onDone: (booking: Booking, message: string) => void;
  onBack: () => void;
}) {
  const valid = booking.tickets.filter((ticket) => ticket.status === 'valid');
  const options = useAsync(
    () => listShowtimes({ theaterId: theater.id, movieId: showtime.movieId }, 2),
    [theater.id, showtime.movieId],
  );
  const choices = (options.data ?? []).filter(
    (candidate) =>
      candidate.id !== showtime.id &&
      parseInstant(candidate.startsAt) > now &&
      candidate.seatsAvailable >= valid.length,
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function exchange(target: Showtime) {
    setBusy(true);
    setError(null);
    let holdId: number | null = null;
    try {
      const hold = await call('holds.create', { showtimeId: target.id, quantity: valid.length });
      holdId = hold.id;
      const next = await call('bookings.exchange', {
        bookingId: booking.id,
        holdId: hold.id,
        tickets: hold.seatIds.map((seatId, index) => ({ seatId, ticketType: valid[index]?.ticketType ?? 'adult' })),
        reason: 'Exchanged at the counter',
      });
      let message = `Exchanged to ${formatTime(target.startsAt, theater.timeZone)} ${target.screenName}: new reference ${next.reference}.`;
      if (next.amountDue > 0) {
        await call('payments.create', {
          bookingId: next.id,
          method: 'cash',
          amount: next.amountDue,
          tendered: next.amountDue,
        });
        message += ` ${formatMoney(next.amountDue, next.currency)} difference taken in cash.`;
        onDone(await call('bookings.get', { bookingId: next.id }), message);
        return;
      }
      if (next.amountRefunded > 0) message += ` Refund ${formatMoney(next.amountRefunded, next.currency)}.`;
      onDone(next, message);
    } catch (caught) {
      if (holdId !== null) await call('holds.release', { holdId }).catch(() => undefined);
      setError(errorMessage(caught, { not_enough_seats: 'Not enough seats left on that show.' }));
      setBusy(false);
    }
  }

  return (
    <div className="booking-card__form">
      <p className="field__label">
        Exchange {valid.length} {valid.length === 1 ? 'ticket' : 'tickets'} to (best seats available, same ticket
        types):
      </p>
      {options.status === 'loading' && !options.data ? (
        <div className="spinner" role="status" aria-label="Loading shows" />
      ) : null}
      {choices.length === 0 && options.data ? (
        <p className="lookup__empty">No later show of this film has enough seats.</p>
      ) : null}
      <ul className="exchange__list">
        {choices.slice(0, 8).map((choice, index) => (
          <li key={choice.id}>
            <button
              type="button"
              className="btn exchange__choice"
              disabled={busy}
              onClick={() => void exchange(choice)}
              autoFocus={index === 0}
            >
              <span className="num">
                {formatDateShort(choice.date)} {formatTime(choice.startsAt, theater.timeZone)}
              </span>
              <span>{choice.screenName}</span>
              <span className="num">{choice.seatsAvailable} left</span>
            </button>
          </li>
        ))}
      </ul>
      {error ? (
        <p className="field__error" role="alert">
          <IconAlert /> {error}
        </p>
      ) : null}
      <button type="button" className="btn" onClick={onBack}>
        Back
      </button>
    </div>
  );
}
