/**
 * The cashier's shift: the counter sells from an open shift's drawer. Without one, the cashier opens it
 * with the float first; at the end of the day the drawer is counted and the variance shown.
 *
 * `DrawerCount` is its own small component so the count can grow (denominations, drops) without
 * touching the close flow around it.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { OutputOf } from '../../../shared/contract/index';
import { IconAlert, IconCheck } from '../../components/icons';
import { FullPageSpinner, StateMessage } from '../../components/states';
import { call, isClientError } from '../../lib/client';
import { errorMessage } from '../../lib/errors';
import { formatMoney, parseMoney } from '../../lib/money';
import { useAsync } from '../../lib/use-async';

export type Shift = OutputOf<'shifts.current'>;

export interface ShiftContext {
  shift: Shift;
  reload: () => void;
  /** The shift was closed: back to "open a shift". */
  closed: () => void;
}

/** Loads the cashier's open shift; asks for the float and opens one when there is none. */
export function ShiftGate({
  currency,
  header,
  children,
}: {
  currency: string;
  header: ReactNode;
  children: (context: ShiftContext) => ReactNode;
}) {
  const current = useAsync<Shift | null>(async () => {
    try {
      return await call('shifts.current', {});
    } catch (error) {
      if (isClientError(error, 'not_found')) return null;
      throw error;
    }
  }, []);
  const [opened, setOpened] = useState<Shift | null>(null);
  const [closedId, setClosedId] = useState<number | null>(null);

  // The server's answer wins once it has one; the shift just opened here bridges the reload.
  const fromServer = current.data && current.data.id !== closedId ? current.data : null;
  const shift = fromServer ?? (opened && opened.id !== closedId ? opened : null);
  if (current.status === 'error' && !current.data && !opened) {
    return (
      <main className="full-page-center">
        <StateMessage
          role="alert"
          icon={<IconAlert />}
          title="Could not check your shift"
          actions={
            <button type="button" className="btn btn--primary" onClick={current.reload}>
              Try again
            </button>
          }
        >
          {errorMessage(current.error)}
        </StateMessage>
      </main>
    );
  }
  if (current.status === 'loading' && !current.data && !opened) return <FullPageSpinner label="Checking your shift…" />;
  if (!shift) {
    return (
      <div className="counter counter--plain">
        {header}
        <OpenShift
          currency={currency}
          onOpened={(value) => {
            setOpened(value);
            setClosedId(null);
          }}
        />
      </div>
    );
  }
  return (
    <>
      {children({
        shift,
        reload: current.reload,
        closed: () => {
          setClosedId(shift.id);
          setOpened(null);
          current.reload();
        },
      })}
    </>
  );
}

