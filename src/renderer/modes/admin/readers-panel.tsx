/**
 * Admin → Devices → Card readers: register a Stripe Terminal reader with the pairing code it shows, give
 * it a label, choose how it is driven (through Stripe from the server, the default that serves counters,
 * kiosks and the API alike; or from a counter on the reader's own network with the Terminal JS SDK) and
 * where it stands (any counter or kiosk, the counters, or one kiosk); see its status and change it later.
 * The server validates every combination (a Terminal JS reader never stands at a kiosk).
 */
import { useId, useState, type FormEvent } from 'react';
import type { OutputOf } from '../../../shared/contract/index';
import { IconAlert, IconCheck } from '../../components/icons';
import { StateMessage } from '../../components/states';
import { call, isClientError } from '../../lib/client';
import { errorMessage } from '../../lib/errors';
import { useAsync } from '../../lib/use-async';

type Reader = OutputOf<'readers.list'>['items'][number];
type Device = OutputOf<'devices.list'>['items'][number];
type Integration = Reader['integration'];

const STATUS: Record<Reader['status'], string> = {
  online: 'Online',
  offline: 'Offline',
  busy: 'Taking a payment',
  unknown: 'Unknown',
};

const INTEGRATION: Record<Integration, string> = {
  server_driven: 'Through Stripe (server-driven)',
  terminal_js: 'From the counter’s network (Terminal JS)',
};

/** Where a reader stands, as one select value: "any", "counter" or "kiosk:<deviceId>". */
function placeOf(reader: Pick<Reader, 'assignment' | 'deviceId'>): string {
  if (reader.assignment === 'kiosk') return `kiosk:${reader.deviceId ?? ''}`;
  return reader.assignment ?? 'any';
}

function assignmentOf(place: string): { assignment: Reader['assignment']; deviceId: number | null } {
  if (place.startsWith('kiosk:')) return { assignment: 'kiosk', deviceId: Number(place.slice(6)) };
  return { assignment: place === 'counter' ? 'counter' : null, deviceId: null };
}

const DEVICE_TYPES: Record<string, string> = {
  bbpos_wisepos_e: 'BBPOS WisePOS E',
  simulated_wisepos_e: 'Simulated WisePOS E',
  stripe_s700: 'Stripe Reader S700',
  stripe_s710: 'Stripe Reader S710',
  verifone_P400: 'Verifone P400',
};

const FIELD_NAMES: Record<string, string> = {
  registrationCode: 'Pairing code',
  label: 'Label',
  integration: 'Driven',
  assignment: 'Stands at',
  deviceId: 'Stands at',
};

/** The server's reasons, field by field ("Pairing code: No reader has this registration code."). */
function readerError(error: unknown): string {
  if (isClientError(error, 'validation_failed') && error.fieldErrors.length > 0)
    return error.fieldErrors
      .map((field) => `${FIELD_NAMES[field.path] ?? field.path}: ${field.message.replace(/\.?$/, '.')}`)
      .join(' ');
  return errorMessage(error, {
    payments_not_configured: 'Card payments are not set up on this installation (no Stripe key).',
    unavailable: 'Stripe could not be reached. Check the internet connection and try again.',
  });
}

function PlaceOptions({ kiosks, integration }: { kiosks: Device[]; integration: Integration }) {
  return (
    <>
      <option value="any">Any counter or kiosk</option>
      <option value="counter">The counters</option>
      {integration === 'server_driven'
        ? kiosks.map((kiosk) => (
            <option key={kiosk.id} value={`kiosk:${kiosk.id}`}>
              Kiosk: {kiosk.name}
            </option>
          ))
        : null}
    </>
  );
}

