/**
 * Admin → People → Users: every account (staff, customers, device accounts) with a search, a role
 * filter and sortable columns; a drawer to create a user (validated inline with the contract's own
 * schemas, the server's field errors mapped back) and one to change a user's role, theaters, password,
 * status and staff PIN. The server ends a user's sessions when their role changes or they are disabled,
 * so that applies on their next request.
 */
import { useId, useState, type FormEvent } from 'react';
import {
  password as passwordSchema,
  pin as pinSchema,
  username as usernameSchema,
} from '../../../shared/contract/accounts';
import type { Theater, User } from '../../../shared/contract/index';
import { USER_ROLES, type UserRole } from '../../../shared/domain/roles';
import { IconAlert, IconCheck, IconClose, IconPlus, IconSearch, IconUser } from '../../components/icons';
import { StateMessage } from '../../components/states';
import { call, isClientError } from '../../lib/client';
import { errorMessage } from '../../lib/errors';
import type { Me } from '../../lib/session';
import { useAsync } from '../../lib/use-async';
import {
  describedBy,
  Drawer,
  Field,
  PeopleTabs,
  SortHeader,
  useDebounced,
  when,
  type SortState,
} from './people-shared';

export const ROLE_LABELS: Record<UserRole, string> = {
  admin: 'Admin',
  manager: 'Manager',
  cashier: 'Cashier',
  kiosk: 'Kiosk',
  scanner: 'Door scanner',
  customer: 'Customer',
};

const ROLE_HINTS: Record<UserRole, string> = {
  admin: 'Everything, in every theater.',
  manager: 'Films, screens, schedules, prices and reports of their theaters.',
  cashier: 'Sells and refunds at the counter of their theaters.',
  customer: 'Buys tickets on the website and at kiosks.',
  kiosk: 'A kiosk’s device account (pair kiosks under Devices instead).',
  scanner: 'A door scanner’s device account (pair scanners under Devices instead).',
};

type RoleFilter = 'all' | 'staff' | UserRole;
type SortKey = 'username' | 'role' | 'status' | 'createdAt';

/** Roles that work for theaters (the server stores theaters for any role; the UI asks only for these). */
const THEATER_ROLES: readonly UserRole[] = ['manager', 'cashier'];
const PIN_ROLES: readonly UserRole[] = ['manager', 'cashier'];

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function sortUsers(users: readonly User[], sort: SortState<SortKey>): User[] {
  const factor = sort.direction === 'ascending' ? 1 : -1;
  const value = (user: User): string => {
    switch (sort.key) {
      case 'username':
        return user.username;
      case 'role':
        return ROLE_LABELS[user.role];
      case 'status':
        return user.disabled ? 'b' : 'a';
      case 'createdAt':
        return user.createdAt;
    }
  };
  return [...users].sort(
    (a, b) => (collator.compare(value(a), value(b)) || collator.compare(a.username, b.username)) * factor,
  );
}

function firstIssue(
  schema: { safeParse: (value: unknown) => { success: boolean; error?: { issues: { message: string }[] } } },
  value: unknown,
) {
  const result = schema.safeParse(value);
  return result.success ? undefined : result.error?.issues[0]?.message;
}

async function loadUsers(role: RoleFilter, q: string, pages: number) {
  const items: User[] = [];
  let cursor: string | undefined;
  let nextCursor: string | null = null;
  for (let index = 0; index < pages; index += 1) {
    const page = await call('users.list', {
      limit: 200,
      cursor,
      ...(role !== 'all' && { role }),
      ...(q !== '' && { q }),
    });
    items.push(...page.items);
    nextCursor = page.nextCursor;
    if (!nextCursor) break;
    cursor = nextCursor;
  }
  return { items, more: nextCursor !== null };
}

