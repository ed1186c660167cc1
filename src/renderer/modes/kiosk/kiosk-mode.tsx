/**
 * Kiosk mode: a touch screen for customers, paired once with a device account (role kiosk). Big, calm, one
 * decision per screen: film → time → tickets → seats → check → pay on the reader → tickets on screen; or
 * collect tickets by reference. Every screen has Back, Start over, the language and the reading settings.
 *
 * It cleans up after itself: after inactivity it warns with a countdown, then starts over and lets go of
 * what the sale held on the server (hold released, unpaid booking cancelled). A card payment in progress is
 * never abandoned: the reader's action is cancelled first, and a payment that already went through ends on
 * the tickets screen instead. Staff unpair the kiosk by holding the logo for three seconds.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { Showtime } from '../../../shared/contract/index';
import type { SeatMap as SeatMapData } from '../../../shared/contract/booking';
import { Brand } from '../../components/brand';
import { SessionGate, type SignedIn } from '../../components/session-gate';
import { FullPageSpinner, StateMessage } from '../../components/states';
import { call, client, isClientError, isConnectionError, type ConnectionState } from '../../lib/client';
import { listShowtimes } from '../../lib/data';
import { useAsync, useNow } from '../../lib/use-async';
import '../../styles/kiosk.css';
import { AttractScreen } from './attract-screen';
import { ConnectScreen } from './connect-screen';
import { I18nProvider, useMakeI18n, type I18n } from './i18n/i18n';
import { LANGS, type Lang } from './i18n/messages';
import {
  IconAlert,
  IconArrowLeft,
  IconArrowRight,
  IconCard,
  IconContrast,
  IconGlobe,
  IconHand,
  IconHome,
  IconLowered,
  IconRefresh,
  IconTicket,
} from './kiosk-icons';
import { loadProgramme } from './kiosk-data';
import { OutOfServiceScreen, PayScreen, TicketsView, type PayState, type PrintState } from './payment-screens';
import { PickupScreen } from './pickup-screen';
import { SeatsScreen, SummaryScreen, TicketsScreen, TimesScreen } from './purchase-screens';
import { useWedgeScanner } from './wedge-scanner';
import {
  EMPTY_SALE,
  REFERENCE_LENGTH,
  assignTickets,
  companionOf,
  findReader,
  releaseSale,
  ticketCount,
  type Booking,
  type Sale,
} from './sale';

/** Nobody touched the screen for this long: ask whether they are still there (the theater's setting wins). */
export const IDLE_WARNING_MS = 45_000;
/** Then count down this many seconds before starting over. */
export const IDLE_COUNTDOWN_S = 20;
const REFRESH_MS = 120_000;
const UNPAIR_HOLD_MS = 3_000;
const PAYMENT_POLL_MS = 1_000;

export function KioskMode() {
  // A long press on a touch screen opens no context menu (nothing there is for customers).
  useEffect(() => {
    const block = (event: Event) => event.preventDefault();
    window.addEventListener('contextmenu', block);
    return () => window.removeEventListener('contextmenu', block);
  }, []);
  return (
    <div className="kiosk-root">
      <SessionGate mode="kiosk" signedOut={(props) => <ConnectScreen {...props} />}>
        {(session) => <KioskApp session={session} />}
      </SessionGate>
    </div>
  );
}

type Step =
  | 'attract'
  | 'films'
  | 'times'
  | 'tickets'
  | 'seats'
  | 'summary'
  | 'pay'
  | 'done'
  | 'out-of-service'
  | 'pickup'
  | 'pickup-done';

/** Which of "1 Film · 2 Time · 3 Seats · 4 Pay" a step belongs to (null: no progress shown). */
const PROGRESS: Record<Step, number | null> = {
  attract: null,
  films: 0,
  times: 1,
  tickets: 2,
  seats: 2,
  summary: 3,
  pay: 3,
  done: null,
  'out-of-service': null,
  pickup: null,
  'pickup-done': null,
};

interface Prefs {
  lang: Lang;
  easyRead: boolean;
  lowered: boolean;
}
const DEFAULT_PREFS: Prefs = { lang: 'en', easyRead: false, lowered: false };

function usePrefsOnDocument(prefs: Prefs): void {
  useEffect(() => {
    const html = document.documentElement;
    html.lang = prefs.lang;
    if (prefs.easyRead) {
      html.dataset['contrast'] = 'high';
      html.dataset['text'] = 'large';
    } else {
      delete html.dataset['contrast'];
      delete html.dataset['text'];
    }
  }, [prefs.lang, prefs.easyRead]);
  useEffect(
    () => () => {
      const html = document.documentElement;
      delete html.dataset['contrast'];
      delete html.dataset['text'];
      html.lang = 'en';
    },
    [],
  );
}

/** Whether the box office answers; `reconnecting` while the client probes it again by itself. */
function useConnection(): ConnectionState {
  const [state, setState] = useState<ConnectionState>(client.connection);
  useEffect(() => client.onConnectionChange(() => setState(client.connection)), []);
  return state;
}

