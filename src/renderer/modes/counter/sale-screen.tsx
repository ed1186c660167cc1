/**
 * One sale at the counter, keyboard first: seats (click, drag, arrows + Space, or a digit for the best N
 * available) → a ticket type per seat (quick keys) → payment (cash with change, card on a reader, or part
 * cash and the rest by card) → the reference and "print tickets" → the next sale.
 *
 * Selecting is local until the cashier moves on: the seats are then held and booked in one go, so a
 * change of mind costs nothing on the server. A seat someone else takes meanwhile (live events) leaves the
 * selection with a message. The server prices everything: before booking the basket shows the seat map's
 * prices; from the booking on, the booking's own lines and total.
 *
 * Leaving (Escape, another show) releases the hold and cancels a booking nothing was paid on.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Booking, OutputOf, SeatMap as SeatMapResponse, Showtime, Theater } from '../../../shared/contract/index';
import { parseInstant } from '../../../shared/domain/time';
import { IconAlert, IconCheck } from '../../components/icons';
import { SeatLegend, SeatMap } from '../../components/seat-map/seat-map';
import { call, isClientError } from '../../lib/client';
import { errorMessage } from '../../lib/errors';
import { formatTime } from '../../lib/format';
import { useSeatChanges } from '../../lib/live-events';
import { formatMoney } from '../../lib/money';
import { useAsync } from '../../lib/use-async';
import { postDisplay, onDisplayHello, type DisplayState } from './display-channel';
import { printTickets } from './print';
import { TenderPanel } from './tender';
import { ticketKeys, type TicketKey } from './ticket-keys';

type Hold = OutputOf<'holds.create'>;
export type Stage = 'seats' | 'tender' | 'done';

const EXTEND_EVERY_MS = 60_000;
const ACTIVE_WITHIN_MS = 3 * 60_000;

export interface Notice {
  tone: 'error' | 'info' | 'success';
  text: string;
}

interface SaleScreenProps {
  showtime: Showtime;
  theater: Theater;
  now: number;
  /** Back to the schedule (Escape with nothing selected). */
  onExit: () => void;
  /** The shift's figures changed (cash taken). */
  onPaid: () => void;
}

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName));
}

