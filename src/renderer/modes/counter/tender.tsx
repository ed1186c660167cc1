/**
 * Taking the money for a booking: cash (type what the customer hands over or press a quick note; Enter
 * on an empty field takes the exact amount; less than due takes it as part payment), card on a reader
 * (pick the reader, the customer presents the card, Escape cancels), or both (part cash, the rest by
 * card). The server says what is due and what change to give; this panel only shows it.
 *
 * A server-driven reader gets the payment through Stripe and this panel polls it. A Terminal JS reader
 * (on this counter's LAN) is driven from here: connect, create the payment (the server answers with the
 * PaymentIntent's client secret), collect and process on the reader, then ask the server to settle it from
 * Stripe. Either way the server alone decides whether the money was taken.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Booking, OutputOf, Theater } from '../../../shared/contract/index';
import { IconAlert } from '../../components/icons';
import { call, isClientError } from '../../lib/client';
import { errorMessage } from '../../lib/errors';
import { formatMoney, parseMoney, quickNotes } from '../../lib/money';
import type { Notice } from './sale-screen';
import { cancelCollect, collectAndProcess, connectReader, TerminalFailure, type TerminalReader } from './terminal-js';

type Payment = OutputOf<'payments.create'>;
type Reader = OutputOf<'readers.list'>['items'][number];

const NOTE_KEYS = ['Q', 'W', 'R'];
const POLL_MS = 1000;
const CARD_UNAVAILABLE = 'Card payments unavailable — take cash.';
const DECLINED = 'The card was declined. Ask for another card, or take cash.';
const CANCELLED = 'Card payment cancelled. Nothing was taken.';

/** What went wrong with a reader driven from this counter, in a cashier's words, with the next step. */
function terminalProblem(failure: TerminalFailure, reader: Reader): string {
  switch (failure.kind) {
    case 'sdk_unavailable':
      return 'The card reader software could not load — is the internet down? Take cash, or try again in a moment.';
    case 'unreachable':
      return `Can’t reach the card reader “${reader.label}”. Check it is switched on and on the same network as this till, then try again — or take cash.`;
    case 'declined':
      return DECLINED;
    case 'cancelled':
      return CANCELLED;
    default:
      return `The card reader stopped (${failure.message}). Nothing was taken: try again, or take cash.`;
  }
}

function asTerminalReader(reader: Reader): TerminalReader {
  return {
    id: reader.id,
    label: reader.label,
    theaterId: reader.theaterId,
    simulated: reader.simulated,
    location: reader.location,
  };
}

interface TenderPanelProps {
  booking: Booking;
  theater: Theater;
  /** The booking after a payment (and the payment, for its change). */
  onBooking: (booking: Booking, payment: Payment | null) => void;
  onCardBusy: (busy: boolean) => void;
  onNotice: (notice: Notice | null) => void;
}

