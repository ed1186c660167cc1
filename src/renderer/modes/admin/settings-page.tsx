/**
 * Admin → Settings, in four tabs: the theater's details (what tickets and receipts print, the door and
 * cleaning times, the refund rules; admins and that theater's manager), its kiosks (admins), card
 * payments (the Stripe keys, never shown back; admins) and this PC's ticket printer (the desktop app;
 * a browser prints through its own dialog). The server validates everything; its field messages are
 * shown under the fields they name.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { OutputOf, StripeSettings, Theater } from '../../../shared/contract/index';
import { IconAlert, IconCheck } from '../../components/icons';
import { Link } from '../../components/link';
import { StateMessage } from '../../components/states';
import { call, client, ClientError } from '../../lib/client';
import { errorMessage } from '../../lib/errors';
import { formatMinor, minorDigits, parseMinor } from '../../lib/money';
import type { Me } from '../../lib/session';
import { useAsync } from '../../lib/use-async';
import '../../styles/settings.css';
import { describedBy, Field } from './people-shared';
import { TheaterPicker, useTheaterScope } from './theater-scope';

type Tab = 'theater' | 'kiosk' | 'payments' | 'printers';

const TABS: { id: Tab; href: string; label: string; adminOnly: boolean }[] = [
  { id: 'theater', href: '/admin/settings', label: 'Theater', adminOnly: false },
  { id: 'kiosk', href: '/admin/settings/kiosk', label: 'Kiosks', adminOnly: true },
  { id: 'payments', href: '/admin/settings/payments', label: 'Card payments', adminOnly: true },
  { id: 'printers', href: '/admin/settings/printers', label: 'Printers', adminOnly: true },
];

function tabOf(pathname: string, admin: boolean): Tab {
  const third = pathname.split('/').filter(Boolean)[2] ?? '';
  const tab = TABS.find((item) => item.id === third && (admin || !item.adminOnly));
  return tab?.id ?? 'theater';
}

type Errors = Record<string, string>;

/** The server's field messages by field name (the first part of each path). */
function fieldErrors(error: unknown): Errors | null {
  if (!(error instanceof ClientError) || error.code !== 'validation_failed') return null;
  const result: Errors = {};
  for (const field of error.fieldErrors) {
    const key = field.path.split('.')[0] ?? '';
    result[key] ??= field.message;
  }
  return Object.keys(result).length > 0 ? result : null;
}

function Notice({ notice }: { notice: { tone: 'success' | 'error'; text: string } | null }) {
  if (!notice) return null;
  return (
    <div
      className={`alert settings__notice${notice.tone === 'success' ? ' alert--success' : ''}`}
      role={notice.tone === 'success' ? 'status' : 'alert'}
    >
      {notice.tone === 'success' ? <IconCheck /> : <IconAlert />}
      <span>{notice.text}</span>
    </div>
  );
}

export function SettingsPage({ me }: { me: Me }) {
  const admin = me.role === 'admin';
  const tab = tabOf(window.location.pathname, admin);
  const scope = useTheaterScope(me);
  const theater = scope.theater;
  const needsTheater = tab === 'theater' || tab === 'kiosk';
  return (
    <main className="admin__main settings">
      <div className="page-head">
        <div>
          <h1 className="page-head__title">Settings</h1>
          <p className="page-head__lead">
            {admin
              ? 'How this cinema runs: its details on tickets and receipts, kiosks, card payments and printers.'
              : 'Your theater’s details on tickets and receipts, door and cleaning times, and refund rules.'}
          </p>
        </div>
        {needsTheater ? <TheaterPicker scope={scope} /> : null}
      </div>
      {admin ? (
        <nav className="subnav" aria-label="Settings">
          {TABS.map((item) => (
            <Link
              key={item.id}
              href={item.href}
              className="subnav__item"
              aria-current={item.id === tab ? 'page' : undefined}
            >
              {item.label}
            </Link>
          ))}
        </nav>
      ) : null}
      {needsTheater && scope.list.status === 'error' ? (
        <StateMessage role="alert" icon={<IconAlert />} title="Could not load the theaters">
          {errorMessage(scope.list.error)}
        </StateMessage>
      ) : null}
      {needsTheater && scope.list.status !== 'loading' && !theater && scope.list.status !== 'error' ? (
        <StateMessage icon={<IconAlert />} title="No theater to set up">
          {admin ? 'Add a theater under Theaters & screens first.' : 'You do not manage a theater yet.'}
        </StateMessage>
      ) : null}
      {tab === 'theater' && theater ? (
        <TheaterForm key={theater.id} theater={theater} onSaved={() => scope.list.reload()} />
      ) : null}
      {tab === 'kiosk' && theater ? (
        <KioskForm key={theater.id} theater={theater} onSaved={() => scope.list.reload()} />
      ) : null}
      {tab === 'payments' ? <StripePanel /> : null}
      {tab === 'printers' ? <PrintersPanel /> : null}
    </main>
  );
}

