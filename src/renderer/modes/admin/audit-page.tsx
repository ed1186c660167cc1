/**
 * Admin → People → Audit log: who did what to which object, and when, newest first. Filters (who, kind
 * of action, object, days) go to the server, which pages with cursors; "Show older" asks for the next page.
 */
import { useId, useState } from 'react';
import type { AuditEntry, InputOf } from '../../../shared/contract/index';
import { IconAlert, IconClock } from '../../components/icons';
import { StateMessage } from '../../components/states';
import { call } from '../../lib/client';
import { errorMessage } from '../../lib/errors';
import { useAsync } from '../../lib/use-async';
import { PeopleTabs, useDebounced, when } from './people-shared';

/** Kinds of action, by the first part of their name. */
const ACTION_GROUPS: { value: string; label: string }[] = [
  { value: 'user', label: 'Users and roles' },
  { value: 'apiKey', label: 'API keys' },
  { value: 'device', label: 'Devices' },
  { value: 'customer', label: 'Customer accounts' },
  { value: 'review', label: 'Reviews' },
  { value: 'movie', label: 'Films' },
  { value: 'theater', label: 'Theaters' },
  { value: 'screen', label: 'Screens' },
  { value: 'showtime', label: 'Showtimes' },
  { value: 'pricing', label: 'Prices' },
  { value: 'booking', label: 'Bookings' },
  { value: 'payment', label: 'Payments and refunds' },
  { value: 'shift', label: 'Shifts and drawers' },
  { value: 'checkin', label: 'Door check-in' },
  { value: 'reader', label: 'Card readers' },
  { value: 'ticketKey', label: 'Ticket signing keys' },
];

const OBJECTS: { value: string; label: string }[] = [
  { value: 'user', label: 'User' },
  { value: 'api_key', label: 'API key' },
  { value: 'device', label: 'Device' },
  { value: 'review', label: 'Review' },
  { value: 'movie', label: 'Film' },
  { value: 'theater', label: 'Theater' },
  { value: 'screen', label: 'Screen' },
  { value: 'showtime', label: 'Showtime' },
  { value: 'booking', label: 'Booking' },
  { value: 'shift', label: 'Shift' },
  { value: 'ticket', label: 'Ticket' },
  { value: 'ticket_key', label: 'Ticket key' },
];
const OBJECT_LABEL = new Map(OBJECTS.map((object) => [object.value, object.label]));

const KIND_LABEL: Record<AuditEntry['actor']['kind'], string> = {
  user: 'User',
  apiKey: 'API key',
  device: 'Device',
  anonymous: 'System',
};

interface Filters {
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  from: string;
  to: string;
}

/** A local calendar day's first instant, as ISO (the server filters on instants). */
function startOfDay(date: string, plusDays = 0): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, day + plusDays).toISOString();
}

function toInput(filters: Filters): InputOf<'audit.list'> {
  const entityId = /^\d{1,15}$/.test(filters.entityId) ? Number(filters.entityId) : undefined;
  return {
    ...(filters.actor !== '' && { actor: filters.actor }),
    ...(filters.action !== '' && { action: filters.action }),
    ...(filters.entity !== '' && { entity: filters.entity }),
    ...(filters.entity !== '' && entityId !== undefined && { entityId }),
    ...(filters.from !== '' && { from: startOfDay(filters.from) }),
    ...(filters.to !== '' && { to: startOfDay(filters.to, 1) }),
  };
}

async function loadEntries(filters: Filters, pages: number) {
  const items: AuditEntry[] = [];
  let cursor: string | undefined;
  let more = false;
  for (let page = 0; page < pages; page += 1) {
    const answer = await call('audit.list', { ...toInput(filters), limit: 50, cursor });
    items.push(...answer.items);
    more = answer.nextCursor !== null;
    if (!answer.nextCursor) break;
    cursor = answer.nextCursor;
  }
  return { items, more };
}

/** Who may appear as an actor: staff accounts, API keys and devices, by their names. */
async function loadActors() {
  const [users, keys, devices] = await Promise.all([
    call('users.list', { role: 'staff', limit: 200 }),
    call('apiKeys.list', { limit: 200 }),
    call('devices.list', { limit: 200 }),
  ]);
  return [
    ...users.items.map((user) => ({ value: `user:${user.id}`, label: `${user.username} (${user.role})` })),
    ...keys.items.map((key) => ({ value: `apiKey:${key.id}`, label: `${key.name} (API key)` })),
    ...devices.items.map((device) => ({ value: `device:${device.id}`, label: `${device.name} (device)` })),
    { value: 'anonymous', label: 'System' },
  ];
}

/** The recorded details in one readable line: "role: cashier · theaterIds: 1, 2". */
export function describeData(data: unknown): string {
  if (data === null || data === undefined) return '';
  if (typeof data !== 'object') return JSON.stringify(data);
  return Object.entries(data as Record<string, unknown>)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(
      ([key, value]) =>
        `${key}: ${typeof value === 'string' ? value : Array.isArray(value) ? value.map((item) => JSON.stringify(item)).join(', ') : JSON.stringify(value)}`,
    )
    .join(' · ');
}

const EMPTY: Filters = { actor: '', action: '', entity: '', entityId: '', from: '', to: '' };