export function UsersPage({ me }: { me: Me }) {
  const [query, setQuery] = useState('');
  const [role, setRole] = useState<RoleFilter>('staff');
  const [pages, setPages] = useState(1);
  const [sort, setSort] = useState<SortState<SortKey>>({ key: 'username', direction: 'ascending' });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [notice, setNotice] = useState<{ userId: number; text: string } | null>(null);
  const q = useDebounced(query.trim(), 250);
  const users = useAsync(() => loadUsers(role, q, pages), [role, q, pages]);
  const theaters = useAsync(() => call('theaters.list', {}), []);
  const theaterName = new Map((theaters.data?.items ?? []).map((theater) => [theater.id, theater.name]));
  const sorted = users.data ? sortUsers(users.data.items, sort) : [];
  const filterId = useId();

  function saved(user: User, text: string) {
    setNotice({ userId: user.id, text });
    users.reload();
  }

  return (
    <main className="admin__main">
      <PeopleTabs current="users" />
      <div className="page-head">
        <div>
          <h1 className="page-head__title">Users</h1>
          <p className="page-head__lead">
            Who may sign in, with which role, for which theaters.
            {users.data ? (
              <span className="num">
                {' '}
                {users.data.items.length}
                {users.data.more ? '+' : ''} {users.data.items.length === 1 ? 'account' : 'accounts'} shown.
              </span>
            ) : null}
          </p>
        </div>
        <button type="button" className="btn btn--primary btn--large" onClick={() => setCreating(true)}>
          <IconPlus />
          New user
        </button>
      </div>

      {notice ? (
        <div className="alert alert--success page-notice" role="status">
          <IconCheck />
          <span>{notice.text}</span>
          <button
            type="button"
            className="btn btn--ghost btn--icon btn--small"
            onClick={() => setNotice(null)}
            aria-label="Dismiss"
          >
            <IconClose />
          </button>
        </div>
      ) : null}

      <section className="panel" aria-label="User list">
        <div className="panel__toolbar">
          <label className="search">
            <IconSearch />
            <span className="visually-hidden">Search users by username, name or e-mail</span>
            <input
              className="input search__input"
              type="search"
              placeholder="Search username, name or e-mail"
              value={query}
              onChange={(event) => {
                setQuery(event.target.value);
                setPages(1);
              }}
            />
          </label>
          <div className="toolbar-field">
            <label htmlFor={filterId} className="toolbar-field__label">
              Role
            </label>
            <select
              id={filterId}
              className="input input--compact"
              value={role}
              onChange={(event) => {
                setRole(event.target.value as RoleFilter);
                setPages(1);
              }}
            >
              <option value="staff">Staff (admins, managers, cashiers)</option>
              <option value="all">All accounts</option>
              {USER_ROLES.map((value) => (
                <option key={value} value={value}>
                  {ROLE_LABELS[value]}
                </option>
              ))}
            </select>
          </div>
        </div>

        {users.status === 'error' ? (
          <div className="alert panel__alert" role="alert">
            <IconAlert />
            <span>{errorMessage(users.error)}</span>
            <button type="button" className="btn btn--small" onClick={users.reload}>
              Try again
            </button>
          </div>
        ) : null}

        {users.data && sorted.length === 0 ? (
          <StateMessage icon={<IconUser />} title={q ? `No users match “${q}”` : 'No users with this role'}>
            Try another role, or part of the username. New staff get an account with <strong>New user</strong>.
          </StateMessage>
        ) : users.data ? (
          <div className="panel__scroll">
            <table className="table" data-testid="user-table">
              <caption className="visually-hidden">
                Users, sorted by {sort.key} ({sort.direction})
              </caption>
              <thead>
                <tr>
                  <SortHeader column="username" label="User" sort={sort} onSort={setSort} />
                  <SortHeader column="role" label="Role" sort={sort} onSort={setSort} />
                  <th scope="col">Theaters</th>
                  <th scope="col">PIN</th>
                  <SortHeader column="status" label="Status" sort={sort} onSort={setSort} />
                  <SortHeader column="createdAt" label="Created" sort={sort} onSort={setSort} numeric />
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {sorted.map((user) => (
                  <tr key={user.id} data-highlight={user.id === notice?.userId || undefined}>
                    <th scope="row" className="table__title">
                      <span className="table__title-text">{user.username}</span>
                      {user.name || user.email ? (
                        <span className="table__sub">{[user.name, user.email].filter(Boolean).join(' · ')}</span>
                      ) : null}
                    </th>
                    <td>
                      <span className={`role role--${user.role}`}>{ROLE_LABELS[user.role]}</span>
                    </td>
                    <td>
                      {user.theaterIds.length > 0 ? (
                        <span className="chips">
                          {user.theaterIds.map((id) => (
                            <span key={id} className="chip">
                              {theaterName.get(id) ?? `#${id}`}
                            </span>
                          ))}
                        </span>
                      ) : (
                        <span className="table__empty">{user.role === 'admin' ? 'All' : '—'}</span>
                      )}
                    </td>
                    <td>
                      {user.hasPin ? <span className="tag">PIN set</span> : <span className="table__empty">—</span>}
                    </td>
                    <td>
                      <span className={`status ${user.disabled ? 'status--archived' : 'status--active'}`}>
                        {user.disabled ? 'Disabled' : 'Active'}
                      </span>
                    </td>
                    <td className="table__num num">{when(user.createdAt)}</td>
                    <td className="table__actions">
                      <button
                        type="button"
                        className="btn btn--ghost btn--small"
                        onClick={() => setEditing(user)}
                        aria-label={`Edit ${user.username}`}
                      >
                        Edit
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {users.data.more ? (
              <div className="panel__more">
                <button type="button" className="btn" onClick={() => setPages((value) => value + 1)}>
                  Show more
                </button>
              </div>
            ) : null}
          </div>
        ) : (
          <div className="panel__loading" role="status">
            Loading users…
          </div>
        )}
      </section>

      <Drawer open={creating} onClose={() => setCreating(false)} eyebrow="People" title="New user">
        <NewUserForm
          theaters={theaters.data?.items ?? []}
          onCancel={() => setCreating(false)}
          onCreated={(user) => {
            setCreating(false);
            saved(user, `“${user.username}” can sign in now as ${ROLE_LABELS[user.role].toLowerCase()}.`);
          }}
        />
      </Drawer>
      <Drawer
        open={editing !== null}
        onClose={() => setEditing(null)}
        eyebrow={editing ? ROLE_LABELS[editing.role] : undefined}
        title={editing ? editing.username : 'User'}
      >
        {editing ? (
          <EditUserForm
            key={editing.id}
            user={editing}
            self={me.kind === 'user' && me.id === editing.id}
            theaters={theaters.data?.items ?? []}
            onClose={() => setEditing(null)}
            onSaved={(user, text) => {
              setEditing(user);
              saved(user, text);
            }}
          />
        ) : null}
      </Drawer>
    </main>
  );
}

function TheaterChoice({
  theaters,
  value,
  onChange,
  error,
  disabled,
}: {
  theaters: readonly Theater[];
  value: number[];
  onChange: (ids: number[]) => void;
  error?: string | undefined;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <fieldset className="field checks" aria-describedby={error ? `${id}-error` : undefined} disabled={disabled}>
      <legend className="field__label">Theaters</legend>
      {theaters.length === 0 ? <p className="field__hint">No theaters yet: add one under Theaters & screens.</p> : null}
      {theaters.map((theater) => (
        <label key={theater.id} className="check">
          <input
            type="checkbox"
            checked={value.includes(theater.id)}
            onChange={(event) =>
              onChange(event.target.checked ? [...value, theater.id] : value.filter((other) => other !== theater.id))
            }
          />
          {theater.name}
        </label>
      ))}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

interface NewUserValues {
  username: string;
  password: string;
  role: UserRole;
  name: string;
  theaterIds: number[];
}
type NewUserErrors = Partial<Record<keyof NewUserValues, string>>;

function validateNewUser(values: NewUserValues): NewUserErrors {
  const errors: NewUserErrors = {};
  const username = firstIssue(usernameSchema, values.username);
  if (values.username.trim() === '') errors.username = 'Enter a username.';
  else if (username) errors.username = `The username ${username}.`;
  const password = firstIssue(passwordSchema, values.password);
  if (password) errors.password = `The password ${password}.`;
  if (THEATER_ROLES.includes(values.role) && values.theaterIds.length === 0)
    errors.theaterIds = `Pick the theaters this ${ROLE_LABELS[values.role].toLowerCase()} works for.`;
  return errors;
}

function NewUserForm({
  theaters,
  onCancel,
  onCreated,
}: {
  theaters: readonly Theater[];
  onCancel: () => void;
  onCreated: (user: User) => void;
}) {
  const ids = { username: useId(), password: useId(), role: useId(), name: useId() };
  const [values, setValues] = useState<NewUserValues>({
    username: '',
    password: '',
    role: 'cashier',
    name: '',
    theaterIds: theaters.length === 1 && theaters[0] ? [theaters[0].id] : [],
  });
  const [errors, setErrors] = useState<NewUserErrors>({});
  const [touched, setTouched] = useState<Partial<Record<keyof NewUserValues, boolean>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function update<K extends keyof NewUserValues>(field: K, value: NewUserValues[K]) {
    const next = { ...values, [field]: value };
    setValues(next);
    // Fields already left (or the form submitted) re-validate as the user types.
    const nowTouched = field === 'theaterIds' ? { ...touched, theaterIds: true } : touched;
    if (field === 'theaterIds') setTouched(nowTouched);
    const found = validateNewUser(next);
    setErrors(() => {
      const out: NewUserErrors = {};
      for (const key of Object.keys(nowTouched) as (keyof NewUserValues)[]) out[key] = found[key];
      return out;
    });
  }
  function leave(field: keyof NewUserValues) {
    setTouched((current) => ({ ...current, [field]: true }));
    setErrors((current) => ({ ...current, [field]: validateNewUser(values)[field] }));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const found = validateNewUser(values);
    setTouched({ username: true, password: true, theaterIds: true });
    setErrors(found);
    if (Object.values(found).some(Boolean)) {
      const first = (['username', 'password', 'theaterIds'] as const).find((field) => found[field]);
      if (first === 'username') document.getElementById(ids.username)?.focus();
      else if (first === 'password') document.getElementById(ids.password)?.focus();
      return;
    }
    setBusy(true);
    try {
      onCreated(
        await call('users.create', {
          username: values.username.trim(),
          password: values.password,
          role: values.role,
          theaterIds: THEATER_ROLES.includes(values.role) ? values.theaterIds : [],
          ...(values.name.trim() !== '' && { name: values.name.trim() }),
        }),
      );
    } catch (caught) {
      if (isClientError(caught, 'username_taken')) {
        setErrors({ username: `“${values.username.trim()}” is taken: choose another username.` });
        document.getElementById(ids.username)?.focus();
      } else if (isClientError(caught, 'validation_failed')) {
        const mapped: NewUserErrors = {};
        for (const field of caught.fieldErrors) {
          const key = field.path.split('.')[0] as keyof NewUserValues;
          if (key in values) mapped[key] = field.message;
        }
        setErrors(mapped);
        setFormError(caught.message);
      } else setFormError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="drawer__form" onSubmit={(event) => void submit(event)} noValidate>
      <div className="drawer__body">
        {formError ? (
          <div className="alert" role="alert">
            <IconAlert />
            <span>{formError}</span>
          </div>
        ) : null}
        <Field
          id={ids.username}
          label="Username"
          error={errors.username}
          hint="Letters, digits, dot, dash, underscore."
        >
          <input
            id={ids.username}
            className="input"
            name="username"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus
            value={values.username}
            onChange={(event) => update('username', event.target.value)}
            onBlur={() => leave('username')}
            {...describedBy(ids.username, errors.username, true)}
          />
        </Field>
        <Field
          id={ids.password}
          label="Password"
          error={errors.password}
          hint="At least 10 characters. Hand it over in person."
        >
          <input
            id={ids.password}
            className="input"
            name="password"
            type="password"
            autoComplete="new-password"
            value={values.password}
            onChange={(event) => update('password', event.target.value)}
            onBlur={() => leave('password')}
            {...describedBy(ids.password, errors.password, true)}
          />
        </Field>
        <Field id={ids.role} label="Role" hint={ROLE_HINTS[values.role]}>
          <select
            id={ids.role}
            className="input"
            name="role"
            value={values.role}
            onChange={(event) => update('role', event.target.value as UserRole)}
            {...describedBy(ids.role, undefined, true)}
          >
            {(['cashier', 'manager', 'admin', 'customer'] as const).map((value) => (
              <option key={value} value={value}>
                {ROLE_LABELS[value]}
              </option>
            ))}
          </select>
        </Field>
        {THEATER_ROLES.includes(values.role) ? (
          <TheaterChoice
            theaters={theaters}
            value={values.theaterIds}
            onChange={(theaterIds) => update('theaterIds', theaterIds)}
            error={errors.theaterIds}
          />
        ) : null}
        <Field id={ids.name} label="Full name" optional>
          <input
            id={ids.name}
            className="input"
            name="name"
            autoComplete="off"
            maxLength={100}
            value={values.name}
            onChange={(event) => update('name', event.target.value)}
          />
        </Field>
      </div>
      <footer className="drawer__footer">
        <button type="button" className="btn btn--ghost" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create user'}
        </button>
      </footer>
    </form>
  );
}

function EditUserForm({
  user,
  self,
  theaters,
  onClose,
  onSaved,
}: {
  user: User;
  self: boolean;
  theaters: readonly Theater[];
  onClose: () => void;
  onSaved: (user: User, text: string) => void;
}) {
  const ids = { role: useId(), password: useId(), pin: useId() };
  const [role, setRole] = useState<UserRole>(user.role);
  const [theaterIds, setTheaterIds] = useState<number[]>(user.theaterIds);
  const [password, setPassword] = useState('');
  const [pin, setPin] = useState('');
  const [errors, setErrors] = useState<{ password?: string; pin?: string; theaterIds?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const roleChanged = role !== user.role;
  const theatersChanged = [...theaterIds].sort().join(',') !== [...user.theaterIds].sort().join(',');

  async function run(action: () => Promise<User>, text: string) {
    setBusy(true);
    setFormError(null);
    try {
      onSaved(await action(), text);
    } catch (caught) {
      setFormError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: typeof errors = {};
    if (password !== '') {
      const issue = firstIssue(passwordSchema, password);
      if (issue) found.password = `The password ${issue}.`;
    }
    if (THEATER_ROLES.includes(role) && theaterIds.length === 0)
      found.theaterIds = `Pick the theaters this ${ROLE_LABELS[role].toLowerCase()} works for.`;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (!roleChanged && !theatersChanged && password === '') {
      setFormError('Nothing to save: change the role, the theaters or the password first.');
      return;
    }
    void run(
      () =>
        call('users.update', {
          userId: user.id,
          ...(roleChanged && { role }),
          ...((theatersChanged || roleChanged) && { theaterIds: THEATER_ROLES.includes(role) ? theaterIds : [] }),
          ...(password !== '' && { password }),
        }),
      roleChanged || password !== ''
        ? `“${user.username}” was saved; their open sessions ended, so the change applies from their next sign-in.`
        : `“${user.username}” was saved; the theaters apply from their next request.`,
    );
    setPassword('');
  }

  function savePin() {
    const issue = firstIssue(pinSchema, pin);
    if (issue) {
      setErrors({ pin: `The PIN ${issue}.` });
      document.getElementById(ids.pin)?.focus();
      return;
    }
    setErrors({});
    void run(
      () => call('users.setPin', { userId: user.id, pin }),
      `“${user.username}” can sign in at the counter with the new PIN.`,
    );
    setPin('');
  }

  return (
    <form className="drawer__form" onSubmit={save} noValidate>
      <div className="drawer__body">
        {formError ? (
          <div className="alert" role="alert">
            <IconAlert />
            <span>{formError}</span>
          </div>
        ) : null}
        <dl className="facts">
          <div>
            <dt>Status</dt>
            <dd>
              <span className={`status ${user.disabled ? 'status--archived' : 'status--active'}`}>
                {user.disabled ? 'Disabled' : 'Active'}
              </span>
            </dd>
          </div>
          <div>
            <dt>Created</dt>
            <dd className="num">{when(user.createdAt)}</dd>
          </div>
          {user.email ? (
            <div>
              <dt>E-mail</dt>
              <dd>{user.email}</dd>
            </div>
          ) : null}
        </dl>

        <Field id={ids.role} label="Role" hint={self ? 'You cannot change your own role.' : ROLE_HINTS[role]}>
          <select
            id={ids.role}
            className="input"
            value={role}
            disabled={self}
            onChange={(event) => setRole(event.target.value as UserRole)}
            {...describedBy(ids.role, undefined, true)}
          >
            {USER_ROLES.map((value) => (
              <option key={value} value={value}>
                {ROLE_LABELS[value]}
              </option>
            ))}
          </select>
        </Field>
        {THEATER_ROLES.includes(role) ? (
          <TheaterChoice theaters={theaters} value={theaterIds} onChange={setTheaterIds} error={errors.theaterIds} />
        ) : null}
        <Field
          id={ids.password}
          label="New password"
          optional
          error={errors.password}
          hint="Leave empty to keep the current one."
        >
          <input
            id={ids.password}
            className="input"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            {...describedBy(ids.password, errors.password, true)}
          />
        </Field>
        <div className="drawer__actions-row">
          <button type="submit" className="btn btn--primary" disabled={busy}>
            Save changes
          </button>
        </div>

        {PIN_ROLES.includes(user.role) && !roleChanged ? (
          <section className="subsection" aria-labelledby={`${ids.pin}-title`}>
            <h3 className="subsection__title" id={`${ids.pin}-title`}>
              Counter PIN
            </h3>
            <p className="subsection__lead">
              {user.hasPin
                ? 'A PIN is set: they can sign in at the counter with their username and PIN.'
                : 'No PIN: they sign in with their password. A PIN of 4–8 digits makes the counter faster.'}
            </p>
            <div className="inline-form">
              <Field id={ids.pin} label={user.hasPin ? 'New PIN' : 'PIN'} error={errors.pin}>
                <input
                  id={ids.pin}
                  className="input input--pin num"
                  type="password"
                  inputMode="numeric"
                  autoComplete="off"
                  maxLength={8}
                  value={pin}
                  onChange={(event) => setPin(event.target.value.replace(/\D/g, ''))}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter') {
                      event.preventDefault();
                      savePin();
                    }
                  }}
                  {...describedBy(ids.pin, errors.pin, false)}
                />
              </Field>
              <button type="button" className="btn" disabled={busy} onClick={savePin}>
                {user.hasPin ? 'Replace PIN' : 'Set PIN'}
              </button>
              {user.hasPin ? (
                <button
                  type="button"
                  className="btn btn--ghost"
                  disabled={busy}
                  onClick={() =>
                    void run(
                      () => call('users.clearPin', { userId: user.id }),
                      `“${user.username}”’s PIN was removed; they sign in with their password.`,
                    )
                  }
                >
                  Remove PIN
                </button>
              ) : null}
            </div>
          </section>
        ) : null}

        <section className="subsection" aria-labelledby={`${ids.role}-access`}>
          <h3 className="subsection__title" id={`${ids.role}-access`}>
            Access
          </h3>
          <p className="subsection__lead">
            {user.disabled
              ? 'Disabled: this account cannot sign in. Enabling lets them sign in again with their password.'
              : 'Disabling ends their sessions at once; their next request is refused. Their history stays.'}
          </p>
          <div>
            <button
              type="button"
              className={user.disabled ? 'btn' : 'btn btn--danger-outline'}
              disabled={busy || self}
              onClick={() =>
                void run(
                  () => call('users.update', { userId: user.id, disabled: !user.disabled }),
                  user.disabled
                    ? `“${user.username}” can sign in again.`
                    : `“${user.username}” is disabled and signed out.`,
                )
              }
            >
              {user.disabled ? 'Enable account' : 'Disable account'}
            </button>
          </div>
        </section>
      </div>
      <footer className="drawer__footer">
        <button type="button" className="btn btn--ghost" onClick={onClose}>
          Close
        </button>
      </footer>
    </form>
  );
}