export function SaleScreen({ showtime, theater, now, onExit, onPaid }: SaleScreenProps) {
  const currency = theater.currency;
  const map = useAsync(() => call('seatmap.get', { showtimeId: showtime.id }), [showtime.id]);
  useSeatChanges(showtime.id, map.reload, 150);

  const [selected, setSelected] = useState<number[]>([]);
  const [types, setTypes] = useState<Record<number, string>>({});
  const [activeLineRaw, setActiveLine] = useState(0);
  const activeLine = Math.max(0, Math.min(activeLineRaw, selected.length - 1));
  const [hold, setHold] = useState<Hold | null>(null);
  const [booking, setBooking] = useState<Booking | null>(null);
  const [stage, setStage] = useState<Stage>('seats');
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const [change, setChange] = useState<number | null>(null);
  /** Change given so far on this booking: a split sale gives it with the cash part, before the card. */
  const changeGiven = useRef<{ bookingId: number; total: number }>({ bookingId: 0, total: 0 });
  const [cardBusy, setCardBusy] = useState(false);
  const lastActivity = useRef(0);

  const data: SeatMapResponse | null = map.data;
  const seatsById = useMemo(() => new Map((data?.seats ?? []).map((seat) => [seat.id, seat])), [data]);
  const keys = useMemo<TicketKey[]>(() => ticketKeys(data?.ticketTypes ?? []), [data]);
  const defaultType = data?.ticketTypes[0]?.code ?? 'adult';
  const selectedSet = useMemo(() => new Set(selected), [selected]);
  const heldIds = useMemo(() => new Set(hold?.seatIds ?? []), [hold]);

  // Refs for cleanup on leaving: what is held or booked right now.
  const pending = useRef<{ hold: Hold | null; booking: Booking | null }>({ hold: null, booking: null });
  useEffect(() => {
    pending.current = { hold, booking };
  }, [hold, booking]);
  useEffect(
    () => () => {
      const { hold: openHold, booking: openBooking } = pending.current;
      void abandon(openHold, openBooking);
    },
    [],
  );

  // A seat someone else took while it was only selected here leaves the selection, with a message.
  useEffect(() => {
    if (!data || stage !== 'seats') return;
    const lost = selected.filter((id) => {
      const seat = seatsById.get(id);
      return !seat || (seat.status !== 'available' && !heldIds.has(id));
    });
    if (lost.length === 0) return;
    const labels = lost.map((id) => seatsById.get(id)?.label ?? `#${id}`).join(', ');
    // The map changed under the cashier (another sale): the selection follows it, once per new map.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSelected((current) => current.filter((id) => !lost.includes(id)));
    setNotice({
      tone: 'error',
      text: `${lost.length === 1 ? `Seat ${labels} was` : `Seats ${labels} were`} just taken by another sale. Pick ${
        lost.length === 1 ? 'another seat' : 'other seats'
      }.`,
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data]);

  // Keep the hold alive while the cashier is working on the sale.
  useEffect(() => {
    if (!hold || stage !== 'seats') return;
    const timer = window.setInterval(() => {
      if (Date.now() - lastActivity.current > ACTIVE_WITHIN_MS) return;
      call('holds.extend', { holdId: hold.id }).then(
        (extended) => setHold(extended),
        () => undefined,
      );
    }, EXTEND_EVERY_MS);
    return () => window.clearInterval(timer);
  }, [hold, stage]);

  const changeSeats = useCallback(
    (seatIds: number[], select: boolean) => {
      if (stage !== 'seats') return;
      setNotice(null);
      setSelected((current) => {
        if (select) return [...current, ...seatIds.filter((id) => !current.includes(id))];
        return current.filter((id) => !seatIds.includes(id));
      });
    },
    [stage],
  );

  // A hold that no longer matches the selection is given back.
  useEffect(() => {
    if (!hold || stage !== 'seats') return;
    const same = hold.seatIds.length === selected.length && hold.seatIds.every((id) => selectedSet.has(id));
    if (same) return;
    // The hold is given back as soon as the selection differs from it (the server is told at once).
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setHold(null);
    void call('holds.release', { holdId: hold.id }).catch(() => undefined);
  }, [hold, selected, selectedSet, stage]);

  async function bestAvailable(quantity: number) {
    if (busy || stage !== 'seats') return;
    setBusy(true);
    setNotice(null);
    try {
      if (hold) await call('holds.release', { holdId: hold.id }).catch(() => undefined);
      const created = await call('holds.create', { showtimeId: showtime.id, quantity });
      setHold(created);
      setSelected(created.seatIds);
      setActiveLine(0);
      if (!created.together) setNotice({ tone: 'info', text: 'Not enough seats together: the group is split.' });
      map.reload();
    } catch (error) {
      setHold(null);
      setNotice({
        tone: 'error',
        text: errorMessage(error, {
          not_enough_seats: `There are not ${quantity} seats left for this show. Try fewer, or another show.`,
          hold_limit_reached: 'This sale holds as many seats as one sale may. Take payment first, then sell the rest.',
          showtime_not_on_sale: 'This show is no longer on sale.',
        }),
      });
    } finally {
      setBusy(false);
    }
  }

  function setLineType(code: string) {
    if (stage !== 'seats' || selected.length === 0) return;
    const seatId = selected[activeLine];
    if (seatId === undefined) return;
    setTypes((current) => ({ ...current, [seatId]: code }));
    setActiveLine(Math.min(activeLine + 1, selected.length - 1));
  }

  async function takePayment() {
    if (busy || stage !== 'seats' || selected.length === 0) return;
    setBusy(true);
    setNotice(null);
    try {
      let current = hold;
      const same =
        current && current.seatIds.length === selected.length && current.seatIds.every((id) => selectedSet.has(id));
      if (!current || !same) {
        if (current) await call('holds.release', { holdId: current.id }).catch(() => undefined);
        current = await call('holds.create', { showtimeId: showtime.id, seatIds: selected });
        setHold(current);
      }
      const created = await call('bookings.create', {
        holdId: current.id,
        tickets: selected.map((seatId) => ({ seatId, ticketType: types[seatId] ?? defaultType })),
      });
      setBooking(created);
      setStage('tender');
    } catch (error) {
      if (isClientError(error, 'seat_unavailable') || isClientError(error, 'hold_expired')) {
        setHold(null);
        map.reload();
      }
      setNotice({
        tone: 'error',
        text: errorMessage(error, {
          seat_unavailable: 'A seat in this sale was just taken by another sale. The map is updated: pick again.',
          hold_expired: 'The seats were held too long and went back on sale. Pick them again.',
          showtime_not_on_sale: 'This show is no longer on sale.',
        }),
      });
    } finally {
      setBusy(false);
    }
  }

  /** Back from payment: the unpaid booking is cancelled and its seats freed; the selection stays. */
  async function backToSeats() {
    if (!booking || busy) return;
    if (booking.amountPaid > 0) {
      setNotice({
        tone: 'error',
        text: `${formatMoney(booking.amountPaid, currency)} is already paid. Take the rest, or find the booking and refund it.`,
      });
      return;
    }
    setBusy(true);
    try {
      await call('bookings.cancel', { bookingId: booking.id, reason: 'Changed at the counter before payment' });
    } catch {
      /* it expires on its own */
    }
    setBooking(null);
    setHold(null);
    setStage('seats');
    setBusy(false);
    map.reload();
  }

  function nextSale() {
    setSelected([]);
    setTypes({});
    setHold(null);
    setBooking(null);
    setChange(null);
    setNotice(null);
    setStage('seats');
    map.reload();
  }

  function clearSelection() {
    if (hold) void call('holds.release', { holdId: hold.id }).catch(() => undefined);
    setHold(null);
    setSelected([]);
    setTypes({});
    setNotice(null);
  }

  // The sale's keys. Fields keep their own keys (the cash input handles Enter itself).
  const handlers = useRef({ bestAvailable, setLineType, takePayment, backToSeats, nextSale, clearSelection });
  useEffect(() => {
    handlers.current = { bestAvailable, setLineType, takePayment, backToSeats, nextSale, clearSelection };
  });
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      lastActivity.current = Date.now();
      if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
      if (document.querySelector('[data-overlay-open]')) return;
      const typing = isTyping(event.target);
      const h = handlers.current;
      if (event.key === 'Escape') {
        event.preventDefault();
        if (stage === 'done') h.nextSale();
        else if (stage === 'tender') {
          if (!cardBusy) void h.backToSeats();
        } else if (selected.length > 0) h.clearSelection();
        else onExit();
        return;
      }
      if (typing) return;
      if (stage === 'seats') {
        if (/^[1-9]$/.test(event.key)) {
          event.preventDefault();
          void h.bestAvailable(Number(event.key));
          return;
        }
        const match = keys.find((key) => key.key !== '' && key.key.toLowerCase() === event.key.toLowerCase());
        if (match) {
          event.preventDefault();
          h.setLineType(match.code);
          return;
        }
        if (event.key === 'Enter' && !(event.target as HTMLElement | null)?.closest('button, a')) {
          event.preventDefault();
          void h.takePayment();
          return;
        }
        if (event.key.startsWith('Arrow') && !(event.target as HTMLElement | null)?.closest('.seat-map, .show-list')) {
          const seat = document.querySelector<HTMLElement>('.sale .seat[tabindex="0"]');
          if (seat) {
            event.preventDefault();
            seat.focus();
          }
        }
      } else if (stage === 'done') {
        if (event.key.toLowerCase() === 'p') {
          event.preventDefault();
          if (booking) void printTickets(booking.id).then((message) => message && setNotice(message));
        } else if (
          event.key.toLowerCase() === 'n' ||
          (event.key === 'Enter' && !(event.target as HTMLElement | null)?.closest('button, a'))
        ) {
          event.preventDefault();
          h.nextSale();
        }
      }
    }
    const onPointer = () => (lastActivity.current = Date.now());
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('pointerdown', onPointer);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('pointerdown', onPointer);
    };
  }, [stage, selected.length, keys, onExit, cardBusy, booking]);

  // Focus lands on the map when the show opens and after each sale.
  useEffect(() => {
    if (stage !== 'seats' || !data) return;
    const active = document.activeElement;
    if (active && active !== document.body && active.closest('.sale')) return;
    document.querySelector<HTMLElement>('.sale .seat[tabindex="0"]')?.focus();
  }, [stage, data]);

  // Lines: the booking's once it exists, else the seat map's prices for the chosen types.
  const lines = useMemo(() => {
    if (booking) {
      return booking.tickets.map((ticket) => ({
        seatId: ticket.seatId,
        seat: ticket.seatLabel,
        seatType: ticket.seatType,
        code: ticket.ticketType,
        name: data?.ticketTypes.find((type) => type.code === ticket.ticketType)?.name ?? ticket.ticketType,
        price: ticket.price,
      }));
    }
    return selected.map((seatId) => {
      const seat = seatsById.get(seatId);
      const code = types[seatId] ?? defaultType;
      const type = data?.ticketTypes.find((candidate) => candidate.code === code);
      return {
        seatId,
        seat: seat?.label ?? `#${seatId}`,
        seatType: seat?.type ?? 'standard',
        code,
        name: type?.name ?? code,
        price: seat && type ? (type.prices[seat.type] ?? 0) : 0,
      };
    });
  }, [booking, selected, seatsById, types, defaultType, data]);
  const total = booking ? booking.total : lines.reduce((sum, line) => sum + line.price, 0);

  // Mirror the sale on the customer display.
  const displayState = useMemo<DisplayState>(
    () => ({
      kind: 'sale',
      theater: theater.name,
      title: showtime.movieTitle,
      when: formatTime(showtime.startsAt, theater.timeZone),
      screen: showtime.screenName,
      currency,
      map: data ? { rows: data.rows, seats: data.seats } : null,
      selected,
      lines: lines.map((line) => ({ seat: line.seat, ticket: line.name, price: line.price })),
      total,
      stage,
      paid: booking?.amountPaid ?? 0,
      change,
      reference: stage === 'done' ? (booking?.reference ?? null) : null,
    }),
    [theater, showtime, currency, data, selected, lines, total, stage, booking, change],
  );
  useEffect(() => postDisplay(displayState), [displayState]);
  useEffect(() => onDisplayHello(() => postDisplay(displayState)), [displayState]);
  useEffect(() => () => postDisplay({ kind: 'idle', theater: theater.name }), [theater.name]);

  const started = parseInstant(showtime.startsAt) <= now;
  const mapLabel = `Seats for ${showtime.movieTitle}, ${formatTime(showtime.startsAt, theater.timeZone)}, ${showtime.screenName}`;

  return (
    <div className="sale" data-stage={stage} data-showtime-id={showtime.id} data-testid="sale">
      <section className="sale__stage" aria-labelledby="sale-title">
        <header className="sale__head">
          <div>
            <h2 id="sale-title" className="sale__title">
              {showtime.movieTitle}
            </h2>
            <p className="sale__meta num">
              <strong>{formatTime(showtime.startsAt, theater.timeZone)}</strong> · {showtime.screenName} ·{' '}
              {showtime.format}
              {started ? <span className="badge badge--warning">Started</span> : null}
            </p>
          </div>
          <p className="sale__left num" data-testid="sale-seats-left">
            {data ? (
              <>
                <strong>{data.available}</strong> of {data.capacity} left
              </>
            ) : null}
          </p>
        </header>

        {notice ? (
          <div
            className={`alert sale__notice${notice.tone === 'info' ? ' alert--info' : notice.tone === 'success' ? ' alert--success' : ''}`}
            role="alert"
            data-testid="sale-notice"
          >
            {notice.tone === 'success' ? <IconCheck /> : <IconAlert />}
            <span>{notice.text}</span>
          </div>
        ) : null}

        {stage === 'seats' ? (
          <div className="sale__map">
            {data ? (
              <SeatMap
                data={data}
                selected={selectedSet}
                onChange={changeSeats}
                density="compact"
                label={mapLabel}
                dragSelect
              />
            ) : map.status === 'error' ? (
              <p className="alert" role="alert">
                <IconAlert /> {errorMessage(map.error)}
              </p>
            ) : (
              <div className="spinner" role="status" aria-label="Loading the seats" />
            )}
          </div>
        ) : stage === 'tender' && booking ? (
          <TenderPanel
            booking={booking}
            theater={theater}
            onBooking={(next, paid) => {
              setBooking(next);
              onPaid();
              if (changeGiven.current.bookingId !== next.id) changeGiven.current = { bookingId: next.id, total: 0 };
              changeGiven.current.total += paid?.change ?? 0;
              if (next.status === 'confirmed') {
                setChange(changeGiven.current.total);
                setStage('done');
                setNotice(null);
              }
            }}
            onCardBusy={setCardBusy}
            onNotice={setNotice}
          />
        ) : stage === 'done' && booking ? (
          <DonePanel booking={booking} change={change} currency={currency} onNext={nextSale} onNotice={setNotice} />
        ) : null}

        <footer className="sale__keys" aria-label="Keyboard shortcuts">
          {stage === 'seats' ? (
            <>
              <SeatLegend />
              <span className="sale__hints">
                <span>
                  <kbd className="kbd">1</kbd>–<kbd className="kbd">9</kbd> best available
                </span>
                <span>
                  <kbd className="kbd">Space</kbd> select
                </span>
                <span>
                  <kbd className="kbd">Esc</kbd> {selected.length > 0 ? 'clear' : 'back to shows'}
                </span>
              </span>
            </>
          ) : stage === 'tender' ? (
            <span className="sale__hints">
              <span>
                <kbd className="kbd">Esc</kbd> back to seats
              </span>
            </span>
          ) : (
            <span className="sale__hints">
              <span>
                <kbd className="kbd">P</kbd> print tickets
              </span>
              <span>
                <kbd className="kbd">N</kbd> next sale
              </span>
            </span>
          )}
        </footer>
      </section>

      <Basket
        lines={lines}
        keys={keys}
        activeLine={stage === 'seats' ? activeLine : -1}
        onActivate={setActiveLine}
        onType={(index, code) => {
          const seatId = selected[index];
          if (seatId !== undefined && stage === 'seats') setTypes((current) => ({ ...current, [seatId]: code }));
        }}
        total={total}
        booking={booking}
        currency={currency}
        stage={stage}
        busy={busy}
        onTakePayment={() => void takePayment()}
      />
    </div>
  );
}

