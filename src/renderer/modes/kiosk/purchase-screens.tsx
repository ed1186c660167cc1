/**
 * The sale's decision screens after the film: a time, how many tickets, the seats, and the summary. Each
 * is one decision; the primary action sits in the shell's bottom bar (see kiosk-mode.tsx).
 */
import { useMemo } from 'react';
import type { Movie, Showtime } from '../../../shared/contract/index';
import type { SeatMap as SeatMapData } from '../../../shared/contract/booking';
import { IconAlert, IconMinus, IconPlusBig, IconSeat, IconStar } from './kiosk-icons';
import { Poster } from '../../components/poster';
import { SeatMap } from '../../components/seat-map/seat-map';
import { formatRuntime } from '../../lib/format';
import { useI18n } from './i18n/i18n';
import type { MessageKey } from './i18n/messages';
import { KIOSK_MAX_TICKETS, ticketCount, type Booking } from './sale';

/** The next `count` local dates from `today` ("2026-11-28" …). */
export function nextDates(today: string, count: number): string[] {
  const start = new Date(`${today}T12:00:00Z`).getTime();
  return Array.from({ length: count }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
}

export function FilmHeader({ movie, sub }: { movie: Movie; sub?: string }) {
  const { t } = useI18n();
  return (
    <div className="k-film">
      <Poster
        title={movie.title}
        posterUrl={movie.posterUrl}
        eyebrow={null}
        className="k-film__poster"
        loading="eager"
      />
      <div className="k-film__text">
        <p className="k-film__title">{movie.title}</p>
        <p className="k-film__facts">
          {movie.certificate ? <span className="cert">{movie.certificate}</span> : null}
          <span className="num">{formatRuntime(movie.durationMinutes)}</span>
          {movie.rating.average !== null ? (
            <span className="num k-film__rating">
              <IconStar width={18} height={18} aria-hidden="true" />
              {t('film.stars', { rating: movie.rating.average.toFixed(1) })}
            </span>
          ) : (
            <span>{t('film.noRating')}</span>
          )}
        </p>
        {sub ? <p className="k-film__sub">{sub}</p> : null}
      </div>
    </div>
  );
}

export function TimesScreen({
  movie,
  today,
  date,
  onDate,
  showtimes,
  loading,
  onPick,
}: {
  movie: Movie;
  today: string;
  date: string;
  onDate: (date: string) => void;
  showtimes: Showtime[] | null;
  loading: boolean;
  onPick: (showtime: Showtime) => void;
}) {
  const { t, time, dateShort } = useI18n();
  const dates = nextDates(today, 7);
  return (
    <section className="k-screen" aria-labelledby="k-title">
      <FilmHeader movie={movie} />
      <h1 id="k-title" className="k-title">
        {t('time.title')}
      </h1>
      <div className="k-days" role="group" aria-label={t('time.days')}>
        {dates.map((day, index) => (
          <button key={day} type="button" className="k-day" aria-pressed={day === date} onClick={() => onDate(day)}>
            <span className="k-day__name">
              {index === 0 ? t('time.today') : index === 1 ? t('time.tomorrow') : dateShort(day).split(' ')[0]}
            </span>
            <span className="k-day__date num">{dateShort(day).replace(/^\S+\s/, '')}</span>
          </button>
        ))}
      </div>
      {loading || !showtimes ? (
        <p className="k-lead" role="status">
          {t('loading')}
        </p>
      ) : showtimes.length === 0 ? (
        <p className="k-lead">{t('time.none')}</p>
      ) : (
        <ul className="k-times">
          {showtimes.map((showtime) => {
            const soldOut = showtime.seatsAvailable === 0;
            const few = !soldOut && showtime.seatsAvailable <= 10;
            return (
              <li key={showtime.id}>
                <button
                  type="button"
                  className="k-time"
                  data-testid="kiosk-time"
                  disabled={soldOut}
                  aria-disabled={soldOut || undefined}
                  onClick={() => onPick(showtime)}
                >
                  <span className="k-time__time num">{time(showtime.startsAt)}</span>
                  <span className="k-time__meta">
                    {showtime.screenName}
                    {showtime.format !== '2D' ? ` · ${showtime.format}` : ''}
                  </span>
                  <span
                    className={`k-time__seats num${soldOut ? ' k-time__seats--out' : few ? ' k-time__seats--few' : ''}`}
                  >
                    {soldOut ? (
                      <IconAlert width={18} height={18} aria-hidden="true" />
                    ) : (
                      <IconSeat width={18} height={18} aria-hidden="true" />
                    )}
                    {soldOut
                      ? t('time.soldOut')
                      : few
                        ? t('time.fewLeft', { count: showtime.seatsAvailable })
                        : t('time.seatsLeft', { count: showtime.seatsAvailable })}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function typeName(t: (key: MessageKey) => string, code: string, fallback: string): string {
  const key = `type.${code}` as MessageKey;
  const name = t(key);
  return name === key ? fallback : name;
}

export function TicketsScreen({
  seatMap,
  counts,
  onCounts,
  accessible,
  onAccessible,
  heading,
}: {
  seatMap: SeatMapData;
  counts: Record<string, number>;
  onCounts: (counts: Record<string, number>) => void;
  accessible: boolean;
  onAccessible: (value: boolean) => void;
  heading: string;
}) {
  const { t, money } = useI18n();
  const total = ticketCount(counts);
  const hasWheelchair = seatMap.seats.some((seat) => seat.type === 'wheelchair' && seat.status === 'available');
  return (
    <section className="k-screen" aria-labelledby="k-title">
      <p className="k-context">{heading}</p>
      <h1 id="k-title" className="k-title">
        {t('tickets.title')}
      </h1>
      <ul className="k-steppers">
        {seatMap.ticketTypes.map((type) => {
          const count = counts[type.code] ?? 0;
          const name = typeName(t, type.code, type.name);
          return (
            <li key={type.code} className="k-stepper" data-testid={`kiosk-ticket-${type.code}`}>
              <span className="k-stepper__text">
                <span className="k-stepper__name">{name}</span>
                <span className="k-stepper__price num">
                  {t('tickets.each', { price: money(type.prices.standard ?? 0) })}
                </span>
              </span>
              <button
                type="button"
                className="k-stepper__button"
                aria-label={t('tickets.remove', { type: name })}
                disabled={count === 0}
                onClick={() => onCounts({ ...counts, [type.code]: count - 1 })}
              >
                <IconMinus aria-hidden="true" />
              </button>
              <output
                className="k-stepper__count num"
                aria-live="polite"
                aria-label={t('tickets.count', { count, type: name })}
              >
                {count}
              </output>
              <button
                type="button"
                className="k-stepper__button"
                aria-label={t('tickets.add', { type: name })}
                disabled={total >= KIOSK_MAX_TICKETS}
                onClick={() => onCounts({ ...counts, [type.code]: count + 1 })}
              >
                <IconPlusBig aria-hidden="true" />
              </button>
            </li>
          );
        })}
      </ul>
      {total >= KIOSK_MAX_TICKETS ? <p className="k-lead">{t('tickets.max', { max: KIOSK_MAX_TICKETS })}</p> : null}
      {hasWheelchair ? (
        <label className="k-check">
          <input type="checkbox" checked={accessible} onChange={(event) => onAccessible(event.target.checked)} />
          <span className="k-check__box" aria-hidden="true" />
          <span>
            <span className="k-check__label">{t('tickets.wheelchair')}</span>
            <span className="k-check__hint">{t('tickets.wheelchairHint')}</span>
          </span>
        </label>
      ) : null}
    </section>
  );
}

/** The key to the seat map, drawn with the seat map's own marks, in the kiosk's language. */
const LEGEND: { key: MessageKey; view: string; type: string }[] = [
  { key: 'seats.legend.available', view: 'available', type: 'standard' },
  { key: 'seats.legend.selected', view: 'selected', type: 'standard' },
  { key: 'seats.legend.taken', view: 'sold', type: 'standard' },
  { key: 'seats.legend.premium', view: 'available', type: 'premium' },
  { key: 'seats.legend.wheelchair', view: 'available', type: 'wheelchair' },
  { key: 'seats.legend.companion', view: 'available', type: 'companion' },
];

export function SeatsScreen({
  seatMap,
  ownSeatIds,
  selected,
  onChange,
  label,
  heading,
  notice,
  noticeTone,
}: {
  seatMap: SeatMapData;
  /** Seats held by this sale: shown free to this customer when not selected. */
  ownSeatIds: readonly number[];
  selected: ReadonlySet<number>;
  onChange: (seatIds: number[], select: boolean) => void;
  label: string;
  heading: string;
  notice: string | null;
  noticeTone: 'info' | 'warning';
}) {
  const { t } = useI18n();
  const data = useMemo(() => {
    const own = new Set(ownSeatIds);
    return {
      rows: seatMap.rows,
      seats: seatMap.seats.map((seat) => (own.has(seat.id) ? { ...seat, status: 'available' as const } : seat)),
    };
  }, [seatMap, ownSeatIds]);
  const chosen = seatMap.seats
    .filter((seat) => selected.has(seat.id))
    .map((seat) => seat.label)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return (
    <section className="k-screen k-screen--seats" aria-labelledby="k-title">
      <p className="k-context">{heading}</p>
      <h1 id="k-title" className="k-title">
        {t('seats.title')}
      </h1>
      {notice ? (
        <p className={`k-notice k-notice--${noticeTone}`} role={noticeTone === 'warning' ? 'alert' : 'status'}>
          {noticeTone === 'warning' ? <IconAlert aria-hidden="true" /> : null}
          {notice}
        </p>
      ) : null}
      <div className="k-seatmap">
        <SeatMap data={data} selected={selected} onChange={onChange} density="large" label={label} />
      </div>
      <ul className="k-legend" aria-hidden="true">
        {LEGEND.map((item) => (
          <li key={item.key}>
            <span className="seat seat--legend" data-view={item.view} data-type={item.type} />
            {t(item.key)}
          </li>
        ))}
      </ul>
      <p className="k-chosen num" aria-live="polite">
        {t('seats.yours', { seats: chosen.join(', ') || '—' })}
      </p>
    </section>
  );
}

export function SummaryScreen({ booking, heading }: { booking: Booking; heading: string }) {
  const { t, money } = useI18n();
  return (
    <section className="k-screen" aria-labelledby="k-title">
      <p className="k-context">{heading}</p>
      <h1 id="k-title" className="k-title">
        {t('summary.title')}
      </h1>
      <ul className="k-lines">
        {booking.tickets.map((ticket) => (
          <li key={ticket.id} className="k-line">
            <span>{t('summary.seat', { seat: ticket.seatLabel })}</span>
            <span>{typeName(t, ticket.ticketType, ticket.ticketType)}</span>
            <span className="num k-line__price">{money(ticket.price)}</span>
          </li>
        ))}
      </ul>
      <p className="k-total" data-testid="kiosk-total">
        <span>{t('summary.total')}</span>
        <strong className="num">{money(booking.total)}</strong>
      </p>
      <p className="k-tax num">{t('summary.tax', { tax: money(booking.tax) })}</p>
    </section>
  );
}