export function TenderPanel({ booking, theater, onBooking, onCardBusy, onNotice }: TenderPanelProps) {
  const currency = theater.currency;
  const due = booking.amountDue;
  const [method, setMethod] = useState<'cash' | 'card'>('cash');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  /** Split tender: the part of the amount due taken in cash (the rest goes on the card); null when off. */
  const [splitText, setSplitText] = useState<string | null>(null);
  const inputId = useId();
  const splitId = useId();
  const input = useRef<HTMLInputElement>(null);
  const splitInput = useRef<HTMLInputElement>(null);
  const notes = quickNotes(due, currency);
  const tendered = text.trim() === '' ? null : parseMoney(text, currency);
  const cashPart = splitText === null || splitText.trim() === '' ? null : parseMoney(splitText, currency);
  const target = splitText !== null && cashPart !== null && cashPart > 0 && cashPart < due ? cashPart : due;
  const changePreview = tendered !== null && tendered >= target ? tendered - target : null;

  const splitOn = splitText !== null;
  useEffect(() => {
    if (method === 'cash') (splitOn ? splitInput : input).current?.focus();
  }, [method, splitOn]);

  /** Takes cash: `amountTendered` handed over for `part` of what is due (all of it unless split). */
  async function payCash(amountTendered: number, part: number = due) {
    if (busy || due <= 0) return;
    setBusy(true);
    onNotice(null);
    try {
      const amount = Math.min(amountTendered, part, due);
      const payment = await call('payments.create', {
        bookingId: booking.id,
        method: 'cash',
        amount,
        tendered: amountTendered,
      });
      const next = await call('bookings.get', { bookingId: booking.id });
      setText('');
      const split = splitText !== null;
      setSplitText(null);
      if (next.amountDue > 0) {
        const change = payment.change ?? 0;
        onNotice({
          tone: 'info',
          text:
            `${formatMoney(amount, currency)} cash taken` +
            (change > 0 ? ` — give ${formatMoney(change, currency)} change` : '') +
            `. ${formatMoney(next.amountDue, currency)} still due: ${split ? 'charge it on the card' : 'card (K) or more cash'}.`,
        });
        // A split goes straight on to the card for the rest.
        if (split) setMethod('card');
      }
      onBooking(next, payment);
    } catch (error) {
      onNotice({
        tone: 'error',
        text: errorMessage(error, {
          no_open_shift: 'Your shift is not open: open it (with the float) before taking cash.',
          booking_not_payable: 'This booking can no longer be paid: its seats were released. Start the sale again.',
        }),
      });
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (splitText !== null) {
      if (cashPart === null || cashPart <= 0 || cashPart >= due) {
        onNotice({
          tone: 'error',
          text: `Type the part paid in cash, less than ${formatMoney(due, currency)}; the rest goes on the card.`,
        });
        splitInput.current?.focus();
        return;
      }
      if (tendered !== null && tendered < cashPart) {
        onNotice({
          tone: 'error',
          text: `The cash handed over must cover the ${formatMoney(cashPart, currency)} cash part.`,
        });
        return;
      }
      return void payCash(tendered ?? cashPart, cashPart);
    }
    if (text.trim() === '') return void payCash(due);
    if (tendered === null || tendered <= 0) {
      onNotice({ tone: 'error', text: 'Type the cash handed over, for example 20 or 25.50.' });
      return;
    }
    void payCash(tendered);
  }

  // Letters never belong in the cash field: they are the panel's shortcuts.
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
      if (document.querySelector('[data-overlay-open]')) return;
      const key = event.key.toUpperCase();
      if (method === 'cash') {
        if (key === 'E') {
          event.preventDefault();
          void payCash(due);
        } else if (NOTE_KEYS.includes(key)) {
          const note = notes[NOTE_KEYS.indexOf(key)];
          if (note !== undefined) {
            event.preventDefault();
            void payCash(note);
          }
        } else if (key === 'K') {
          event.preventDefault();
          setMethod('card');
        } else if (key === 'S') {
          event.preventDefault();
          setSplitText((current) => (current === null ? '' : null));
        }
      } else if (key === 'H' && !busy) {
        event.preventDefault();
        setMethod('cash');
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  });

  return (
    <div className="tender" data-testid="tender">
      <div className="tender__due">
        <span>{booking.amountPaid > 0 ? 'Still due' : 'Amount due'}</span>
        <strong className="num" data-testid="amount-due">
          {formatMoney(due, currency)}
        </strong>
      </div>
      <div className="tender__methods" role="tablist" aria-label="Payment method">
        <button
          type="button"
          role="tab"
          aria-selected={method === 'cash'}
          className="tender__method"
          onClick={() => setMethod('cash')}
          aria-keyshortcuts="h"
        >
          Cash <kbd className="kbd">H</kbd>
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={method === 'card'}
          className="tender__method"
          onClick={() => setMethod('card')}
          aria-keyshortcuts="k"
        >
          Card <kbd className="kbd">K</kbd>
        </button>
      </div>
      {method === 'cash' ? (
        <form className="tender__cash" onSubmit={submit} noValidate role="tabpanel" aria-label="Cash">
          {splitText !== null ? (
            <label className="field tender__split" htmlFor={splitId}>
              <span className="field__label">Cash part (the rest goes on the card)</span>
              <input
                ref={splitInput}
                id={splitId}
                className="input input--money num"
                inputMode="decimal"
                autoComplete="off"
                value={splitText}
                onChange={(event) => setSplitText(event.target.value.replace(/[^\d.,]/g, ''))}
                onKeyDown={(event) => {
                  if (event.key === 'Enter' && splitText.trim() !== '') {
                    event.preventDefault();
                    input.current?.focus();
                  }
                }}
                data-testid="split-cash-input"
              />
              <span className="tender__split-rest num" data-testid="split-card-part">
                {cashPart !== null && cashPart > 0 && cashPart < due
                  ? `Card: ${formatMoney(due - cashPart, currency)}`
                  : 'Card: the rest'}
              </span>
            </label>
          ) : null}
          <label className="field" htmlFor={inputId}>
            <span className="field__label">Cash handed over</span>
            <input
              ref={input}
              id={inputId}
              className="input input--money input--huge num"
              inputMode="decimal"
              autoComplete="off"
              placeholder={formatMoney(target, currency)}
              value={text}
              onChange={(event) => setText(event.target.value.replace(/[^\d.,]/g, ''))}
              data-testid="cash-input"
            />
          </label>
          <p className="tender__change num" aria-live="polite">
            {changePreview !== null ? (
              <>
                Change <strong>{formatMoney(changePreview, currency)}</strong>
              </>
            ) : splitText !== null ? (
              <>Enter takes the cash part; change is worked out from what is handed over</>
            ) : tendered !== null && tendered > 0 && tendered < due ? (
              <>Less than due: takes {formatMoney(tendered, currency)} now, the rest by card or cash</>
            ) : (
              <>Enter on an empty field takes the exact amount</>
            )}
          </p>
          {splitText === null ? (
            <div className="tender__quick">
              <button type="button" className="btn btn--large" onClick={() => void payCash(due)} disabled={busy}>
                Exact {formatMoney(due, currency)} <kbd className="kbd">E</kbd>
              </button>
              {notes.map((note, index) => (
                <button
                  key={note}
                  type="button"
                  className="btn btn--large"
                  onClick={() => void payCash(note)}
                  disabled={busy}
                >
                  {formatMoney(note, currency)} <kbd className="kbd">{NOTE_KEYS[index]}</kbd>
                </button>
              ))}
            </div>
          ) : null}
          <div className="tender__actions">
            <button
              type="button"
              className="btn btn--large"
              aria-pressed={splitText !== null}
              onClick={() => setSplitText((current) => (current === null ? '' : null))}
              aria-keyshortcuts="s"
              data-testid="split-toggle"
            >
              {splitText === null ? 'Split cash + card' : 'No split'} <kbd className="kbd">S</kbd>
            </button>
            <button type="submit" className="btn btn--primary btn--large" disabled={busy}>
              {busy ? 'Taking cash…' : splitText !== null ? 'Take cash part' : 'Take cash'}{' '}
              <kbd className="kbd">Enter</kbd>
            </button>
          </div>
        </form>
      ) : (
        <CardPayment
          booking={booking}
          theater={theater}
          onBooking={onBooking}
          onBusy={onCardBusy}
          onNotice={onNotice}
          onCash={() => setMethod('cash')}
        />
      )}
    </div>
  );
}