/** Failure codes of a card payment that mean the reader cannot take cards now (not the customer's card). */
const READER_DOWN_CODES = new Set(['terminal_reader_offline', 'reader_offline', 'stripe_unreachable']);
/** How often the resting kiosk checks its reader and its credential (a revoked kiosk goes to pairing). */
const REST_CHECK_MS = 30_000;

function KioskApp({ session }: { session: SignedIn }) {
  const [prefs, setPrefs] = useState<Prefs>(DEFAULT_PREFS);
  usePrefsOnDocument(prefs);
  const programme = useAsync(() => loadProgramme(session.me.theaterIds), [session.me.id]);
  const theater = programme.data?.theater;
  // The theater's kiosk options (Admin → Settings → Kiosks): start in "Easy to read" when it says so.
  const largeText = theater?.kiosk.largeText;
  const [appliedLargeText, setAppliedLargeText] = useState<boolean | undefined>(undefined);
  if (largeText !== appliedLargeText) {
    setAppliedLargeText(largeText);
    if (largeText !== undefined) setPrefs((current) => ({ ...current, easyRead: largeText }));
  }
  const i18n = useMakeI18n(prefs.lang, theater?.timeZone ?? 'UTC', theater?.currency ?? 'EUR');
  return (
    <I18nProvider value={i18n}>
      <KioskFlow session={session} prefs={prefs} setPrefs={setPrefs} programme={programme} i18n={i18n} />
    </I18nProvider>
  );
}

