/**
 * The customer-facing display (`/counter/display`): opened in a second window on the screen that faces
 * the customer, it shows the show, the seats being chosen and what is to pay, mirrored from the counter
 * (display-channel.ts). It needs no sign-in: it holds nothing but what the counter last posted.
 *
 * In the desktop app the shell can open this page on a second display (see README); in a browser the
 * cashier opens it from the header's "Customer display" button and drags it to the other screen.
 */
import { useEffect, useMemo, useState } from 'react';
import { Brand } from '../../components/brand';
import { IconCheck } from '../../components/icons';
import { SeatLegend, SeatMap } from '../../components/seat-map/seat-map';
import { formatMoney } from '../../lib/money';
import '../../styles/counter.css';
import { listenDisplay, type DisplayState } from './display-channel';

export function CustomerDisplay() {
  const [state, setState] = useState<DisplayState | null>(null);
  useEffect(() => listenDisplay(setState), []);
  useEffect(() => {
    document.title = 'Your tickets · Marquee';
  }, []);
  const selected = useMemo(() => new Set(state?.kind === 'sale' ? state.selected : []), [state]);

  if (!state || state.kind === 'idle' || (state.stage === 'seats' && state.lines.length === 0 && !state.map)) {
    return (
      <main className="display display--idle" data-testid="customer-display">
        <Brand label={state?.theater ?? 'Welcome'} />
        <h1 className="display__welcome">Welcome</h1>
        <p className="display__lead">Your seats and total will show here.</p>
      </main>
    );
  }

  return (
    <main className="display" data-testid="customer-display">
      <header className="display__head">
        <div>
          <h1 className="display__title">{state.title}</h1>
          <p className="display__meta num">
            {state.when} · {state.screen}
          </p>
        </div>
        <Brand label={state.theater} />
      </header>
      <div className="display__body">
        <div className="display__map">
          {state.map ? (
            <SeatMap data={state.map} selected={selected} readOnly density="comfortable" label="Your seats" />
          ) : null}
          <SeatLegend />
        </div>
        <aside className="display__basket" aria-label="Your tickets">
          {state.stage === 'done' ? (
            <div className="display__done">
              <IconCheck width={48} height={48} />
              <p>Thank you — enjoy the film!</p>
              {state.change !== null && state.change > 0 ? (
                <p className="num">
                  Your change <strong>{formatMoney(state.change, state.currency)}</strong>
                </p>
              ) : null}
              {state.reference ? <p className="num">Booking {state.reference}</p> : null}
            </div>
          ) : (
            <>
              <ol className="display__lines">
                {state.lines.map((line) => (
                  <li key={line.seat}>
                    <span className="num">{line.seat}</span>
                    <span>{line.ticket}</span>
                    <span className="num">{formatMoney(line.price, state.currency)}</span>
                  </li>
                ))}
              </ol>
              <p className="display__total num">
                <span>Total</span>
                <strong data-testid="display-total">{formatMoney(state.total, state.currency)}</strong>
              </p>
            </>
          )}
        </aside>
      </div>
    </main>
  );
}
