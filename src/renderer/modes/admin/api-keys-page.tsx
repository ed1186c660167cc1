/**
 * Admin → People → API keys: keys for other systems (the website, signage, accounting). A new key is
 * shown once, with a copy button and a warning, because the server keeps only its hash. The list shows
 * when each key was made and last used (recorded at most once a minute); revoking asks first, then the
 * key stops working on its next request.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import type { OutputOf } from '../../../shared/contract/index';
import { API_KEY_ROLES, type ApiKeyRole } from '../../../shared/domain/roles';
import { IconAlert, IconCheck, IconClose, IconLink } from '../../components/icons';
import { StateMessage } from '../../components/states';
import { call } from '../../lib/client';
import { errorMessage } from '../../lib/errors';
import { useAsync } from '../../lib/use-async';
import { ConfirmDialog, describedBy, Field, PeopleTabs, when } from './people-shared';

type ApiKey = OutputOf<'apiKeys.list'>['items'][number];
type Created = OutputOf<'apiKeys.create'>;

const ROLE_LABELS: Record<ApiKeyRole, string> = {
  integration: 'Integration',
  cashier: 'Cashier',
  manager: 'Manager',
  admin: 'Admin',
};

const ROLE_HINTS: Record<ApiKeyRole, string> = {
  integration:
    'For the website and other systems: reads the programme, holds seats, books and records external payments.',
  cashier: 'Acts as a cashier in every theater. Rarely needed.',
  manager: 'Acts as a manager. Rarely needed.',
  admin: 'Full control of the box office. Only for systems you trust completely.',
};

async function loadKeys(): Promise<ApiKey[]> {
  const items: ApiKey[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 10; page += 1) {
    const answer = await call('apiKeys.list', { limit: 200, cursor });
    items.push(...answer.items);
    if (!answer.nextCursor) break;
    cursor = answer.nextCursor;
  }
  // Active keys first, newest first within each group.
  return items.sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || b.id - a.id);
}

export function ApiKeysPage() {
  const keys = useAsync(loadKeys, []);
  const ids = { name: useId(), role: useId() };
  const [name, setName] = useState('');
  const [role, setRole] = useState<ApiKeyRole>('integration');
  const [nameError, setNameError] = useState<string | undefined>();
  const [created, setCreated] = useState<Created | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setNotice(null);
    if (name.trim() === '') {
      setNameError('Name the key after the system that uses it, such as “Website”.');
      document.getElementById(ids.name)?.focus();
      return;
    }
    setNameError(undefined);
    setBusy(true);
    try {
      setCreated(await call('apiKeys.create', { name: name.trim(), role }));
      setName('');
      setRole('integration');
      keys.reload();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  async function revoke(key: ApiKey) {
    setBusy(true);
    setError(null);
    try {
      await call('apiKeys.revoke', { apiKeyId: key.id });
      setRevoking(null);
      setNotice(`“${key.name}” was revoked: requests with it are refused from now on.`);
      if (created?.id === key.id) setCreated(null);
      keys.reload();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  const active = keys.data?.filter((key) => key.revokedAt === null).length ?? 0;

  return (
    <main className="admin__main">
      <PeopleTabs current="api-keys" />
      <div className="page-head">
        <div>
          <h1 className="page-head__title">API keys</h1>
          <p className="page-head__lead">
            Keys let other systems use the REST API as a Bearer token.
            {keys.data ? (
              <span className="num">
                {' '}
                {active} active {active === 1 ? 'key' : 'keys'}.
              </span>
            ) : null}
          </p>
        </div>
      </div>

      <form className="panel devices-form" onSubmit={(event) => void create(event)} noValidate aria-label="New API key">
        <Field id={ids.name} label="Key name" error={nameError}>
          <input
            id={ids.name}
            className="input"
            value={name}
            maxLength={100}
            autoComplete="off"
            placeholder="Website"
            onChange={(event) => setName(event.target.value)}
            {...describedBy(ids.name, nameError, false)}
          />
        </Field>
        <Field id={ids.role} label="Role">
          <select
            id={ids.role}
            className="input"
            value={role}
            onChange={(event) => setRole(event.target.value as ApiKeyRole)}
            aria-describedby={`${ids.role}-role-hint`}
          >
            {API_KEY_ROLES.map((value) => (
              <option key={value} value={value}>
                {ROLE_LABELS[value]}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" className="btn btn--primary" disabled={busy}>
          Create key
        </button>
        <p className="devices-form__hint" id={`${ids.role}-role-hint`}>
          {ROLE_HINTS[role]}
        </p>
      </form>

      {created ? <NewKey created={created} onDone={() => setCreated(null)} /> : null}
      {notice ? (
        <div className="alert alert--success page-notice" role="status">
          <IconCheck />
          <span>{notice}</span>
        </div>
      ) : null}
      {error ? (
        <div className="alert page-notice" role="alert">
          <IconAlert />
          <span>{error}</span>
        </div>
      ) : null}

      <section className="panel" aria-label="API key list">
        {keys.status === 'error' && !keys.data ? (
          <StateMessage role="alert" icon={<IconAlert />} title="Could not load the API keys">
            {errorMessage(keys.error)}
          </StateMessage>
        ) : keys.data && keys.data.length === 0 ? (
          <StateMessage icon={<IconLink />} title="No API keys yet">
            Create one above for the cinema’s website or another system, and paste it into that system once.
          </StateMessage>
        ) : (
          <table className="table" data-testid="api-key-table">
            <caption className="visually-hidden">API keys, active first</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Key</th>
                <th scope="col" className="table__num">
                  Created
                </th>
                <th scope="col" className="table__num">
                  Last used
                </th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(keys.data ?? []).map((key) => (
                <tr key={key.id} data-highlight={key.id === created?.id || undefined}>
                  <th scope="row">{key.name}</th>
                  <td>
                    <span className={`role role--${key.role}`}>{ROLE_LABELS[key.role]}</span>
                  </td>
                  <td>
                    <code className="key-prefix">{key.prefix}…</code>
                  </td>
                  <td className="table__num num">{when(key.createdAt)}</td>
                  <td className="table__num num">{key.lastUsedAt ? when(key.lastUsedAt) : 'Never'}</td>
                  <td>
                    <span className={`status ${key.revokedAt ? 'status--archived' : 'status--active'}`}>
                      {key.revokedAt ? `Revoked ${when(key.revokedAt)}` : 'Active'}
                    </span>
                  </td>
                  <td className="table__actions">
                    {key.revokedAt ? null : (
                      <button
                        type="button"
                        className="btn btn--ghost btn--small"
                        onClick={() => setRevoking(key)}
                        aria-label={`Revoke ${key.name}`}
                      >
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

      <ConfirmDialog
        open={revoking !== null}
        title={revoking ? `Revoke “${revoking.name}”?` : 'Revoke key?'}
        confirmLabel="Revoke key"
        danger
        busy={busy}
        onClose={() => setRevoking(null)}
        onConfirm={() => {
          if (revoking) void revoke(revoking);
        }}
      >
        <p>
          Every system using this key is refused from its next request. This cannot be undone: to reconnect a system,
          create a new key.
        </p>
      </ConfirmDialog>
    </main>
  );
}

/** The new key, shown once: copy it now. */
function NewKey({ created, onDone }: { created: Created; onDone: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied('yes');
    } catch {
      // No clipboard permission (an http:// page on the LAN): select it for Ctrl+C instead.
      inputRef.current?.select();
      setCopied('failed');
    }
  }

  return (
    <section className="panel new-key" aria-labelledby={`${id}-title`} data-testid="new-api-key">
      <div className="new-key__head">
        <span className="new-key__icon" aria-hidden="true">
          <IconAlert />
        </span>
        <div>
          <h2 className="new-key__title" id={`${id}-title`}>
            Copy the key for “{created.name}” now
          </h2>
          <p className="new-key__lead">
            It is shown only this once: Marquee keeps just a fingerprint of it. Paste it into the system that uses it;
            anyone with the key acts as {created.role === 'integration' ? 'an integration' : `a ${created.role}`}.
          </p>
        </div>
        <button type="button" className="btn btn--ghost btn--icon" onClick={onDone} aria-label="I have stored the key">
          <IconClose />
        </button>
      </div>
      <div className="new-key__row">
        <label className="visually-hidden" htmlFor={id}>
          New API key
        </label>
        <input
          ref={inputRef}
          id={id}
          className="input new-key__value num"
          readOnly
          value={created.key}
          onFocus={(event) => event.target.select()}
        />
        <button type="button" className="btn btn--primary-outline" onClick={() => void copy()}>
          {copied === 'yes' ? <IconCheck /> : null}
          {copied === 'yes' ? 'Copied' : 'Copy key'}
        </button>
      </div>
      <p className="new-key__status" role="status">
        {copied === 'yes'
          ? 'Copied to the clipboard.'
          : copied === 'failed'
            ? 'The browser did not allow copying: the key is selected, press Ctrl+C.'
            : ''}
      </p>
    </section>
  );
}