function OpenShift({ currency, onOpened }: { currency: string; onOpened: (shift: Shift) => void }) {
  const inputId = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const amount = parseMoney(text === '' ? '0' : text, currency);
    if (amount === null) {
      setError('Enter the float as an amount, for example 100 or 150.00.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onOpened(await call('shifts.open', { openingFloat: amount }));
    } catch (caught) {
      if (isClientError(caught, 'shift_already_open')) {
        onOpened(await call('shifts.current', {}));
        return;
      }
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  return (
    <main className="shift-panel" aria-labelledby="open-shift-title">
      <form className="shift-card" onSubmit={(event) => void submit(event)} noValidate>
        <h1 id="open-shift-title" className="shift-card__title">
          Open your shift
        </h1>
        <p className="shift-card__lead">Count the float in your drawer before the first sale.</p>
        <label className="field" htmlFor={inputId}>
          <span className="field__label">Float in the drawer</span>
          <input
            ref={input}
            id={inputId}
            className="input input--money num"
            inputMode="decimal"
            autoComplete="off"
            placeholder="0.00"
            value={text}
            onChange={(event) => setText(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${inputId}-error` : undefined}
            data-testid="float-input"
          />
        </label>
        {error ? (
          <p id={`${inputId}-error`} className="field__error" role="alert">
            <IconAlert />
            {error}
          </p>
        ) : null}
        <button type="submit" className="btn btn--primary btn--large btn--block" disabled={busy}>
          {busy ? 'Opening…' : 'Open shift'} <kbd className="kbd">Enter</kbd>
        </button>
      </form>
    </main>
  );
}

/** How much cash is in the drawer. Today one total; denominations can be added here later. */
export function DrawerCount({
  currency,
  value,
  onChange,
  inputRef,
  invalid,
}: {
  currency: string;
  value: string;
  onChange: (text: string) => void;
  inputRef?: React.Ref<HTMLInputElement>;
  invalid?: boolean;
}) {
  const id = useId();
  return (
    <label className="field" htmlFor={id}>
      <span className="field__label">Cash counted in the drawer ({currency})</span>
      <input
        ref={inputRef}
        id={id}
        className="input input--money num"
        inputMode="decimal"
        autoComplete="off"
        placeholder="0.00"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={invalid || undefined}
        data-testid="counted-input"
      />
    </label>
  );
}

/** Count the drawer, close the shift, and show expected, counted and the variance. */
export function CloseShift({
  shift,
  currency,
  onBack,
  onClosed,
}: {
  shift: Shift;
  currency: string;
  onBack: () => void;
  onClosed: () => void;
}) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Shift | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const live = useAsync(() => call('shifts.get', { shiftId: shift.id }), [shift.id]);
  const figures = result ?? live.data ?? shift;
  useEffect(() => input.current?.focus(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const counted = parseMoney(text, currency);
    if (counted === null) {
      setError('Enter the cash you counted, for example 412.35.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setResult(await call('shifts.close', { shiftId: shift.id, countedCash: counted }));
    } catch (caught) {
      setError(errorMessage(caught, { shift_closed: 'This shift is already closed.' }));
    } finally {
      setBusy(false);
    }
  }

  const money = (value: number | null) => (value === null ? '—' : formatMoney(value, currency));
  const variance = figures.variance;
  return (
    <section className="shift-panel" aria-labelledby="close-shift-title" data-testid="close-shift">
      <div className="shift-card shift-card--wide">
        <h2 id="close-shift-title" className="shift-card__title">
          {result ? 'Shift closed' : 'Close your shift'}
        </h2>
        <dl className="shift-figures num">
          <div>
            <dt>Opening float</dt>
            <dd>{money(figures.openingFloat)}</dd>
          </div>
          <div>
            <dt>Cash sales</dt>
            <dd>{money(figures.cashSales)}</dd>
          </div>
          <div>
            <dt>Cash refunds</dt>
            <dd>−{money(figures.cashRefunds)}</dd>
          </div>
          <div className="shift-figures__total">
            <dt>Expected in the drawer</dt>
            <dd data-testid="expected-cash">{money(figures.expectedCash)}</dd>
          </div>
          {result ? (
            <>
              <div>
                <dt>Counted</dt>
                <dd data-testid="counted-cash">{money(result.countedCash)}</dd>
              </div>
              <div
                className={`shift-figures__variance shift-figures__variance--${
                  variance === 0 ? 'even' : (variance ?? 0) < 0 ? 'short' : 'over'
                }`}
              >
                <dt>Variance</dt>
                <dd data-testid="variance">
                  {variance === null
                    ? '—'
                    : variance === 0
                      ? `${money(0)} · drawer balances`
                      : `${variance > 0 ? '+' : '−'}${money(Math.abs(variance))} · ${variance < 0 ? 'short' : 'over'}`}
                </dd>
              </div>
            </>
          ) : null}
        </dl>
        {result ? (
          <div className="shift-card__actions">
            <p className="alert alert--success" role="status">
              <IconCheck />
              The shift is closed. {figures.payments} payments were taken on it.
            </p>
            <button type="button" className="btn btn--primary btn--large" onClick={onClosed} autoFocus>
              Done <kbd className="kbd">Enter</kbd>
            </button>
          </div>
        ) : (
          <form onSubmit={(event) => void submit(event)} noValidate>
            <DrawerCount
              currency={currency}
              value={text}
              onChange={setText}
              inputRef={input}
              invalid={error !== null}
            />
            {error ? (
              <p className="field__error" role="alert">
                <IconAlert />
                {error}
              </p>
            ) : null}
            <div className="shift-card__actions">
              <button type="button" className="btn" onClick={onBack}>
                Back <kbd className="kbd">Esc</kbd>
              </button>
              <button type="submit" className="btn btn--primary btn--large" disabled={busy}>
                {busy ? 'Closing…' : 'Close shift'} <kbd className="kbd">Enter</kbd>
              </button>
            </div>
          </form>
        )}
      </div>
    </section>
  );
}