function KioskFlow({
  session,
  prefs,
  setPrefs,
  programme,
  i18n,
}: {
  session: SignedIn;
  prefs: Prefs;
  setPrefs: (prefs: Prefs) => void;
  programme: ReturnType<typeof useAsync<Awaited<ReturnType<typeof loadProgramme>>>>;
  i18n: I18n;
}) {
  const { t, time, money } = i18n;
  const [step, setStep] = useState<Step>('attract');
  const [sale, setSaleState] = useState<Sale>(EMPTY_SALE);
  const saleRef = useRef<Sale>(EMPTY_SALE);
  const setSale = useCallback((update: (sale: Sale) => Sale) => {
    saleRef.current = update(saleRef.current);
    setSaleState(saleRef.current);
  }, []);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ text: string; tone: 'info' | 'warning' } | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [date, setDate] = useState<string | null>(null);
  const [showtimes, setShowtimes] = useState<{ key: string; items: Showtime[] } | null>(null);
  const [pay, setPayState] = useState<PayState | null>(null);
  const payRef = useRef<PayState | null>(null);
  const setPay = useCallback((state: PayState | null) => {
    payRef.current = state;
    setPayState(state);
  }, []);
  const [outReason, setOutReason] = useState<'not_configured' | 'offline'>('not_configured');
  const [cards, setCards] = useState<'unknown' | 'ok' | 'not_configured' | 'offline'>('unknown');
  const [print, setPrint] = useState<PrintState>('idle');
  const [reference, setReference] = useState('');
  const [pickupError, setPickupError] = useState<string | null>(null);
  const [pickedUp, setPickedUp] = useState<Booking | null>(null);
  const [idleLeft, setIdleLeft] = useState<number | null>(null);
  const [confirmUnpair, setConfirmUnpair] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const now = useNow(15_000);

  const data = programme.data;
  const { reload } = programme;
  // The theater's kiosk options, read from the box office with the programme (and again every refresh).
  const kioskOptions = data?.theater.kiosk;
  const cardOffered = kioskOptions ? kioskOptions.paymentMethods.includes('card') : true;
  const idleMs = kioskOptions ? kioskOptions.idleSeconds * 1000 : IDLE_WARNING_MS;
  const defaultPrefsRef = useRef<Prefs>(DEFAULT_PREFS);
  useEffect(() => {
    if (!kioskOptions) return;
    defaultPrefsRef.current = { ...DEFAULT_PREFS, easyRead: kioskOptions.largeText };
  }, [kioskOptions]);
  useEffect(() => {
    const timer = window.setInterval(reload, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reload]);

  // Whether this kiosk can take cards at all: asked at start and again when it comes back to rest.
  // The same call proves the kiosk's credential still works: a revoked kiosk goes back to pairing.
  useEffect(() => {
    if (step !== 'attract') return;
    let cancelled = false;
    const check = (): void => {
      void findReader().then((found) => {
        // A theater whose kiosks take no payment method sells nothing here: pickup only.
        if (!cancelled) setCards(!cardOffered ? 'not_configured' : 'reader' in found ? 'ok' : found.unavailable);
      });
    };
    check();
    const timer = window.setInterval(check, REST_CHECK_MS);
    return () => {
      cancelled = true;
      window.clearInterval(timer);
    };
  }, [step, cardOffered]);
  const connection = useConnection();

  const go = useCallback((next: Step) => {
    setStep(next);
    setNotice(null);
    mainRef.current?.scrollTo({ top: 0 });
  }, []);

  const fail = useCallback(
    (error: unknown) => {
      setNotice({ text: isConnectionError(error) ? t('error.network') : t('error.generic'), tone: 'warning' });
    },
    [t],
  );

  // ---- resetting ----------------------------------------------------------------------------------

  const resetLocal = useCallback(() => {
    saleRef.current = EMPTY_SALE;
    setSaleState(EMPTY_SALE);
    setSelected(new Set());
    setShowtimes(null);
    setDate(null);
    setPay(null);
    setPrint('idle');
    setReference('');
    setPickupError(null);
    setPickedUp(null);
    setBusy(false);
    setIdleLeft(null);
    go('attract');
  }, [go, setPay]);

  /**
   * Start over: cancel a card payment still on the reader first (if it went through meanwhile, show the
   * tickets instead), then let go of the hold or the unpaid booking and go back to the posters.
   */
  const startOver = useCallback(
    async (options: { resetPrefs?: boolean } = {}) => {
      const payment = payRef.current;
      if (payment && (payment.status === 'waiting' || payment.status === 'processing')) {
        setPay({ status: 'cancelling', paymentId: payment.paymentId });
        try {
          await call('payments.cancel', { paymentId: payment.paymentId });
        } catch (error) {
          // Refused: the card went through. The customer paid; they get their tickets, not a reset.
          if (isClientError(error) && error.status === 409) {
            const booking = saleRef.current.booking;
            if (booking) {
              const paid = await call('bookings.get', { bookingId: booking.id }).catch(() => booking);
              setSale((current) => ({ ...current, booking: paid }));
              setPay(null);
              go('done');
              return;
            }
          }
        }
      }
      const current = saleRef.current;
      resetLocal();
      if (options.resetPrefs) setPrefs(defaultPrefsRef.current);
      await releaseSale(current).catch(() => undefined);
    },
    [go, resetLocal, setPay, setPrefs, setSale],
  );

  // ---- inactivity ---------------------------------------------------------------------------------

  const stepRef = useRef(step);
  const prefsRef = useRef(prefs);
  useEffect(() => {
    stepRef.current = step;
    prefsRef.current = prefs;
  }, [step, prefs]);
  useEffect(() => {
    let warnTimer = 0;
    let tick = 0;
    const clear = () => {
      window.clearTimeout(warnTimer);
      window.clearInterval(tick);
    };
    const arm = () => {
      clear();
      setIdleLeft(null);
      warnTimer = window.setTimeout(() => {
        // On the posters there is nothing to lose: just put the next customer's settings back.
        if (stepRef.current === 'attract') {
          const current = prefsRef.current;
          const initial = defaultPrefsRef.current;
          if (
            current.lang !== initial.lang ||
            current.easyRead !== initial.easyRead ||
            current.lowered !== initial.lowered
          )
            setPrefs(initial);
          return;
        }
        // A card on the reader right now, a payment being started, or the box office out of reach (what
        // the sale owns there cannot be let go): never interrupt; look again later.
        if (
          payRef.current?.status === 'processing' ||
          payRef.current?.status === 'cancelling' ||
          payRef.current?.status === 'starting' ||
          client.connection === 'reconnecting'
        ) {
          arm();
          return;
        }
        let left = IDLE_COUNTDOWN_S;
        setIdleLeft(left);
        tick = window.setInterval(() => {
          left -= 1;
          if (left > 0) {
            setIdleLeft(left);
            return;
          }
          clear();
          setIdleLeft(null);
          void startOver({ resetPrefs: true });
        }, 1_000);
      }, idleMs);
    };
    arm();
    const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
    for (const name of events) window.addEventListener(name, arm, { passive: true });
    return () => {
      clear();
      for (const name of events) window.removeEventListener(name, arm);
    };
  }, [startOver, setPrefs, idleMs]);

  // ---- the sale -----------------------------------------------------------------------------------

  const film = data?.films.find((candidate) => candidate.movie.id === sale.movieId) ?? null;
  const today = data?.date ?? '';
  const currentDate = date ?? today;
  const showtimesKey = `${sale.movieId}:${currentDate}`;

  useEffect(() => {
    if (step !== 'times' || !data || sale.movieId === null) return;
    let cancelled = false;
    listShowtimes({ date: currentDate, theaterId: data.theater.id, movieId: sale.movieId }).then(
      (items) => {
        if (cancelled) return;
        const upcoming = items.filter((item) => item.status === 'scheduled' && Date.parse(item.startsAt) > Date.now());
        setShowtimes({ key: showtimesKey, items: upcoming });
      },
      (error: unknown) => {
        if (!cancelled) fail(error);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [step, data, sale.movieId, currentDate, showtimesKey, fail]);

  function pickFilm(movieId: number) {
    setSale(() => ({ ...EMPTY_SALE, movieId }));
    setDate(null);
    go('times');
  }

  async function pickShowtime(showtime: Showtime) {
    setBusy(true);
    try {
      const seatMap = await call('seatmap.get', { showtimeId: showtime.id });
      setSale((current) => ({ ...current, showtime, seatMap, counts: {}, accessible: false }));
      go('tickets');
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  }

  async function refreshSeatMap(showtimeId: number): Promise<SeatMapData | null> {
    try {
      const seatMap = await call('seatmap.get', { showtimeId });
      setSale((current) => ({ ...current, seatMap }));
      return seatMap;
    } catch {
      return null;
    }
  }

  async function toSeats() {
    const { showtime, counts, accessible } = saleRef.current;
    if (!showtime) return;
    setBusy(true);
    try {
      const hold = await call('holds.create', { showtimeId: showtime.id, quantity: ticketCount(counts), accessible });
      setSale((current) => ({ ...current, hold }));
      setSelected(new Set(hold.seatIds));
      await refreshSeatMap(showtime.id);
      go('seats');
      setNotice({ text: hold.together ? t('seats.best') : t('seats.split'), tone: 'info' });
    } catch (error) {
      if (isClientError(error, 'not_enough_seats') || isClientError(error, 'seat_unavailable')) {
        setNotice({ text: t('seats.notEnough', { count: ticketCount(counts) }), tone: 'warning' });
      } else fail(error);
    } finally {
      setBusy(false);
    }
  }

  const quantity = ticketCount(sale.counts);
  const holdIds = sale.hold?.seatIds ?? [];
  const synced = selected.size === holdIds.length && holdIds.every((seatId) => selected.has(seatId));

  /** Hold exactly the seats the customer picked; the old hold goes once the new one is ours. */
  async function rehold(seatIds: number[]) {
    const { showtime, hold: oldHold } = saleRef.current;
    if (!showtime) return;
    setBusy(true);
    try {
      const hold = await call('holds.create', { showtimeId: showtime.id, seatIds });
      setSale((current) => ({ ...current, hold }));
      if (oldHold) await call('holds.release', { holdId: oldHold.id }).catch(() => undefined);
      setNotice(null);
    } catch (error) {
      if (isClientError(error, 'seat_unavailable')) {
        setNotice({ text: t('seats.taken'), tone: 'warning' });
        setSelected(new Set(oldHold?.seatIds ?? []));
      } else fail(error);
    } finally {
      await refreshSeatMap(showtime.id);
      setBusy(false);
    }
  }

  function changeSeats(seatIds: number[], select: boolean) {
    const { seatMap } = saleRef.current;
    if (!seatMap || busy) return;
    // A wheelchair space and its companion seat go together.
    const ids = new Set(seatIds);
    for (const seatId of seatIds) {
      const partner = companionOf(seatMap, seatId);
      const partnerSeat = partner === null ? null : seatMap.seats.find((seat) => seat.id === partner);
      if (
        partner !== null &&
        (!select || selected.has(partner) || partnerSeat?.status === 'available' || holdIds.includes(partner))
      )
        ids.add(partner);
    }
    const next = new Set(selected);
    if (select) {
      if (next.size + ids.size > quantity) {
        setNotice({ text: t('seats.tooMany'), tone: 'warning' });
        return;
      }
      for (const seatId of ids) next.add(seatId);
    } else {
      for (const seatId of ids) next.delete(seatId);
    }
    setSelected(next);
    if (next.size < quantity) setNotice({ text: t('seats.pick', { count: quantity - next.size }), tone: 'info' });
    else if (next.size === quantity) {
      const same = holdIds.length === next.size && holdIds.every((seatId) => next.has(seatId));
      if (!same) void rehold([...next]);
      else setNotice(null);
    }
  }

  async function toSummary() {
    const { hold, seatMap, counts, showtime } = saleRef.current;
    if (!hold || !seatMap || !showtime) return;
    setBusy(true);
    try {
      const booking = await call('bookings.create', {
        holdId: hold.id,
        tickets: assignTickets(
          hold.seats,
          counts,
          seatMap.ticketTypes.map((type) => type.code),
        ),
      });
      setSale((current) => ({ ...current, booking }));
      go('summary');
    } catch (error) {
      if (isClientError(error, 'hold_expired')) {
        // Gone while they dithered: take the best seats again and say so.
        setSale((current) => ({ ...current, hold: null }));
        await toSeats();
        setNotice({ text: t('seats.expired'), tone: 'warning' });
      } else fail(error);
    } finally {
      setBusy(false);
    }
  }

  async function startPayment() {
    const booking = saleRef.current.booking;
    if (!booking) return;
    setPay({ status: 'starting' });
    go('pay');
    const found = await findReader();
    if (!('reader' in found)) {
      await outOfService(found.unavailable);
      return;
    }
    try {
      // One key for this attempt: if the answer is lost on the way back, the kiosk waits for the box office
      // and asks again with the same key, getting the payment that was started instead of a second one.
      const payment = await client.callUntilReached(
        'payments.create',
        { bookingId: booking.id, method: 'card_present', amount: booking.amountDue, readerId: found.reader.id },
        { idempotencyKey: crypto.randomUUID() },
      );
      settle(payment);
    } catch (error) {
      if (isClientError(error, 'payments_not_configured')) await outOfService('not_configured');
      else if (isConnectionError(error)) await outOfService('offline');
      else setPay({ status: 'failed' });
    }
  }

  async function outOfService(reason: 'not_configured' | 'offline') {
    setCards(reason);
    setOutReason(reason);
    setPay(null);
    const current = saleRef.current;
    setSale(() => ({ ...EMPTY_SALE }));
    go('out-of-service');
    await releaseSale(current).catch(() => undefined);
  }

  function settle(payment: { id: number; status: string; failureCode?: string | null }) {
    if (payRef.current?.status === 'cancelling') return;
    if (payment.status === 'succeeded') {
      const booking = saleRef.current.booking;
      if (!booking) return;
      // Keep the paying screen until the paid booking is in hand: a pay step without a payment reads as
      // stale and starts over, which must never meet a booking this kiosk still thinks is unpaid.
      const paidLocally = { ...booking, status: 'confirmed' as const, amountPaid: booking.total, amountDue: 0 };
      void call('bookings.get', { bookingId: booking.id })
        .catch(() => paidLocally)
        .then((paid) => {
          setSale((current) => ({ ...current, booking: paid }));
          setPay(null);
          go('done');
        });
    } else if (payment.status === 'failed') {
      // The reader went offline (not the customer's card): a card-only kiosk is out of service.
      if (payment.failureCode && READER_DOWN_CODES.has(payment.failureCode)) void outOfService('offline');
      else setPay({ status: 'declined' });
    } else if (payment.status === 'cancelled') {
      setPay(null);
      go('summary');
    } else if (payment.status === 'processing') setPay({ status: 'processing', paymentId: payment.id });
    else setPay({ status: 'waiting', paymentId: payment.id });
  }
  const settleRef = useRef(settle);
  useEffect(() => {
    settleRef.current = settle;
  });

  // Poll the payment while the customer is at the reader.
  const pollingId = pay && (pay.status === 'waiting' || pay.status === 'processing') ? pay.paymentId : null;
  useEffect(() => {
    if (pollingId === null) return;
    const timer = window.setInterval(() => {
      call('payments.get', { paymentId: pollingId }).then(
        (payment) => settleRef.current(payment),
        () => undefined,
      );
    }, PAYMENT_POLL_MS);
    return () => window.clearInterval(timer);
  }, [pollingId]);

  // Back from a lost connection: the payment in flight is read again from the box office at once.
  useEffect(() => {
    if (connection !== 'online' || pollingId === null) return;
    let cancelled = false;
    client.callUntilReached('payments.get', { paymentId: pollingId }).then(
      (payment) => {
        if (!cancelled) settleRef.current(payment);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [connection, pollingId]);

  async function cancelPayment() {
    const payment = payRef.current;
    if (!payment || (payment.status !== 'waiting' && payment.status !== 'processing')) {
      setPay(null);
      go('summary');
      return;
    }
    setPay({ status: 'cancelling', paymentId: payment.paymentId });
    try {
      const cancelled = await call('payments.cancel', { paymentId: payment.paymentId });
      setPay(null);
      if (cancelled.status === 'succeeded') settle(cancelled);
      else go('summary');
    } catch (error) {
      if (isClientError(error) && error.status === 409) {
        setPay({ status: 'waiting', paymentId: payment.paymentId });
        const latest = await call('payments.get', { paymentId: payment.paymentId }).catch(() => null);
        if (latest) settle(latest);
      } else {
        setPay({ status: 'waiting', paymentId: payment.paymentId });
        fail(error);
      }
    }
  }

  async function back() {
    const current = saleRef.current;
    switch (step) {
      case 'films':
      case 'pickup':
        await startOver();
        return;
      case 'times':
        go('films');
        return;
      case 'tickets':
        go('times');
        return;
      case 'seats':
        setSale((value) => ({ ...value, hold: null }));
        go('tickets');
        if (current.hold) await call('holds.release', { holdId: current.hold.id }).catch(() => undefined);
        return;
      case 'summary': {
        // The booking gives its seats back; hold the same seats again to choose anew.
        if (!current.booking || !current.showtime) return;
        setBusy(true);
        const seatIds = current.booking.tickets.map((ticket) => ticket.seatId);
        await call('bookings.cancel', { bookingId: current.booking.id }).catch(() => undefined);
        try {
          const hold = await call('holds.create', { showtimeId: current.showtime.id, seatIds });
          setSale((value) => ({ ...value, booking: null, hold }));
          setSelected(new Set(hold.seatIds));
          await refreshSeatMap(current.showtime.id);
          go('seats');
        } catch {
          setSale((value) => ({ ...value, booking: null, hold: null }));
          go('tickets');
        } finally {
          setBusy(false);
        }
        return;
      }
      case 'pay':
        if (pay?.status === 'declined' || pay?.status === 'failed') {
          setPay(null);
          go('summary');
        }
        return;
      case 'pickup-done':
        setPickedUp(null);
        go('pickup');
        return;
      default:
        return;
    }
  }

  async function findBooking() {
    setBusy(true);
    setPickupError(null);
    try {
      const found = await call('bookings.list', { reference });
      const booking = found.items[0];
      if (!booking) setPickupError(t('pickup.notFound', { reference }));
      else if (booking.status === 'pending_payment') setPickupError(t('pickup.notPaid'));
      else if (booking.status !== 'confirmed' && booking.status !== 'partially_refunded')
        setPickupError(t('pickup.cancelled'));
      else {
        setPickedUp(booking);
        setPrint('idle');
        go('pickup-done');
      }
    } catch (error) {
      setPickupError(isConnectionError(error) ? t('error.network') : t('error.generic'));
    } finally {
      setBusy(false);
    }
  }

  /**
   * A booking's QR (a ticket's signed code, or its reference) read by the kiosk's scanner, on the posters
   * or the pickup screen: straight to the tickets.
   */
  async function lookupScanned(code: string) {
    setBusy(true);
    setPickupError(null);
    setReference('');
    if (stepRef.current !== 'pickup') go('pickup');
    try {
      const booking = await call('tickets.lookup', { code });
      if (booking.status === 'pending_payment') setPickupError(t('pickup.notPaid'));
      else if (booking.status !== 'confirmed' && booking.status !== 'partially_refunded')
        setPickupError(t('pickup.cancelled'));
      else {
        setPickedUp(booking);
        setPrint('idle');
        go('pickup-done');
      }
    } catch (error) {
      setPickupError(isConnectionError(error) ? t('error.network') : t('pickup.scanNotFound'));
    } finally {
      setBusy(false);
    }
  }
  useWedgeScanner((step === 'attract' || step === 'pickup') && !busy && data !== null, (code) => {
    void lookupScanned(code);
  });

  /** Tickets print on the kiosk's printer when the desktop shell has one; otherwise the QR on screen does. */
  async function printTickets(booking: Booking) {
    const bridge = window.marquee;
    if (!bridge?.printTickets) {
      setPrint('unavailable');
      return;
    }
    setPrint('printing');
    const result = await bridge
      .printTickets(booking.id, client.getToken())
      .catch(() => ({ ok: false as const, reason: 'no_printer' as const, message: '' }));
    // The printer did not print (out of paper, jammed): the QR on screen is the ticket.
    setPrint(result.ok ? 'printed' : result.reason === 'print_failed' ? 'failed' : 'unavailable');
  }

  // ---- unpair (staff) -----------------------------------------------------------------------------

  const holdTimer = useRef(0);
  const startHold = () => {
    window.clearTimeout(holdTimer.current);
    holdTimer.current = window.setTimeout(() => setConfirmUnpair(true), UNPAIR_HOLD_MS);
  };
  const endHold = () => window.clearTimeout(holdTimer.current);

  // ---- what the screen shows ----------------------------------------------------------------------

  const showtime = sale.showtime;
  const saleHeading =
    film && showtime
      ? `${film.movie.title} · ${i18n.dateShort(showtime.date)} · ${time(showtime.startsAt)} · ${showtime.screenName}`
      : '';

  let content: ReactNode = null;
  let stale = false;
  let primary: ReactNode = null;
  let secondary: ReactNode = null;
  const primaryClass = 'btn btn--primary btn--xl kiosk__primary';

  if (!data) {
    content =
      programme.status === 'error' ? (
        <StateMessage
          role="alert"
          icon={<IconAlert />}
          title={t('error.unavailableTitle')}
          actions={
            <button type="button" className="btn btn--primary btn--xl" onClick={reload}>
              <IconRefresh /> {t('error.retry')}
            </button>
          }
        >
          {t('error.unavailable')}
        </StateMessage>
      ) : programme.status === 'ready' ? (
        <StateMessage icon={<IconAlert />} title={t('error.unavailableTitle')}>
          {t('error.unavailable')}
        </StateMessage>
      ) : (
        <FullPageSpinner label={t('loading')} />
      );
  } else if (step === 'attract' && (cards === 'offline' || cards === 'not_configured')) {
    // A card-only kiosk without a working reader sells nothing: say so plainly; pickup still works.
    content = <OutOfServiceScreen reason={cards} atRest />;
    primary = (
      <button type="button" className={primaryClass} onClick={() => go('pickup')}>
        <IconTicket /> {t('attract.collect')}
      </button>
    );
  } else if (step === 'attract' || step === 'films') {
    content = (
      <AttractScreen programme={data} onPick={pickFilm} heading={step === 'films' ? t('film.title') : undefined} />
    );
    if (step === 'attract') {
      secondary = (
        <button type="button" className="btn btn--xl kiosk__secondary" onClick={() => go('pickup')}>
          <IconTicket /> {t('attract.collect')}
        </button>
      );
      primary = (
        <button type="button" className={primaryClass} onClick={() => go('films')}>
          <IconHand /> {t('attract.touch')}
        </button>
      );
    }
  } else if (step === 'times' && film) {
    content = (
      <TimesScreen
        movie={film.movie}
        today={today}
        date={currentDate}
        onDate={(value) => setDate(value)}
        showtimes={showtimes?.key === showtimesKey ? showtimes.items : null}
        loading={busy}
        onPick={(value) => void pickShowtime(value)}
      />
    );
  } else if (step === 'tickets' && sale.seatMap) {
    content = (
      <TicketsScreen
        seatMap={sale.seatMap}
        counts={sale.counts}
        onCounts={(counts) => {
          setNotice(null);
          setSale((current) => ({ ...current, counts }));
        }}
        accessible={sale.accessible}
        onAccessible={(accessible) => setSale((current) => ({ ...current, accessible }))}
        heading={saleHeading}
      />
    );
    primary = (
      <button type="button" className={primaryClass} disabled={quantity === 0 || busy} onClick={() => void toSeats()}>
        {quantity === 0
          ? t('tickets.none')
          : `${t('tickets.toSeats')} · ${quantity === 1 ? t('tickets.one') : t('tickets.total', { count: quantity })}`}
        <IconArrowRight />
      </button>
    );
  } else if (step === 'seats' && sale.seatMap && film && showtime) {
    content = (
      <SeatsScreen
        seatMap={sale.seatMap}
        ownSeatIds={holdIds}
        selected={selected}
        onChange={changeSeats}
        label={t('seats.mapLabel', {
          film: film.movie.title,
          time: time(showtime.startsAt),
          screen: showtime.screenName,
        })}
        heading={saleHeading}
        notice={notice?.text ?? null}
        noticeTone={notice?.tone ?? 'info'}
      />
    );
    primary = (
      <button
        type="button"
        className={primaryClass}
        disabled={!synced || busy || selected.size !== quantity}
        onClick={() => void toSummary()}
      >
        {t('seats.toSummary')}
        <IconArrowRight />
      </button>
    );
  } else if (step === 'summary' && sale.booking) {
    content = <SummaryScreen booking={sale.booking} heading={saleHeading} />;
    primary = (
      <button type="button" className={primaryClass} disabled={busy} onClick={() => void startPayment()}>
        <IconCard /> {t('summary.pay', { total: money(sale.booking.amountDue) })}
      </button>
    );
  } else if (step === 'pay' && sale.booking && pay) {
    content = <PayScreen booking={sale.booking} state={pay} />;
    if (pay.status === 'declined' || pay.status === 'failed') {
      primary = (
        <button type="button" className={primaryClass} onClick={() => void startPayment()}>
          <IconCard /> {t('pay.retry')}
        </button>
      );
    } else {
      secondary = (
        <button
          type="button"
          className="btn btn--xl kiosk__secondary"
          disabled={pay.status === 'cancelling' || pay.status === 'starting'}
          onClick={() => void cancelPayment()}
        >
          {t('pay.cancel')}
        </button>
      );
    }
  } else if (step === 'out-of-service') {
    content = <OutOfServiceScreen reason={outReason} />;
  } else if ((step === 'done' && sale.booking) || (step === 'pickup-done' && pickedUp)) {
    const booking = step === 'done' ? sale.booking! : pickedUp!;
    const shown = data.films.find((candidate) => candidate.movie.id === (step === 'done' ? sale.movieId : null));
    content = (
      <TicketsView
        booking={booking}
        title={step === 'done' ? t('done.title') : t('pickup.title')}
        heading={step === 'done' ? saleHeading : (shown?.movie.title ?? '')}
        print={print}
      />
    );
    secondary = (
      <button
        type="button"
        className="btn btn--xl kiosk__secondary"
        disabled={print === 'printing' || print === 'printed'}
        onClick={() => void printTickets(booking)}
      >
        <IconTicket /> {print === 'printing' ? t('done.printing') : t('done.print')}
      </button>
    );
    primary = (
      <button type="button" className={primaryClass} onClick={() => void startOver()}>
        {t('done.finish')}
      </button>
    );
  } else if (step === 'pickup') {
    content = (
      <PickupScreen
        value={reference}
        onChange={(value) => {
          setPickupError(null);
          setReference(value);
        }}
        error={pickupError}
      />
    );
    primary = (
      <button
        type="button"
        className={primaryClass}
        disabled={reference.length !== REFERENCE_LENGTH || busy}
        onClick={() => void findBooking()}
      >
        {t('pickup.find')}
        <IconArrowRight />
      </button>
    );
  } else {
    // A step whose data went away (a refreshed programme without the film): back to the start.
    content = <FullPageSpinner label={t('loading')} />;
    stale = true;
  }

  useEffect(() => {
    if (stale) void startOver();
  }, [stale, startOver]);

  const progress = PROGRESS[step];
  const canGoBack =
    step !== 'attract' &&
    step !== 'done' &&
    step !== 'pickup-done' &&
    step !== 'out-of-service' &&
    !(step === 'pay' && pay?.status !== 'declined' && pay?.status !== 'failed');
  const paying = step === 'pay' && pay !== null && pay.status !== 'declined' && pay.status !== 'failed';
  // While a payment is being started, nothing may walk away from it (its outcome is not known yet).
  const starting = pay?.status === 'starting' || pay?.status === 'cancelling';
  const showNotice = notice && step !== 'seats';

  return (
    <div className="kiosk" data-lowered={prefs.lowered || undefined} data-step={step}>
      <div className="glow" aria-hidden="true" />
      <header className="kiosk__header">
        {/* Staff only: hold the logo to unpair. Not a control for customers, so not announced as one. */}
        <div
          className="kiosk__brand"
          onPointerDown={startHold}
          onPointerUp={endHold}
          onPointerLeave={endHold}
          onPointerCancel={endHold}
          onContextMenu={(event) => event.preventDefault()}
        >
          <Brand size={40} />
          {data ? <span className="kiosk__theater">{data.theater.name}</span> : null}
        </div>
        {progress !== null ? (
          <ol className="k-steps" aria-label={t('steps.label')}>
            {(['steps.film', 'steps.time', 'steps.seats', 'steps.pay'] as const).map((key, index) => (
              <li
                key={key}
                className={`k-steps__item${index === progress ? ' k-steps__item--current' : index < progress ? ' k-steps__item--done' : ''}`}
                aria-current={index === progress ? 'step' : undefined}
              >
                <span className="k-steps__num num" aria-hidden="true">
                  {index + 1}
                </span>
                <span className="k-steps__label">{t(key)}</span>
              </li>
            ))}
          </ol>
        ) : null}
        {data ? (
          <time className="kiosk__clock num" dateTime={new Date(now).toISOString()}>
            {time(new Date(now).toISOString())}
          </time>
        ) : null}
      </header>

      <main ref={mainRef} className="kiosk__main" data-view={step}>
        {connection === 'reconnecting' ? (
          <div className="k-reconnecting" role="status" data-testid="kiosk-reconnecting">
            <span className="spinner" aria-hidden="true" />
            <span className="k-reconnecting__text">
              <strong>{t('conn.reconnecting')}</strong>
              <span>{step === 'pay' ? t('conn.paymentSafe') : t('conn.reconnectingLead')}</span>
            </span>
          </div>
        ) : null}
        {showNotice ? (
          <p
            className={`k-notice k-notice--${notice.tone} k-banner`}
            role={notice.tone === 'warning' ? 'alert' : 'status'}
          >
            {notice.tone === 'warning' ? <IconAlert aria-hidden="true" /> : null}
            {notice.text}
          </p>
        ) : null}
        {content}
      </main>

      <footer className="kiosk__footer">
        <div className="kiosk__actions">
          {canGoBack ? (
            <button type="button" className="btn btn--xl kiosk__back" disabled={busy} onClick={() => void back()}>
              <IconArrowLeft /> {t('nav.back')}
            </button>
          ) : null}
          {step !== 'attract' ? (
            <button
              type="button"
              className="btn btn--xl kiosk__start-over"
              disabled={starting}
              onClick={() => void startOver()}
            >
              <IconHome /> {t('nav.startOver')}
            </button>
          ) : null}
          <span className="kiosk__spacer" />
          {secondary}
          {primary}
        </div>
        <div className="kiosk__prefs">
          {LANGS.filter((lang) => lang !== prefs.lang).map((lang) => (
            <button
              key={lang}
              type="button"
              className="btn btn--xl kiosk__pref"
              lang={lang}
              aria-label={t('lang.switchLabel')}
              onClick={() => setPrefs({ ...prefs, lang })}
            >
              <IconGlobe /> {t('lang.switch')}
            </button>
          ))}
          <button
            type="button"
            className="btn btn--xl kiosk__pref kiosk__easy-read"
            aria-pressed={prefs.easyRead}
            onClick={() => setPrefs({ ...prefs, easyRead: !prefs.easyRead })}
          >
            <IconContrast />
            <span>
              {t('a11y.easyRead')}
              <span className="kiosk__easy-read-state">{prefs.easyRead ? t('a11y.on') : t('a11y.off')}</span>
            </span>
          </button>
          <button
            type="button"
            className="btn btn--xl kiosk__pref kiosk__lowered"
            aria-pressed={prefs.lowered}
            onClick={() => setPrefs({ ...prefs, lowered: !prefs.lowered })}
          >
            <IconLowered />
            <span>
              {t('a11y.lowered')}
              <span className="kiosk__easy-read-state">{prefs.lowered ? t('a11y.on') : t('a11y.off')}</span>
            </span>
          </button>
        </div>
      </footer>

      {idleLeft !== null ? (
        <div className="kiosk__sheet-backdrop">
          <div
            className="kiosk__sheet"
            role="alertdialog"
            aria-modal="true"
            aria-labelledby="idle-title"
            aria-describedby="idle-body"
          >
            <h2 id="idle-title" className="kiosk__sheet-title">
              {t('idle.title')}
            </h2>
            <p id="idle-body" className="kiosk__sheet-body">
              {paying ? t('idle.bodyPay') : null} {t('idle.body', { seconds: idleLeft })}
            </p>
            <p className="k-countdown num" aria-hidden="true">
              {idleLeft}
            </p>
            <div className="kiosk__sheet-actions">
              <button type="button" className="btn btn--primary btn--xl" autoFocus onClick={() => setIdleLeft(null)}>
                {t('idle.stay')}
              </button>
            </div>
          </div>
        </div>
      ) : null}

      {confirmUnpair ? (
        <div className="kiosk__sheet-backdrop">
          <div className="kiosk__sheet" role="alertdialog" aria-modal="true" aria-labelledby="unpair-title">
            <h2 id="unpair-title" className="kiosk__sheet-title">
              Unpair this kiosk?
            </h2>
            <p className="kiosk__sheet-body">It stops selling until staff pair it again with its device account.</p>
            <div className="kiosk__sheet-actions">
              <button type="button" className="btn btn--xl" onClick={() => setConfirmUnpair(false)} autoFocus>
                Keep paired
              </button>
              <button type="button" className="btn btn--xl btn--danger" onClick={() => void session.logout()}>
                Unpair
              </button>
            </div>
          </div>
        </div>
      ) : null}
    </div>
  );
}
