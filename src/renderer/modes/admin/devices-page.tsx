/**
 * Admin → Devices: add a kiosk or door scanner and read its one-time pairing code to type on the device
 * (valid ten minutes); list devices and revoke one at once (its token stops working). Below, the card
 * readers (`ReadersPanel`): registered, assigned to counters or kiosks, and how each is driven.
 */
import { useId, useState, type FormEvent } from 'react';
import type { OutputOf } from '../../../shared/contract/index';
import { IconAlert, IconCheck } from '../../components/icons';
import { StateMessage } from '../../components/states';
import { call } from '../../lib/client';
import { errorMessage } from '../../lib/errors';
import { useAsync } from '../../lib/use-async';
import { PeopleTabs } from './people-shared';
import { ReadersPanel } from './readers-panel';

type Created = OutputOf<'devices.create'>;

const STATUS: Record<string, string> = { awaiting_pairing: 'Awaiting pairing', paired: 'Paired', revoked: 'Revoked' };

function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '—';
}

export function DevicesPage() {
  const devices = useAsync(() => call('devices.list', { limit: 200 }), []);
  const ids = { name: useId(), role: useId() };
  const [name, setName] = useState('');
  const [role, setRole] = useState<'scanner' | 'kiosk'>('scanner');
  const [created, setCreated] = useState<Created | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    if (name.trim() === '') {
      setError('Give the device a name people recognise, such as “North door”.');
      return;
    }
    try {
      setCreated(await call('devices.create', { name: name.trim(), role }));
      setName('');
      devices.reload();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }

  async function revoke(deviceId: number) {
    setError(null);
    try {
      await call('devices.revoke', { deviceId });
      devices.reload();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }

  return (
    <main className="admin__main">
      <PeopleTabs current="devices" />
      <div className="page-head">
        <div>
          <h1 className="page-head__title">Devices</h1>
          <p className="page-head__lead">
            Kiosks and door scanners, each paired once with a one-time code; the card readers counters and kiosks take
            cards on.
          </p>
        </div>
      </div>

      <form className="panel devices-form" onSubmit={(event) => void add(event)} noValidate>
        <div className="field">
          <label className="field__label" htmlFor={ids.name}>
            Device name
          </label>
          <input id={ids.name} className="input" value={name} onChange={(event) => setName(event.target.value)} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.role}>
            Kind
          </label>
          <select
            id={ids.role}
            className="input"
            value={role}
            onChange={(event) => setRole(event.target.value === 'kiosk' ? 'kiosk' : 'scanner')}
          >
            <option value="scanner">Door scanner</option>
            <option value="kiosk">Kiosk</option>
          </select>
        </div>
        <button type="submit" className="btn btn--primary">
          Add device
        </button>
      </form>

      {created ? (
        <div className="alert alert--success page-notice" role="status" data-testid="pairing-code">
          <IconCheck />
          <span>
            Pairing code for “{created.device.name}”: <strong className="num">{created.pairingCode}</strong>. Enter it
            on the device within 10 minutes; it works once.
          </span>
        </div>
      ) : null}
      {error ? (
        <div className="alert page-notice" role="alert">
          <IconAlert />
          <span>{error}</span>
        </div>
      ) : null}

      <section className="panel" aria-label="Device list">
        {devices.status === 'error' && !devices.data ? (
          <StateMessage role="alert" icon={<IconAlert />} title="Could not load the devices">
            {errorMessage(devices.error)}
          </StateMessage>
        ) : devices.data && devices.data.items.length === 0 ? (
          <StateMessage icon={<IconAlert />} title="No devices yet">
            Add a door scanner or kiosk above, then type its pairing code on the device.
          </StateMessage>
        ) : (
          <table className="table" data-testid="device-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col">Paired</th>
                <th scope="col">Last seen</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(devices.data?.items ?? []).map((device) => (
                <tr key={device.id}>
                  <th scope="row">{device.name}</th>
                  <td>{device.role === 'scanner' ? 'Door scanner' : 'Kiosk'}</td>
                  <td>{STATUS[device.status]}</td>
                  <td className="num">{when(device.pairedAt)}</td>
                  <td className="num">{when(device.lastSeenAt)}</td>
                  <td>
                    {device.status === 'revoked' ? null : (
                      <button type="button" className="btn btn--small" onClick={() => void revoke(device.id)}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <ReadersPanel />
    </main>
  );
}