export function ReadersPanel() {
  const readers = useAsync(() => call('readers.list', {}), []);
  const theaters = useAsync(() => call('theaters.list', {}), []);
  const devices = useAsync(() => call('devices.list', { limit: 200 }), []);
  const kiosks = (devices.data?.items ?? []).filter((device) => device.role === 'kiosk' && device.status !== 'revoked');
  const ids = { code: useId(), label: useId(), theater: useId(), integration: useId(), place: useId() };
  const [code, setCode] = useState('');
  const [label, setLabel] = useState('');
  const [theaterId, setTheaterId] = useState<number | null>(null);
  const [integration, setIntegration] = useState<Integration>('server_driven');
  const [place, setPlace] = useState('any');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const theaterList = theaters.data?.items ?? [];
  const chosenTheater = theaterId ?? theaterList[0]?.id ?? null;
  const notConfigured = readers.status === 'error' && isClientError(readers.error, 'payments_not_configured');

  async function register(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setDone(null);
    if (code.trim() === '' || label.trim() === '') {
      setError(
        'Type the pairing code the reader shows (Settings → Generate pairing code) and a label staff recognise.',
      );
      return;
    }
    if (chosenTheater === null) return;
    setBusy(true);
    try {
      const reader = await call('readers.create', {
        registrationCode: code.trim(),
        label: label.trim(),
        theaterId: chosenTheater,
        integration,
        ...assignmentOf(place),
      });
      setDone(`“${reader.label}” is registered (${STATUS[reader.status].toLowerCase()}).`);
      setCode('');
      setLabel('');
      readers.reload();
    } catch (caught) {
      setError(readerError(caught));
    } finally {
      setBusy(false);
    }
  }

  async function change(reader: Reader, changes: { integration?: Integration; place?: string }) {
    setError(null);
    setDone(null);
    const nextIntegration = changes.integration ?? reader.integration;
    // A reader moving to Terminal JS leaves its kiosk: those are driven through Stripe only.
    const nextPlace =
      changes.place ??
      (nextIntegration === 'terminal_js' && reader.assignment === 'kiosk' ? 'counter' : placeOf(reader));
    try {
      const updated = await call('readers.update', {
        readerId: reader.id,
        integration: nextIntegration,
        ...assignmentOf(nextPlace),
      });
      setDone(`“${updated.label}” saved.`);
      readers.reload();
    } catch (caught) {
      setError(readerError(caught));
    }
  }

  if (notConfigured) {
    return (
      <section className="panel readers" aria-labelledby={ids.code}>
        <h2 className="readers__title" id={ids.code}>
          Card readers
        </h2>
        <StateMessage icon={<IconAlert />} title="Card payments are not set up">
          Add the cinema’s Stripe secret key (STRIPE_SECRET_KEY on a headless server) to register readers. Until then
          the box office sells for cash.
        </StateMessage>
      </section>
    );
  }

  return (
    <section className="panel readers" aria-labelledby={`${ids.code}-title`} data-testid="readers">
      <div className="readers__head">
        <h2 className="readers__title" id={`${ids.code}-title`}>
          Card readers
        </h2>
        <p className="readers__lead">
          Stripe Terminal readers. Through Stripe suits most readers and every kiosk; Terminal JS needs the reader on
          the same local network as the counter.
        </p>
      </div>
      <form className="readers-form" onSubmit={(event) => void register(event)} noValidate>
        <div className="field">
          <label className="field__label" htmlFor={ids.code}>
            Pairing code
          </label>
          <input
            id={ids.code}
            className="input"
            value={code}
            autoComplete="off"
            placeholder="e.g. sepia-cerulean-aqua"
            onChange={(event) => setCode(event.target.value)}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.label}>
            Label
          </label>
          <input
            id={ids.label}
            className="input"
            value={label}
            placeholder="e.g. Till 1"
            onChange={(event) => setLabel(event.target.value)}
          />
        </div>
        {theaterList.length > 1 ? (
          <div className="field">
            <label className="field__label" htmlFor={ids.theater}>
              Theater
            </label>
            <select
              id={ids.theater}
              className="input"
              value={chosenTheater ?? ''}
              onChange={(event) => setTheaterId(Number(event.target.value))}
            >
              {theaterList.map((theater) => (
                <option key={theater.id} value={theater.id}>
                  {theater.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label className="field__label" htmlFor={ids.integration}>
            Driven
          </label>
          <select
            id={ids.integration}
            className="input"
            value={integration}
            onChange={(event) => {
              const next = event.target.value === 'terminal_js' ? 'terminal_js' : 'server_driven';
              setIntegration(next);
              if (next === 'terminal_js' && place.startsWith('kiosk:')) setPlace('counter');
            }}
          >
            <option value="server_driven">{INTEGRATION.server_driven}</option>
            <option value="terminal_js">{INTEGRATION.terminal_js}</option>
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.place}>
            Stands at
          </label>
          <select id={ids.place} className="input" value={place} onChange={(event) => setPlace(event.target.value)}>
            <PlaceOptions kiosks={kiosks} integration={integration} />
          </select>
        </div>
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {busy ? 'Registering…' : 'Register reader'}
        </button>
      </form>

      {done ? (
        <div className="alert alert--success page-notice" role="status" data-testid="reader-notice">
          <IconCheck />
          <span>{done}</span>
        </div>
      ) : null}
      {error ? (
        <div className="alert page-notice" role="alert" data-testid="reader-error">
          <IconAlert />
          <span>{error}</span>
        </div>
      ) : null}

      {readers.status === 'error' && !readers.data ? (
        <StateMessage role="alert" icon={<IconAlert />} title="Could not load the card readers">
          {errorMessage(readers.error)}
        </StateMessage>
      ) : readers.data && readers.data.items.length === 0 ? (
        <StateMessage icon={<IconAlert />} title="No card readers yet">
          On the reader, open Settings and generate a pairing code, then register it above.
        </StateMessage>
      ) : (
        <table className="table" data-testid="reader-table">
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">Status</th>
              <th scope="col">Driven</th>
              <th scope="col">Stands at</th>
              <th scope="col">Reader</th>
            </tr>
          </thead>
          <tbody>
            {(readers.data?.items ?? []).map((reader) => (
              <tr key={reader.id} data-reader-id={reader.id}>
                <th scope="row">{reader.label}</th>
                <td>
                  <span className={`reader-status reader-status--${reader.status}`}>{STATUS[reader.status]}</span>
                </td>
                <td>
                  <select
                    className="input input--compact"
                    aria-label={`How ${reader.label} is driven`}
                    value={reader.integration}
                    onChange={(event) =>
                      void change(reader, {
                        integration: event.target.value === 'terminal_js' ? 'terminal_js' : 'server_driven',
                      })
                    }
                  >
                    <option value="server_driven">{INTEGRATION.server_driven}</option>
                    <option value="terminal_js">{INTEGRATION.terminal_js}</option>
                  </select>
                </td>
                <td>
                  <select
                    className="input input--compact"
                    aria-label={`Where ${reader.label} stands`}
                    value={placeOf(reader)}
                    onChange={(event) => void change(reader, { place: event.target.value })}
                  >
                    <PlaceOptions kiosks={kiosks} integration={reader.integration} />
                  </select>
                </td>
                <td>
                  <span className="reader-type">
                    {DEVICE_TYPES[reader.deviceType] ?? reader.deviceType.replaceAll('_', ' ')}
                  </span>
                  {reader.simulated ? <span className="badge">Training</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