// ---- the theater ------------------------------------------------------------------------------------

const ZONES: readonly string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
})();

function TheaterForm({ theater, onSaved }: { theater: Theater; onSaved: () => void }) {
  const digits = minorDigits(theater.currency);
  const [form, setForm] = useState({
    name: theater.name,
    address: theater.address ?? '',
    phone: theater.phone ?? '',
    vatNumber: theater.vatNumber ?? '',
    timeZone: theater.timeZone,
    currency: theater.currency,
    cleaningMinutes: String(theater.cleaningMinutes),
    doorOpensMinutes: String(theater.doorOpensMinutes),
    cancelCutoffMinutes: String(theater.cancelCutoffMinutes),
    refundApprovalAbove: theater.refundApprovalAbove === null ? '' : formatMinor(theater.refundApprovalAbove, digits),
  });
  const [errors, setErrors] = useState<Errors>({});
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const set = (key: keyof typeof form) => (value: string) => setForm((current) => ({ ...current, [key]: value }));

  function whole(key: 'cleaningMinutes' | 'doorOpensMinutes' | 'cancelCutoffMinutes', local: Errors): number {
    const value = form[key].trim();
    if (!/^\d{1,5}$/.test(value)) local[key] = 'Enter a whole number of minutes.';
    return Number(value);
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setNotice(null);
    const local: Errors = {};
    const cleaningMinutes = whole('cleaningMinutes', local);
    const doorOpensMinutes = whole('doorOpensMinutes', local);
    const cancelCutoffMinutes = whole('cancelCutoffMinutes', local);
    const threshold = form.refundApprovalAbove.trim();
    const refundApprovalAbove = threshold === '' ? null : parseMinor(threshold, digits);
    if (threshold !== '' && refundApprovalAbove === null) local.refundApprovalAbove = 'Enter an amount, e.g. 50.00.';
    if (form.name.trim() === '') local.name = 'Enter the theater’s name.';
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      await call('theaters.update', {
        theaterId: theater.id,
        name: form.name,
        address: form.address.trim() || null,
        phone: form.phone.trim() || null,
        vatNumber: form.vatNumber.trim() || null,
        ...(form.timeZone !== theater.timeZone && { timeZone: form.timeZone }),
        ...(form.currency.toUpperCase() !== theater.currency && { currency: form.currency.toUpperCase() }),
        cleaningMinutes,
        doorOpensMinutes,
        cancelCutoffMinutes,
        refundApprovalAbove,
      });
      setNotice({ tone: 'success', text: 'Saved. New tickets and receipts print these details.' });
      onSaved();
    } catch (caught) {
      const fields = fieldErrors(caught);
      if (fields) setErrors(fields);
      setNotice({
        tone: 'error',
        text: fields
          ? 'Some fields need a look.'
          : errorMessage(caught, {
              conflict: 'The time zone and currency cannot change once showtimes are scheduled.',
            }),
      });
    } finally {
      setBusy(false);
    }
  }

  const input = (key: keyof typeof form, props: { hint?: boolean; numeric?: boolean } = {}) => ({
    id: `${id}-${key}`,
    className: `input${props.numeric ? ' num' : ''}`,
    value: form[key],
    onChange: (event: { target: { value: string } }) => set(key)(event.target.value),
    ...describedBy(`${id}-${key}`, errors[key], !!props.hint),
  });

  return (
    <form
      className="panel settings__form"
      onSubmit={(event) => void save(event)}
      noValidate
      aria-label="Theater details"
    >
      <section className="settings__group" aria-labelledby={`${id}-details`}>
        <h2 className="panel__title" id={`${id}-details`}>
          Details
        </h2>
        <p className="settings__lead">Printed on every ticket and receipt.</p>
        <div className="settings__grid">
          <Field id={`${id}-name`} label="Name" error={errors.name}>
            <input {...input('name')} autoComplete="organization" maxLength={100} />
          </Field>
          <Field id={`${id}-phone`} label="Phone" error={errors.phone} optional>
            <input {...input('phone')} type="tel" autoComplete="tel" maxLength={40} />
          </Field>
          <Field id={`${id}-address`} label="Address" error={errors.address} optional>
            <textarea {...input('address')} rows={2} maxLength={300} autoComplete="street-address" />
          </Field>
          <Field
            id={`${id}-vatNumber`}
            label="VAT or tax number"
            error={errors.vatNumber}
            hint="On receipts, under the address."
            optional
          >
            <input {...input('vatNumber', { hint: true })} maxLength={40} />
          </Field>
        </div>
      </section>

      <section className="settings__group" aria-labelledby={`${id}-money`}>
        <h2 className="panel__title" id={`${id}-money`}>
          Time zone and currency
        </h2>
        <div className="settings__grid">
          <Field
            id={`${id}-timeZone`}
            label="Time zone"
            error={errors.timeZone}
            hint="Show times and report days follow it."
          >
            <select {...input('timeZone', { hint: true })} className="input select">
              {(ZONES.includes(theater.timeZone) ? ZONES : [theater.timeZone, ...ZONES]).map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll('_', ' ')}
                </option>
              ))}
            </select>
          </Field>
          <Field
            id={`${id}-currency`}
            label="Currency"
            error={errors.currency}
            hint="ISO code. Neither can change once showtimes are scheduled."
          >
            <input
              {...input('currency', { hint: true })}
              className="input settings__currency"
              maxLength={3}
              autoCapitalize="characters"
              spellCheck={false}
            />
          </Field>
        </div>
      </section>

      <section className="settings__group" aria-labelledby={`${id}-rules`}>
        <h2 className="panel__title" id={`${id}-rules`}>
          Doors, cleaning and refunds
        </h2>
        <div className="settings__grid settings__grid--numbers">
          <Field
            id={`${id}-doorOpensMinutes`}
            label="Doors open"
            error={errors.doorOpensMinutes}
            hint="Minutes before a show."
          >
            <input {...input('doorOpensMinutes', { hint: true, numeric: true })} inputMode="numeric" />
          </Field>
          <Field
            id={`${id}-cleaningMinutes`}
            label="Cleaning between shows"
            error={errors.cleaningMinutes}
            hint="Minutes, for new screens. Each screen keeps its own."
          >
            <input {...input('cleaningMinutes', { hint: true, numeric: true })} inputMode="numeric" />
          </Field>
          <Field
            id={`${id}-cancelCutoffMinutes`}
            label="Customer refunds until"
            error={errors.cancelCutoffMinutes}
            hint="Minutes before a show."
          >
            <input {...input('cancelCutoffMinutes', { hint: true, numeric: true })} inputMode="numeric" />
          </Field>
          <Field
            id={`${id}-refundApprovalAbove`}
            label={`Manager approves refunds over (${theater.currency})`}
            error={errors.refundApprovalAbove}
            hint="Empty: cashiers refund any amount."
          >
            <input {...input('refundApprovalAbove', { hint: true, numeric: true })} inputMode="decimal" />
          </Field>
        </div>
      </section>

      <div className="settings__actions">
        <Notice notice={notice} />
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save theater'}
        </button>
      </div>
    </form>
  );
}

