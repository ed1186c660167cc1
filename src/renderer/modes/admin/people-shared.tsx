/**
 * Pieces the People pages share (users, API keys, devices, audit log) and the review moderation page:
 * the tabs between the People pages, a side drawer and a confirmation on the native <dialog> (focus is
 * trapped, Escape closes), sortable column headers and date formatting.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { IconClose, IconSortBoth, IconSortDown, IconSortUp } from '../../components/icons';
import { Link } from '../../components/link';

export type PeopleTab = 'users' | 'api-keys' | 'devices' | 'audit';

const TABS: { id: PeopleTab; href: string; label: string }[] = [
  { id: 'users', href: '/admin/users', label: 'Users' },
  { id: 'api-keys', href: '/admin/api-keys', label: 'API keys' },
  { id: 'devices', href: '/admin/devices', label: 'Devices' },
  { id: 'audit', href: '/admin/audit', label: 'Audit log' },
];

export function PeopleTabs({ current }: { current: PeopleTab }) {
  return (
    <nav className="subnav" aria-label="People">
      {TABS.map((tab) => (
        <Link
          key={tab.id}
          href={tab.href}
          className="subnav__item"
          aria-current={tab.id === current ? 'page' : undefined}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}

export function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const dateTimeSeconds = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });

/** "28 Nov 2026, 09:41" in this computer's zone, or an em dash. */
export function when(iso: string | null, seconds = false): string {
  if (!iso) return '—';
  return (seconds ? dateTimeSeconds : dateTime).format(new Date(iso));
}

export interface SortState<K extends string> {
  key: K;
  direction: 'ascending' | 'descending';
}

/** A column header that sorts on click; aria-sort tells screen readers the order. */
export function SortHeader<K extends string>({
  column,
  label,
  sort,
  onSort,
  numeric,
}: {
  column: K;
  label: string;
  sort: SortState<K>;
  onSort: (sort: SortState<K>) => void;
  numeric?: boolean;
}) {
  const active = sort.key === column;
  return (
    <th scope="col" aria-sort={active ? sort.direction : undefined} className={numeric ? 'table__num' : undefined}>
      <button
        type="button"
        className="table__sort"
        onClick={() =>
          onSort({ key: column, direction: active && sort.direction === 'ascending' ? 'descending' : 'ascending' })
        }
      >
        {label}
        {active ? (
          sort.direction === 'ascending' ? (
            <IconSortUp width={14} height={14} />
          ) : (
            <IconSortDown width={14} height={14} />
          )
        ) : (
          <IconSortBoth width={14} height={14} className="table__sort-idle" />
        )}
      </button>
    </th>
  );
}

/** Opens the dialog as a modal while `open`; closing it (Escape, a button) calls onClose. */
function useModal(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    else if (!open && dialog.open) dialog.close();
  }, [open]);
  return ref;
}

export function Drawer({
  open,
  onClose,
  eyebrow,
  title,
  children,
}: {
  open: boolean;
  onClose: () => void;
  eyebrow?: string;
  title: string;
  children: ReactNode;
}) {
  const ref = useModal(open);
  const titleId = `drawer-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <dialog
      ref={ref}
      className="drawer"
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open ? (
        <div className="drawer__inner">
          <header className="drawer__header">
            <div>
              {eyebrow ? <p className="eyebrow">{eyebrow}</p> : null}
              <h2 id={titleId} className="drawer__title">
                {title}
              </h2>
            </div>
            <button type="button" className="btn btn--ghost btn--icon" onClick={onClose} aria-label="Close">
              <IconClose />
            </button>
          </header>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}

/** A small centred dialog for one decision; the body may hold a form (a reason). */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  busy,
  danger,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  danger?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const ref = useModal(open);
  const titleId = `confirm-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <dialog
      ref={ref}
      className="confirm"
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open ? (
        <form
          className="confirm__inner"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            onConfirm();
          }}
        >
          <h2 id={titleId} className="confirm__title">
            {title}
          </h2>
          <div className="confirm__body">{children}</div>
          <div className="confirm__actions">
            <button type="button" className="btn btn--ghost" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className={danger ? 'btn btn--destructive' : 'btn btn--primary'} disabled={busy}>
              {confirmLabel}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}

/** A labelled input with its hint or error under it, tied together for screen readers. */
export function Field({
  id,
  label,
  error,
  hint,
  optional,
  children,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  optional?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
        {optional ? <span className="field__optional">optional</span> : null}
      </label>
      {children}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** aria props for the input inside a Field. */
export function describedBy(id: string, error: string | undefined, hint: boolean) {
  return {
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : hint ? `${id}-hint` : undefined,
  } as const;
}