type CardState =
  | { status: 'loading' }
  | { status: 'unavailable'; message: string }
  | { status: 'ready'; readers: Reader[] }
  | { status: 'connecting'; readers: Reader[]; reader: Reader }
  /** `sdk`: this counter drives the reader (Terminal JS) and settles; otherwise the server does and we poll. */
  | { status: 'waiting'; readers: Reader[]; payment: Payment; reader: Reader; sdk: boolean }
  | { status: 'cancelling'; readers: Reader[]; payment: Payment; reader: Reader; sdk: boolean };

function CardPayment({
  booking,
  theater,
  onBooking,
  onBusy,
  onNotice,
  onCash,
}: {
  booking: Booking;
  theater: Theater;
  onBooking: (booking: Booking, payment: Payment | null) => void;
  onBusy: (busy: boolean) => void;
  onNotice: (notice: Notice | null) => void;
  onCash: () => void;
}) {
  const [state, setState] = useState<CardState>({ status: 'loading' });
  const [readerId, setReaderId] = useState<string>('');
  const selectId = useId();
  const chargeButton = useRef<HTMLButtonElement>(null);
  const due = booking.amountDue;

  useEffect(() => {
    let current = true;
    call('readers.list', { theaterId: theater.id }).then(
      (list) => {
        if (!current) return;
        // Readers standing at a kiosk are not this counter's.
        const items = list.items.filter((reader) => reader.assignment !== 'kiosk');
        if (items.length === 0) {
          setState({ status: 'unavailable', message: 'No card reader is set up for this cinema — take cash.' });
          return;
        }
        setState({ status: 'ready', readers: items });
        setReaderId((items.find((reader) => reader.status === 'online') ?? items[0])?.id ?? '');
      },
      (error: unknown) => {
        if (!current) return;
        setState({
          status: 'unavailable',
          message: isClientError(error, 'payments_not_configured')
            ? CARD_UNAVAILABLE
            : `${errorMessage(error)} Take cash.`,
        });
      },
    );
    return () => {
      current = false;
    };
  }, [theater.id]);

  useEffect(() => {
    if (state.status === 'ready') chargeButton.current?.focus();
  }, [state.status]);

  const waiting = state.status === 'waiting' || state.status === 'cancelling';
  const busy = waiting || state.status === 'connecting';
  useEffect(() => {
    onBusy(busy);
    return () => onBusy(false);
  }, [busy, onBusy]);

  // While a server-driven reader waits for the card: ask how the payment is doing.
  const paymentId = waiting && !state.sdk ? state.payment.id : null;
  useEffect(() => {
    if (paymentId === null) return;
    let stopped = false;
    const timer = window.setInterval(() => {
      call('payments.get', { paymentId }).then(
        async (payment) => {
          if (stopped) return;
          if (payment.status === 'succeeded') {
            stopped = true;
            const next = await call('bookings.get', { bookingId: booking.id });
            onBooking(next, payment);
            setState((current) => ('readers' in current ? { status: 'ready', readers: current.readers } : current));
          } else if (payment.status === 'failed' || payment.status === 'cancelled') {
            stopped = true;
            onNotice({
              tone: 'error',
              text:
                payment.status === 'failed'
                  ? 'The card was declined. Ask for another card, or take cash.'
                  : 'The card payment was cancelled. Nothing was taken.',
            });
            setState((current) => ('readers' in current ? { status: 'ready', readers: current.readers } : current));
          }
        },
        () => undefined,
      );
    }, POLL_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [paymentId, booking.id, onBooking, onNotice]);

  const toReady = () =>
    setState((current) => ('readers' in current ? { status: 'ready', readers: current.readers } : current));

  /** A Terminal JS reader on this counter's network: connect, collect, process, then the server settles. */
  async function chargeHere(readers: Reader[], reader: Reader) {
    const terminalReader = asTerminalReader(reader);
    setState({ status: 'connecting', readers, reader });
    try {
      await connectReader(terminalReader);
    } catch (error) {
      toReady();
      const failure = error instanceof TerminalFailure ? error : new TerminalFailure('unreachable', String(error));
      onNotice({ tone: 'error', text: terminalProblem(failure, reader) });
      return;
    }
    let payment: Payment;
    try {
      payment = await call('payments.create', {
        bookingId: booking.id,
        method: 'card_present',
        amount: due,
        readerId: reader.id,
      });
    } catch (error) {
      toReady();
      onNotice({ tone: 'error', text: `${errorMessage(error)} Try again, or take cash.` });
      return;
    }
    const clientSecret = payment.clientSecret;
    if (!clientSecret) {
      // Stripe did not answer in time: nothing can be collected; give the booking back for another try.
      await call('payments.cancel', { paymentId: payment.id }).catch(() => undefined);
      toReady();
      onNotice({ tone: 'error', text: 'Stripe could not be reached. Nothing was taken: try again, or take cash.' });
      return;
    }
    setState({ status: 'waiting', readers, payment, reader, sdk: true });
    let failure: TerminalFailure | null = null;
    try {
      await collectAndProcess(terminalReader, clientSecret);
    } catch (error) {
      failure = error instanceof TerminalFailure ? error : new TerminalFailure('failed', String(error));
    }
    try {
      // Declined or processed: the server reads the PaymentIntent. Anything else: stop it at Stripe too.
      const settled =
        failure === null || failure.kind === 'declined'
          ? await call('payments.settle', { paymentId: payment.id })
          : await call('payments.cancel', { paymentId: payment.id });
      if (settled.status === 'succeeded') {
        onBooking(await call('bookings.get', { bookingId: booking.id }), settled);
        toReady();
      } else if (settled.status === 'processing') {
        // Stripe has not caught up yet: keep asking the server, like a server-driven reader.
        setState({ status: 'waiting', readers, payment, reader, sdk: false });
      } else {
        toReady();
        onNotice({
          tone: 'error',
          text:
            failure !== null
              ? terminalProblem(failure, reader)
              : settled.failureCode === 'card_declined'
                ? DECLINED
                : 'The card payment did not go through. Nothing was taken: try again, or take cash.',
        });
      }
    } catch (error) {
      // The server could not be asked: the poller settles the payment; keep watching it.
      if (isClientError(error, 'conflict')) {
        setState({ status: 'waiting', readers, payment, reader, sdk: false });
        return;
      }
      setState({ status: 'waiting', readers, payment, reader, sdk: false });
      onNotice({ tone: 'info', text: 'Checking the card payment with Stripe…' });
    }
  }

  async function charge() {
    if (state.status !== 'ready') return;
    const reader = state.readers.find((candidate) => candidate.id === readerId);
    if (!reader) return;
    onNotice(null);
    if (reader.integration === 'terminal_js') return chargeHere(state.readers, reader);
    try {
      const payment = await call('payments.create', {
        bookingId: booking.id,
        method: 'card_present',
        amount: due,
        readerId: reader.id,
      });
      if (payment.status === 'succeeded') {
        onBooking(await call('bookings.get', { bookingId: booking.id }), payment);
        return;
      }
      setState({ status: 'waiting', readers: state.readers, payment, reader, sdk: false });
    } catch (error) {
      if (isClientError(error, 'payments_not_configured')) {
        setState({ status: 'unavailable', message: CARD_UNAVAILABLE });
        return;
      }
      onNotice({ tone: 'error', text: `${errorMessage(error)} Try again, or take cash.` });
    }
  }

  async function cancel() {
    if (state.status !== 'waiting') return;
    setState({ ...state, status: 'cancelling' });
    if (state.sdk) {
      // The collection ends with "cancelled" and `chargeHere` cancels the payment at Stripe.
      const stopped = await cancelCollect(asTerminalReader(state.reader)).catch(() => false);
      if (!stopped) setState({ ...state, status: 'waiting' }); // already processing the card
      return;
    }
    try {
      await call('payments.cancel', { paymentId: state.payment.id });
    } catch (error) {
      onNotice({ tone: 'error', text: errorMessage(error, { conflict: 'The card was already charged.' }) });
    }
  }

  // Escape cancels a payment the reader is waiting on (the sale's own Escape is off meanwhile).
  useEffect(() => {
    if (state.status !== 'waiting') return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === 'Escape') {
        event.preventDefault();
        void cancel();
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  });

  if (state.status === 'loading') {
    return (
      <div className="tender__card" role="tabpanel" aria-label="Card">
        <div className="spinner" role="status" aria-label="Looking for card readers" />
      </div>
    );
  }
  if (state.status === 'unavailable') {
    return (
      <div className="tender__card" role="tabpanel" aria-label="Card">
        <div className="alert tender__unavailable" role="alert" data-testid="card-unavailable">
          <IconAlert />
          <strong>{state.message}</strong>
        </div>
        <button type="button" className="btn btn--primary btn--large btn--block" onClick={onCash} autoFocus>
          Take cash <kbd className="kbd">H</kbd>
        </button>
      </div>
    );
  }
  if (state.status === 'connecting') {
    return (
      <div className="tender__card" role="tabpanel" aria-label="Card">
        <div className="tender__present" role="status" aria-live="polite" data-testid="card-connecting">
          <div className="spinner" aria-hidden="true" />
          <p>
            <strong>Connecting</strong> to {state.reader.label}…
          </p>
          <p className="tender__hint">This till talks to the reader over the local network.</p>
        </div>
      </div>
    );
  }
  if (state.status === 'waiting' || state.status === 'cancelling') {
    return (
      <div className="tender__card" role="tabpanel" aria-label="Card">
        <div className="tender__present" role="status" aria-live="polite" data-testid="card-waiting">
          <div className="spinner" aria-hidden="true" />
          <p>
            <strong>Present card</strong> on {state.reader.label}
          </p>
          <p className="num">{formatMoney(state.payment.amount, booking.currency)}</p>
        </div>
        <button
          type="button"
          className="btn btn--large btn--block"
          onClick={() => void cancel()}
          disabled={state.status === 'cancelling'}
        >
          {state.status === 'cancelling' ? 'Cancelling…' : 'Cancel card payment'} <kbd className="kbd">Esc</kbd>
        </button>
      </div>
    );
  }
  return (
    <div className="tender__card" role="tabpanel" aria-label="Card">
      <label className="field" htmlFor={selectId}>
        <span className="field__label">Card reader</span>
        <select id={selectId} className="input" value={readerId} onChange={(event) => setReaderId(event.target.value)}>
          {state.readers.map((reader) => (
            <option key={reader.id} value={reader.id}>
              {reader.label} · {reader.integration === 'terminal_js' ? 'on this network' : reader.status}
              {reader.simulated ? ' · training' : ''}
            </option>
          ))}
        </select>
      </label>
      <button
        ref={chargeButton}
        type="button"
        className="btn btn--primary btn--large btn--block"
        onClick={() => void charge()}
      >
        Charge {formatMoney(due, booking.currency)} on the reader <kbd className="kbd">Enter</kbd>
      </button>
    </div>
  );
}
