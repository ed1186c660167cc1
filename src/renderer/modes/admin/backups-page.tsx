/**
 * Admin → Backups: the database's backups (scheduled, manual, before upgrades and restores), taking one
 * now, the schedule, and restoring one. A restore is checked on the server first and happens at the
 * next start, which the page says plainly, with a way to call it off.
 */
import { useId, useState, type FormEvent } from 'react';
import type { OutputOf } from '../../../shared/contract/index';
import { IconAlert, IconCheck } from '../../components/icons';
import { StateMessage } from '../../components/states';
import { call } from '../../lib/client';
import { errorMessage } from '../../lib/errors';
import { useAsync } from '../../lib/use-async';

type State = OutputOf<'backups.list'>;
type Backup = State['items'][number];

const KINDS: Record<Backup['kind'], string> = {
  scheduled: 'Scheduled',
  manual: 'Manual',
  'before-migration': 'Before an upgrade',
  'before-restore': 'Before a restore',
};

const INTERVALS: { hours: number; label: string }[] = [
  { hours: 0, label: 'Off' },
  { hours: 6, label: 'Every 6 hours' },
  { hours: 12, label: 'Every 12 hours' },
  { hours: 24, label: 'Every day' },
  { hours: 48, label: 'Every 2 days' },
  { hours: 168, label: 'Every week' },
];

function when(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function BackupsPage() {
  const state = useAsync(() => call('backups.list', {}), []);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<Backup | null>(null);

  async function run(action: () => Promise<unknown>, success: string) {
    setBusy(true);
    setNotice(null);
    try {
      await action();
      setNotice({ tone: 'success', text: success });
      state.reload();
    } catch (caught) {
      setNotice({ tone: 'error', text: errorMessage(caught) });
    } finally {
      setBusy(false);
    }
  }

  const data = state.data;
  return (
    <main className="admin__main">
      <div className="page-head">
        <div>
          <h1 className="page-head__title">Backups</h1>
          <p className="page-head__lead">
            Copies of the box office’s database, taken while it keeps selling. Keep a copy of this folder off the
            machine too.
          </p>
        </div>
        <button
          type="button"
          className="btn btn--primary"
          disabled={busy}
          onClick={() => void run(() => call('backups.create', {}), 'Backup taken.')}
          data-testid="backup-now"
        >
          {busy ? 'Working…' : 'Back up now'}
        </button>
      </div>

      {data?.restorePending ? (
        <div className="alert page-notice" role="status" data-testid="restore-pending">
          <IconAlert />
          <span>
            <strong>{data.restorePending}</strong> will replace the database when Marquee next starts. Sales made until
            then will not be in it. Restart Marquee to finish the restore.
          </span>
          <button
            type="button"
            className="btn btn--small"
            disabled={busy}
            onClick={() => void run(() => call('backups.cancelRestore', {}), 'The restore was called off.')}
          >
            Cancel restore
          </button>
        </div>
      ) : null}
      {notice ? (
        <div
          className={`alert page-notice${notice.tone === 'success' ? ' alert--success' : ''}`}
          role={notice.tone === 'success' ? 'status' : 'alert'}
        >
          {notice.tone === 'success' ? <IconCheck /> : <IconAlert />}
          <span>{notice.text}</span>
        </div>
      ) : null}

      {confirming ? (
        <section className="panel backups-confirm" aria-labelledby="restore-title" data-testid="restore-confirm">
          <h2 id="restore-title" className="panel__title">
            Restore the backup of {when(confirming.createdAt)}?
          </h2>
          <p>
            It is checked now and replaces the database when Marquee next starts. Everything recorded after{' '}
            {when(confirming.createdAt)} (sales, refunds, shifts) will not be in the restored database; the current one
            is kept as a backup.
          </p>
          <div className="backups-confirm__actions">
            <button
              type="button"
              className="btn btn--danger"
              disabled={busy}
              onClick={() =>
                void run(
                  () => call('backups.restore', { name: confirming.name }),
                  'The backup passed its check. Restart Marquee to finish the restore.',
                ).then(() => setConfirming(null))
              }
            >
              Check and restore at next start
            </button>
            <button type="button" className="btn" onClick={() => setConfirming(null)}>
              Keep the current database
            </button>
          </div>
        </section>
      ) : null}

      {data ? <ScheduleForm state={data} onSaved={() => state.reload()} /> : null}

      <section className="panel" aria-label="Backup list">
        {state.status === 'error' && !data ? (
          <StateMessage role="alert" icon={<IconAlert />} title="Could not load the backups">
            {errorMessage(state.error)}
          </StateMessage>
        ) : data && data.items.length === 0 ? (
          <StateMessage icon={<IconAlert />} title="No backups yet">
            Take one now, or set a schedule above. Backups are written to {data.folder}.
          </StateMessage>
        ) : (
          <table className="table" data-testid="backup-table">
            <caption className="table__caption">In {data?.folder ?? '…'}, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Taken</th>
                <th scope="col">Kind</th>
                <th scope="col" className="num">
                  Size
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(data?.items ?? []).map((item) => (
                <tr key={item.name}>
                  <th scope="row" className="num" title={item.name}>
                    {when(item.createdAt)}
                  </th>
                  <td>{KINDS[item.kind]}</td>
                  <td className="num">{size(item.sizeBytes)}</td>
                  <td>
                    <button
                      type="button"
                      className="btn btn--small"
                      disabled={busy}
                      onClick={() => setConfirming(item)}
                      aria-label={`Restore the backup of ${when(item.createdAt)}`}
                    >
                      Restore…
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}

function ScheduleForm({ state, onSaved }: { state: State; onSaved: () => void }) {
  const ids = { interval: useId(), keep: useId(), keepError: useId() };
  const [intervalHours, setIntervalHours] = useState(state.schedule.intervalHours);
  const [keep, setKeep] = useState(String(state.schedule.keep));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const count = Number(keep);
    if (!Number.isInteger(count) || count < 1 || count > 365) {
      setError('Keep between 1 and 365 backups.');
      return;
    }
    setError(null);
    try {
      await call('backups.setSchedule', { intervalHours, keep: count });
      setSaved(true);
      onSaved();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }

  return (
    <form className="panel backups-schedule" onSubmit={(event) => void save(event)} noValidate>
      <h2 className="panel__title">Schedule</h2>
      <div className="field">
        <label className="field__label" htmlFor={ids.interval}>
          Back up
        </label>
        <select
          id={ids.interval}
          className="input"
          value={intervalHours}
          onChange={(event) => setIntervalHours(Number(event.target.value))}
        >
          {INTERVALS.map((option) => (
            <option key={option.hours} value={option.hours}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={ids.keep}>
          Keep the newest
        </label>
        <input
          id={ids.keep}
          className="input num"
          inputMode="numeric"
          value={keep}
          aria-invalid={error !== null}
          aria-describedby={error ? ids.keepError : undefined}
          onChange={(event) => setKeep(event.target.value)}
        />
        {error ? (
          <p id={ids.keepError} className="field__error" role="alert">
            <IconAlert /> {error}
          </p>
        ) : null}
      </div>
      <button type="submit" className="btn">
        Save schedule
      </button>
      {saved ? (
        <p className="backups-schedule__saved" role="status">
          <IconCheck /> Saved
        </p>
      ) : null}
    </form>
  );
}