interface Line {
  seatId: number;
  seat: string;
  seatType: string;
  code: string;
  name: string;
  price: number;
}

function Basket({
  lines,
  keys,
  activeLine,
  onActivate,
  onType,
  total,
  booking,
  currency,
  stage,
  busy,
  onTakePayment,
}: {
  lines: Line[];
  keys: TicketKey[];
  activeLine: number;
  onActivate: (index: number) => void;
  onType: (index: number, code: string) => void;
  total: number;
  booking: Booking | null;
  currency: string;
  stage: Stage;
  busy: boolean;
  onTakePayment: () => void;
}) {
  return (
    <aside className="basket" aria-labelledby="basket-title" data-testid="basket">
      <header className="basket__head">
        <h2 id="basket-title" className="basket__title">
          Basket
        </h2>
        <span className="basket__count num">
          {lines.length} {lines.length === 1 ? 'ticket' : 'tickets'}
        </span>
      </header>
      {stage === 'seats' && keys.length > 0 ? (
        <p className="basket__keys" aria-label="Ticket type keys">
          {keys.map((key) => (
            <span key={key.code}>
              <kbd className="kbd">{key.key}</kbd> {key.name}
            </span>
          ))}
        </p>
      ) : null}
      {lines.length === 0 ? (
        <p className="basket__empty">Pick seats on the map, or press a number for the best seats available.</p>
      ) : (
        <ol className="basket__lines">
          {lines.map((line, index) => (
            <li
              key={line.seatId}
              className="basket__line"
              aria-current={index === activeLine ? 'true' : undefined}
              data-testid="basket-line"
              onClick={() => onActivate(index)}
            >
              <span className="basket__seat num">{line.seat}</span>
              {stage === 'seats' ? (
                <label className="basket__type">
                  <span className="visually-hidden">Ticket type for seat {line.seat}</span>
                  <select
                    className="input input--compact"
                    value={line.code}
                    onChange={(event) => onType(index, event.target.value)}
                    onFocus={() => onActivate(index)}
                  >
                    {keys.map((key) => (
                      <option key={key.code} value={key.code}>
                        {key.name}
                      </option>
                    ))}
                  </select>
                </label>
              ) : (
                <span className="basket__type-name">{line.name}</span>
              )}
              <span className="basket__price num">{formatMoney(line.price, currency)}</span>
            </li>
          ))}
        </ol>
      )}
      <div className="basket__foot">
        {booking ? (
          <dl className="basket__sums num">
            <div>
              <dt>VAT included</dt>
              <dd>{formatMoney(booking.tax, currency)}</dd>
            </div>
            {booking.amountPaid > 0 ? (
              <div>
                <dt>Paid</dt>
                <dd>{formatMoney(booking.amountPaid, currency)}</dd>
              </div>
            ) : null}
          </dl>
        ) : null}
        <p className="basket__total num">
          <span>{booking && booking.amountPaid > 0 && booking.amountDue > 0 ? 'Still due' : 'Total'}</span>
          <strong data-testid="basket-total">
            {formatMoney(
              booking && booking.amountPaid > 0 && booking.amountDue > 0 ? booking.amountDue : total,
              currency,
            )}
          </strong>
        </p>
        {stage === 'seats' ? (
          <button
            type="button"
            className="btn btn--primary btn--large btn--block"
            disabled={lines.length === 0 || busy}
            onClick={onTakePayment}
            aria-keyshortcuts="Enter"
            data-testid="take-payment"
          >
            {busy ? 'Holding seats…' : 'Take payment'} <kbd className="kbd">Enter</kbd>
          </button>
        ) : null}
      </div>
    </aside>
  );
}