export function AuditPage() {
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [pages, setPages] = useState(1);
  const applied = useDebounced(filters, 300);
  const actors = useAsync(loadActors, []);
  const entries = useAsync(() => loadEntries(applied, pages), [JSON.stringify(applied), pages]);
  const ids = { actor: useId(), action: useId(), entity: useId(), entityId: useId(), from: useId(), to: useId() };
  const rangeError = filters.from !== '' && filters.to !== '' && filters.to < filters.from;
  const filtering = Object.values(filters).some((value) => value !== '');

  function set<K extends keyof Filters>(key: K, value: Filters[K]) {
    setFilters((current) => ({ ...current, [key]: value }));
    setPages(1);
  }

  return (
    <main className="admin__main">
      <PeopleTabs current="audit" />
      <div className="page-head">
        <div>
          <h1 className="page-head__title">Audit log</h1>
          <p className="page-head__lead">
            Every change to users, keys, films, schedules, prices and money: who, what, when.
          </p>
        </div>
      </div>

      <section className="panel" aria-label="Audit entries">
        <div className="panel__toolbar panel__toolbar--filters" role="group" aria-label="Filters">
          <div className="toolbar-field">
            <label htmlFor={ids.actor} className="toolbar-field__label">
              Who
            </label>
            <select
              id={ids.actor}
              className="input input--compact"
              value={filters.actor}
              onChange={(event) => set('actor', event.target.value)}
            >
              <option value="">Anyone</option>
              {(actors.data ?? []).map((actor) => (
                <option key={actor.value} value={actor.value}>
                  {actor.label}
                </option>
              ))}
            </select>
          </div>
          <div className="toolbar-field">
            <label htmlFor={ids.action} className="toolbar-field__label">
              Action
            </label>
            <select
              id={ids.action}
              className="input input--compact"
              value={filters.action}
              onChange={(event) => set('action', event.target.value)}
            >
              <option value="">Any action</option>
              {ACTION_GROUPS.map((group) => (
                <option key={group.value} value={group.value}>
                  {group.label}
                </option>
              ))}
            </select>
          </div>
          <div className="toolbar-field">
            <label htmlFor={ids.entity} className="toolbar-field__label">
              Object
            </label>
            <select
              id={ids.entity}
              className="input input--compact"
              value={filters.entity}
              onChange={(event) => set('entity', event.target.value)}
            >
              <option value="">Any object</option>
              {OBJECTS.map((object) => (
                <option key={object.value} value={object.value}>
                  {object.label}
                </option>
              ))}
            </select>
            <label htmlFor={ids.entityId} className="visually-hidden">
              Object number
            </label>
            <input
              id={ids.entityId}
              className="input input--compact input--id num"
              inputMode="numeric"
              placeholder="#"
              disabled={filters.entity === ''}
              value={filters.entityId}
              onChange={(event) => set('entityId', event.target.value.replace(/\D/g, ''))}
            />
          </div>
          <div className="toolbar-field">
            <label htmlFor={ids.from} className="toolbar-field__label">
              From
            </label>
            <input
              id={ids.from}
              type="date"
              className="input input--compact num"
              value={filters.from}
              onChange={(event) => set('from', event.target.value)}
            />
          </div>
          <div className="toolbar-field">
            <label htmlFor={ids.to} className="toolbar-field__label">
              To
            </label>
            <input
              id={ids.to}
              type="date"
              className="input input--compact num"
              value={filters.to}
              min={filters.from || undefined}
              aria-invalid={rangeError || undefined}
              onChange={(event) => set('to', event.target.value)}
            />
          </div>
          {filtering ? (
            <button type="button" className="btn btn--ghost btn--small" onClick={() => setFilters(EMPTY)}>
              Clear filters
            </button>
          ) : null}
        </div>
        {rangeError ? (
          <div className="alert panel__alert" role="alert">
            <IconAlert />
            <span>The “To” day is before the “From” day.</span>
          </div>
        ) : entries.status === 'error' ? (
          <div className="alert panel__alert" role="alert">
            <IconAlert />
            <span>{errorMessage(entries.error)}</span>
            <button type="button" className="btn btn--small" onClick={entries.reload}>
              Try again
            </button>
          </div>
        ) : null}

        {entries.data && entries.data.items.length === 0 ? (
          <StateMessage
            icon={<IconClock />}
            title={filtering ? 'Nothing matches these filters' : 'Nothing recorded yet'}
          >
            {filtering ? 'Widen the days or clear a filter.' : 'Changes appear here as people make them.'}
          </StateMessage>
        ) : entries.data ? (
          <div className="panel__scroll">
            <table className="table table--dense" data-testid="audit-table">
              <caption className="visually-hidden">Audit log, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">Object</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {entries.data.items.map((entry) => {
                  const details = describeData(entry.data);
                  return (
                    <tr key={entry.id}>
                      <td className="num nowrap">
                        <time dateTime={entry.at}>{when(entry.at, true)}</time>
                      </td>
                      <th scope="row" className="table__title">
                        <span className="table__title-text">{entry.actor.name}</span>
                        <span className="table__sub">{KIND_LABEL[entry.actor.kind]}</span>
                      </th>
                      <td>
                        <code className="action-code">{entry.action}</code>
                      </td>
                      <td className="nowrap">
                        {OBJECT_LABEL.get(entry.entity) ?? entry.entity}
                        {entry.entityId !== null ? <span className="num"> #{entry.entityId}</span> : null}
                      </td>
                      <td className="audit-details" title={details.length > 90 ? details : undefined}>
                        {details === '' ? <span className="table__empty">—</span> : details}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {entries.data.more ? (
              <div className="panel__more">
                <button type="button" className="btn" onClick={() => setPages((value) => value + 1)}>
                  Show older entries
                </button>
              </div>
            ) : null}
          </div>
        ) : (
          <div className="panel__loading" role="status">
            Loading the audit log…
          </div>
        )}
      </section>
    </main>
  );
}
