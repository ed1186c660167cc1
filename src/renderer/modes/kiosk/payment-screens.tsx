/**
 * Paying on the reader, the tickets at the end, and the screens that say what went wrong. The payment's
 * life (create, poll, cancel) is driven by kiosk-mode.tsx so the inactivity reset can wait for it.
 */
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { IconAlert, IconCard, IconCheck } from './kiosk-icons';
import { useI18n } from './i18n/i18n';
import type { Booking } from './sale';

export type PayState =
  | { status: 'starting' }
  | { status: 'waiting'; paymentId: number }
  | { status: 'processing'; paymentId: number }
  | { status: 'cancelling'; paymentId: number | null }
  | { status: 'declined' }
  | { status: 'failed' };

export function PayScreen({ booking, state }: { booking: Booking; state: PayState }) {
  const { t, money } = useI18n();
  if (state.status === 'declined' || state.status === 'failed') {
    return (
      <section className="k-screen k-screen--center" aria-labelledby="k-title">
        <div className="k-big-icon k-big-icon--danger" aria-hidden="true">
          <IconAlert width={56} height={56} />
        </div>
        {/* Announced at once, and still the screen's heading. */}
        <div role="alert">
          <h1 id="k-title" className="k-title">
            {state.status === 'declined' ? t('pay.declined') : t('pay.failed')}
          </h1>
        </div>
        <p className="k-lead">{t('pay.declinedLead')}</p>
        <p className="k-amount num">{t('pay.amount', { total: money(booking.amountDue) })}</p>
      </section>
    );
  }
  const line =
    state.status === 'processing'
      ? t('pay.processing')
      : state.status === 'cancelling'
        ? t('pay.cancelling')
        : t('pay.waiting');
  return (
    <section className="k-screen k-screen--center" aria-labelledby="k-title" data-testid="kiosk-present-card">
      <div className="k-big-icon" aria-hidden="true">
        <IconCard width={72} height={72} />
      </div>
      <h1 id="k-title" className="k-title">
        {t('pay.present')}
      </h1>
      <p className="k-amount num">{money(booking.amountDue)}</p>
      <p className="k-lead">{t('pay.presentLead')}</p>
      <p className="k-status" role="status">
        <span className="spinner" aria-hidden="true" />
        {line}
      </p>
      <div className="k-reader-arrow" aria-hidden="true" />
    </section>
  );
}

/**
 * Card payments are not possible here. During a sale (`atRest` false) the seats were just released; on the
 * posters (`atRest`) the kiosk sells nothing until the reader is back, and says so before anyone starts.
 */
export function OutOfServiceScreen({
  reason,
  atRest = false,
}: {
  reason: 'not_configured' | 'offline';
  atRest?: boolean;
}) {
  const { t } = useI18n();
  if (atRest) {
    return (
      <section className="k-screen k-screen--center k-oos" aria-labelledby="k-title" data-testid="kiosk-out-of-service">
        <div className="k-big-icon k-big-icon--warning" aria-hidden="true">
          <IconAlert width={56} height={56} />
        </div>
        <h1 id="k-title" className="k-title">
          {t('oos.title')}
        </h1>
        <p className="k-lead">{reason === 'offline' ? t('oos.readerOffline') : t('oos.lead')}</p>
      </section>
    );
  }
  return (
    <section className="k-screen k-screen--center" aria-labelledby="k-title" data-testid="kiosk-out-of-service">
      <div className="k-big-icon k-big-icon--warning" aria-hidden="true">
        <IconAlert width={56} height={56} />
      </div>
      <div role="alert">
        <h1 id="k-title" className="k-title">
          {reason === 'offline' ? t('pay.readerOffline') : t('pay.outOfService')}
        </h1>
      </div>
      <p className="k-lead">{t('pay.outOfServiceLead')}</p>
    </section>
  );
}

/** A QR code drawn in the page (no network): the text as a PNG data URL. */
export function QrCode({ text, label, size = 280 }: { text: string; label: string; size?: number }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    QRCode.toDataURL(text, {
      margin: 2,
      width: size,
      errorCorrectionLevel: 'M',
      color: { dark: '#000000', light: '#ffffff' },
    }).then(
      (data) => {
        if (!cancelled) setUrl(data);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [text, size]);
  return (
    <span className="k-qr" style={{ width: size, height: size }}>
      {url ? <img src={url} alt={label} width={size} height={size} data-testid="kiosk-qr" data-qr-text={text} /> : null}
    </span>
  );
}

/** `unavailable`: no printer here; `failed`: the printer refused the job (out of paper, jammed). */
export type PrintState = 'idle' | 'printing' | 'printed' | 'unavailable' | 'failed';

/** The booking's tickets: reference, a QR (each ticket's signed code when it has one, else the reference). */
export function TicketsView({
  booking,
  title,
  heading,
  print,
}: {
  booking: Booking;
  title: string;
  heading: string;
  print: PrintState;
}) {
  const { t } = useI18n();
  const codes = booking.tickets.filter((ticket) => ticket.code && ticket.status === 'valid');
  return (
    <section className="k-screen k-screen--center k-done" aria-labelledby="k-title">
      <div className="k-big-icon k-big-icon--success" aria-hidden="true">
        <IconCheck width={48} height={48} />
      </div>
      <h1 id="k-title" className="k-title">
        {title}
      </h1>
      <p className="k-context">{heading}</p>
      <p className="k-reference">
        <span className="k-reference__label">{t('done.reference')}</span>
        <strong className="k-reference__code num" data-testid="kiosk-reference">
          {booking.reference}
        </strong>
      </p>
      {codes.length > 0 ? (
        <ul className="k-qr-list">
          {codes.map((ticket) => (
            <li key={ticket.id}>
              <QrCode text={ticket.code ?? ''} label={t('done.ticketQr', { seat: ticket.seatLabel })} size={200} />
              <span className="num">{t('done.ticketQr', { seat: ticket.seatLabel })}</span>
            </li>
          ))}
        </ul>
      ) : (
        <QrCode text={booking.reference} label={t('done.qrLabel', { reference: booking.reference })} />
      )}
      <p className="k-lead">{t('done.qr')}</p>
      {print === 'printed' ? (
        <p className="k-notice k-notice--info" role="status">
          {t('done.printed')}
        </p>
      ) : null}
      {print === 'unavailable' || print === 'failed' ? (
        <p className="k-notice k-notice--warning" role="alert" data-testid="kiosk-print-problem">
          <IconAlert aria-hidden="true" />
          {print === 'failed' ? t('done.printFailed') : t('done.noPrinter')}
        </p>
      ) : null}
    </section>
  );
}