function DonePanel({
  booking,
  change,
  currency,
  onNext,
  onNotice,
}: {
  booking: Booking;
  change: number | null;
  currency: string;
  onNext: () => void;
  onNotice: (notice: Notice | null) => void;
}) {
  const next = useRef<HTMLButtonElement>(null);
  useEffect(() => next.current?.focus(), []);
  return (
    <div className="done" data-testid="sale-done">
      <p className="done__status">
        <IconCheck /> Paid · booking confirmed
      </p>
      {change !== null && change > 0 ? (
        <p className="done__change">
          <span>Change due</span>
          <strong className="num" data-testid="change-due">
            {formatMoney(change, currency)}
          </strong>
        </p>
      ) : (
        <p className="done__change done__change--none">
          <span>Change due</span>
          <strong className="num" data-testid="change-due">
            {formatMoney(0, currency)}
          </strong>
        </p>
      )}
      <p className="done__reference">
        Reference{' '}
        <strong className="num" data-testid="booking-reference">
          {booking.reference}
        </strong>
      </p>
      <div className="done__actions">
        <button
          type="button"
          className="btn btn--large"
          onClick={() => void printTickets(booking.id).then((notice) => notice && onNotice(notice))}
          aria-keyshortcuts="p"
        >
          Print tickets <kbd className="kbd">P</kbd>
        </button>
        <button ref={next} type="button" className="btn btn--primary btn--large" onClick={onNext} aria-keyshortcuts="n">
          Next sale <kbd className="kbd">N</kbd>
        </button>
      </div>
    </div>
  );
}

/** Gives back what a sale left behind: the hold, and a booking nothing was paid on. */
async function abandon(hold: Hold | null, booking: Booking | null): Promise<void> {
  if (booking && booking.status === 'pending_payment' && booking.amountPaid === 0) {
    await call('bookings.cancel', { bookingId: booking.id, reason: 'Sale abandoned at the counter' }).catch(
      () => undefined,
    );
    return;
  }
  if (hold && !booking) await call('holds.release', { holdId: hold.id }).catch(() => undefined);
}