// ---- kiosks -----------------------------------------------------------------------------------------

function KioskForm({ theater, onSaved }: { theater: Theater; onSaved: () => void }) {
  const id = useId();
  const [idleSeconds, setIdleSeconds] = useState(String(theater.kiosk.idleSeconds));
  const [holdMinutes, setHoldMinutes] = useState(String(theater.kiosk.holdMinutes));
  const [largeText, setLargeText] = useState(theater.kiosk.largeText);
  const [card, setCard] = useState(theater.kiosk.paymentMethods.includes('card'));
  const [errors, setErrors] = useState<Errors>({});
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setNotice(null);
    const local: Errors = {};
    const idle = Number(idleSeconds);
    if (!/^\d+$/.test(idleSeconds.trim()) || idle < 15 || idle > 600) local.idleSeconds = 'Between 15 and 600 seconds.';
    const hold = Number(holdMinutes);
    if (!/^\d+$/.test(holdMinutes.trim()) || hold < 1 || hold > 60) local.holdMinutes = 'Between 1 and 60 minutes.';
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      await call('theaters.setKioskOptions', {
        theaterId: theater.id,
        idleSeconds: idle,
        holdMinutes: hold,
        largeText,
        paymentMethods: card ? ['card'] : [],
      });
      setNotice({
        tone: 'success',
        text: 'Saved. Kiosks pick this up within two minutes, or at once when they start.',
      });
      onSaved();
    } catch (caught) {
      const fields = fieldErrors(caught);
      if (fields) setErrors(fields);
      setNotice({ tone: 'error', text: fields ? 'Some fields need a look.' : errorMessage(caught) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel settings__form" onSubmit={(event) => void save(event)} noValidate aria-label="Kiosk options">
      <section className="settings__group" aria-labelledby={`${id}-title`}>
        <h2 className="panel__title" id={`${id}-title`}>
          Kiosks at {theater.name}
        </h2>
        <p className="settings__lead">Every kiosk of this theater reads these from the box office.</p>
        <div className="settings__grid settings__grid--numbers">
          <Field
            id={`${id}-idle`}
            label="Reset after no touch for"
            error={errors.idleSeconds}
            hint="Seconds; then it asks “Are you still there?” for 20 more."
          >
            <input
              id={`${id}-idle`}
              className="input num"
              inputMode="numeric"
              value={idleSeconds}
              onChange={(event) => setIdleSeconds(event.target.value)}
              {...describedBy(`${id}-idle`, errors.idleSeconds, true)}
            />
          </Field>
          <Field
            id={`${id}-hold`}
            label="Hold seats for"
            error={errors.holdMinutes}
            hint="Minutes a kiosk customer has to pay."
          >
            <input
              id={`${id}-hold`}
              className="input num"
              inputMode="numeric"
              value={holdMinutes}
              onChange={(event) => setHoldMinutes(event.target.value)}
              {...describedBy(`${id}-hold`, errors.holdMinutes, true)}
            />
          </Field>
        </div>
        <fieldset className="field checks">
          <legend className="field__label">Start in</legend>
          <label className="check">
            <input type="checkbox" checked={largeText} onChange={(event) => setLargeText(event.target.checked)} />
            Easy to read (large text, high contrast); customers can still switch it off
          </label>
        </fieldset>
        <fieldset className="field checks" aria-describedby={`${id}-methods-hint`}>
          <legend className="field__label">Payment methods</legend>
          <label className="check">
            <input type="checkbox" checked={card} onChange={(event) => setCard(event.target.checked)} />
            Card on the kiosk’s reader (contactless, chip and PIN, phone wallets)
          </label>
          <p className="field__hint" id={`${id}-methods-hint`}>
            {card
              ? 'Kiosks sell tickets and hand out tickets booked elsewhere.'
              : 'With none, kiosks only hand out tickets booked elsewhere; ticket sales there are closed.'}
          </p>
        </fieldset>
      </section>
      <div className="settings__actions">
        <Notice notice={notice} />
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save kiosk options'}
        </button>
      </div>
    </form>
  );
}

// ---- card payments ----------------------------------------------------------------------------------

const changed = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

function SecretLine({
  label,
  status,
  envName,
}: {
  label: string;
  status: StripeSettings['secretKey'];
  envName: string;
}) {
  let text: ReactNode;
  if (!status.set) text = <span className="settings__muted">Not set</span>;
  else
    text = (
      <span>
        Set, ends in <span className="num settings__last4">…{status.last4 ?? '????'}</span>
        {status.source === 'environment' ? ` · from ${envName} in the server’s environment` : ''}
      </span>
    );
  return (
    <div className="settings__secret">
      <dt>{label}</dt>
      <dd>
        {text}
        {status.updatedAt ? (
          <span className="settings__muted settings__changed">
            {status.source === 'environment'
              ? `Stored one, ending in …${status.storedLast4 ?? ''}, waits; changed`
              : 'Changed'}{' '}
            {changed.format(new Date(status.updatedAt))} by {status.updatedBy}
          </span>
        ) : null}
      </dd>
    </div>
  );
}

function StripePanel() {
  const state = useAsync(() => call('settings.stripe.get', {}), []);
  const id = useId();
  const [secretKey, setSecretKey] = useState('');
  const [webhookSecret, setWebhookSecret] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [test, setTest] = useState<OutputOf<'settings.stripe.test'> | null>(null);
  const [busy, setBusy] = useState(false);
  const status = state.data;

  async function update(input: { secretKey?: string | null; webhookSecret?: string | null }, done: string) {
    setNotice(null);
    setTest(null);
    setBusy(true);
    try {
      await call('settings.stripe.update', input);
      setSecretKey('');
      setWebhookSecret('');
      setErrors({});
      setNotice({ tone: 'success', text: done });
      state.reload();
    } catch (caught) {
      const fields = fieldErrors(caught);
      if (fields) setErrors(fields);
      setNotice({ tone: 'error', text: fields ? 'Check the keys: they were not saved.' : errorMessage(caught) });
    } finally {
      setBusy(false);
    }
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = {
      ...(secretKey.trim() && { secretKey: secretKey.trim() }),
      ...(webhookSecret.trim() && { webhookSecret: webhookSecret.trim() }),
    };
    if (Object.keys(input).length === 0) {
      setErrors({ secretKey: 'Paste a new key, or leave the page as it is.' });
      return;
    }
    await update(input, 'Saved. Card payments use the new key from now on.');
  }

  async function runTest() {
    setNotice(null);
    setTest(null);
    setBusy(true);
    try {
      setTest(await call('settings.stripe.test', {}));
    } catch (caught) {
      setNotice({ tone: 'error', text: errorMessage(caught) });
    } finally {
      setBusy(false);
    }
  }

  if (state.status === 'error' && !status) {
    return (
      <StateMessage role="alert" icon={<IconAlert />} title="Could not load the payment settings">
        {errorMessage(state.error)}
      </StateMessage>
    );
  }
  const fromEnv =
    status && (status.secretKey.source === 'environment' || status.webhookSecret.source === 'environment');
  return (
    <form className="panel settings__form" onSubmit={(event) => void save(event)} noValidate aria-label="Card payments">
      <section className="settings__group" aria-labelledby={`${id}-title`}>
        <div className="settings__title-row">
          <h2 className="panel__title" id={`${id}-title`}>
            Stripe
          </h2>
          {status ? (
            <span
              className={`settings__badge${status.configured ? ' settings__badge--on' : ''}`}
              data-testid="stripe-state"
            >
              {status.configured
                ? `Card payments on${status.mode ? ` · ${status.mode} mode` : ''}`
                : 'Card payments off: cash only'}
            </span>
          ) : null}
        </div>
        <p className="settings__lead">
          Keys from the Stripe Dashboard (Developers → API keys, and Webhooks). They are never shown again: only their
          last four characters.{' '}
          {status?.storage === 'os-secret-store'
            ? 'Stored encrypted with this computer’s secret store.'
            : 'Stored encrypted with a key file in the data folder (secrets.key), which stays on this machine.'}
        </p>
        {fromEnv ? (
          <div className="alert alert--info settings__notice" role="note">
            <IconAlert />
            <span>
              This server was started with Stripe keys in its environment (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET).
              Those win: a key saved here is kept and used once the environment no longer sets one.
            </span>
          </div>
        ) : null}
        {status ? (
          <dl className="settings__secrets" data-testid="stripe-status">
            <SecretLine label="Secret key" status={status.secretKey} envName="STRIPE_SECRET_KEY" />
            <SecretLine label="Webhook signing secret" status={status.webhookSecret} envName="STRIPE_WEBHOOK_SECRET" />
          </dl>
        ) : (
          <p className="settings__muted">Loading…</p>
        )}
        <div className="settings__grid">
          <Field
            id={`${id}-secret`}
            label={status?.secretKey.set ? 'New secret key' : 'Secret key'}
            error={errors.secretKey}
            hint="sk_live_…, sk_test_… or a restricted key rk_…"
          >
            <input
              id={`${id}-secret`}
              className="input settings__mono"
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={secretKey}
              onChange={(event) => setSecretKey(event.target.value)}
              {...describedBy(`${id}-secret`, errors.secretKey, true)}
            />
          </Field>
          <Field
            id={`${id}-webhook`}
            label={status?.webhookSecret.set ? 'New webhook signing secret' : 'Webhook signing secret'}
            error={errors.webhookSecret}
            hint="whsec_… (optional: payments are checked with Stripe either way; webhooks make it sooner)"
          >
            <input
              id={`${id}-webhook`}
              className="input settings__mono"
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={webhookSecret}
              onChange={(event) => setWebhookSecret(event.target.value)}
              {...describedBy(`${id}-webhook`, errors.webhookSecret, true)}
            />
          </Field>
        </div>
        {test ? (
          <div
            className={`alert settings__notice${test.ok ? ' alert--success' : ''}`}
            role={test.ok ? 'status' : 'alert'}
            data-testid="stripe-test-result"
          >
            {test.ok ? <IconCheck /> : <IconAlert />}
            <span>{test.message}</span>
          </div>
        ) : null}
      </section>
      <div className="settings__actions">
        <Notice notice={notice} />
        {status?.secretKey.storedLast4 || status?.webhookSecret.storedLast4 ? (
          <button
            type="button"
            className="btn btn--ghost"
            disabled={busy}
            onClick={() =>
              void update({ secretKey: null, webhookSecret: null }, 'The stored keys were removed.').then(
                () => undefined,
              )
            }
          >
            Remove stored keys
          </button>
        ) : null}
        <button type="button" className="btn" disabled={busy || !status?.configured} onClick={() => void runTest()}>
          Test connection
        </button>
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {busy ? 'Working…' : 'Save keys'}
        </button>
      </div>
    </form>
  );
}

// ---- printers ---------------------------------------------------------------------------------------

function PrintersPanel() {
  const bridge = window.marquee?.printers;
  return (
    <section className="panel settings__form" aria-labelledby="printers-title">
      <div className="settings__group">
        <h2 className="panel__title" id="printers-title">
          Ticket printer of this PC
        </h2>
        {bridge ? (
          <DesktopPrinters bridge={bridge} />
        ) : (
          <div className="settings__browser-print" data-testid="printers-browser">
            <p>
              This page is open in a web browser, which prints with its own print dialog: choose the ticket printer and
              paper there (80 mm roll or A4), or save the tickets as a PDF.
            </p>
            <p className="settings__muted">
              A box-office or kiosk PC running the Marquee desktop app prints silently on the printer chosen here, each
              PC its own. Open this page in the desktop app on that PC to choose it.
            </p>
          </div>
        )}
      </div>
    </section>
  );
}

type PrintersBridge = NonNullable<NonNullable<Window['marquee']>['printers']>;

function DesktopPrinters({ bridge }: { bridge: PrintersBridge }) {
  const id = useId();
  const state = useAsync(() => bridge.list(client.getToken()), []);
  const [deviceName, setDeviceName] = useState<string | null>(null);
  const [format, setFormat] = useState<'thermal80' | 'a4' | null>(null);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const data = state.data;
  if (state.status === 'error' || (data && !data.ok)) {
    return (
      <StateMessage role="alert" icon={<IconAlert />} title="Could not list the printers">
        {data && !data.ok ? data.message : errorMessage(state.error)}
      </StateMessage>
    );
  }
  if (!data) return <p className="settings__muted">Looking for printers…</p>;
  const current = data.current;
  const chosenName = deviceName ?? current?.deviceName ?? '';
  const chosenFormat = format ?? current?.format ?? 'thermal80';

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await bridge.set(client.getToken(), {
      ...(chosenName && { deviceName: chosenName }),
      format: chosenFormat,
    });
    setNotice(
      result.ok
        ? { tone: 'success', text: 'Saved. Tickets print there from now on.' }
        : { tone: 'error', text: result.message },
    );
    if (result.ok) state.reload();
  }

  return (
    <form onSubmit={(event) => void save(event)} className="settings__printers">
      <div className="settings__grid">
        <Field id={`${id}-printer`} label="Printer" hint="The system default printer when none is chosen.">
          <select
            id={`${id}-printer`}
            className="input select"
            value={chosenName}
            onChange={(event) => setDeviceName(event.target.value)}
            aria-describedby={`${id}-printer-hint`}
          >
            <option value="">System default printer</option>
            {data.printers.map((printer) => (
              <option key={printer.name} value={printer.name}>
                {printer.displayName}
                {printer.isDefault ? ' (default)' : ''}
              </option>
            ))}
          </select>
        </Field>
        <fieldset className="field checks">
          <legend className="field__label">Paper</legend>
          {(
            [
              ['thermal80', '80 mm roll (thermal ticket printer)'],
              ['a4', 'A4 sheets (office printer)'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="check">
              <input
                type="radio"
                name={`${id}-format`}
                checked={chosenFormat === value}
                onChange={() => setFormat(value)}
              />
              {label}
            </label>
          ))}
        </fieldset>
      </div>
      <div className="settings__actions">
        <Notice notice={notice} />
        <button type="submit" className="btn btn--primary">
          Save printer
        </button>
      </div>
    </form>
  );
}
