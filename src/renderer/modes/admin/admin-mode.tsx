/**
 * Admin mode on the light theme: calm data for the office. Sections: the dashboard (the landing page),
 * films, theaters and screens (the seat-layout editor), the week's schedule, reports and devices. A manager sees only their own theaters in
 * every section; the server scopes them too, so the UI never offers what the server would refuse.
 */
import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { Movie } from '../../../shared/contract/index';
import { Brand } from '../../components/brand';
import {
  IconAlert,
  IconCalendar,
  IconChart,
  IconCheck,
  IconClose,
  IconFilm,
  IconGrid,
  IconRefresh,
  IconPlus,
  IconSearch,
  IconSeat,
  IconStar,
  IconMessage,
  IconUsers,
  IconSettings,
} from '../../components/icons';
import { Link } from '../../components/link';
import { SignedInUser } from '../../components/signed-in-user';
import { SessionGate, type SignedIn } from '../../components/session-gate';
import { StateMessage } from '../../components/states';
import { listMovies } from '../../lib/data';
import { errorMessage } from '../../lib/errors';
import { useAsync } from '../../lib/use-async';
import '../../styles/admin.css';
import { FilmTable, sortMovies, type Sort } from './film-table';
import { ApiKeysPage } from './api-keys-page';
import { AuditPage } from './audit-page';
import { DashboardPage } from './dashboard-page';
import { DevicesPage } from './devices-page';
import { BackupsPage } from './backups-page';
import { NewFilmDialog } from './new-film-dialog';
import { PosterUpload } from './poster-upload';
import { PricingPage } from './pricing-page';
import { ReportsPage } from './reports-page';
import { SchedulePage } from './schedule-page';
import { ReviewsPage } from './reviews-page';
import { ScreensPage } from './screens-page';
import { SettingsPage } from './settings-page';
import { UsersPage } from './users-page';

export function AdminMode() {
  return <SessionGate mode="admin">{(session) => <AdminShell session={session} />}</SessionGate>;
}

export type Section =
  | 'dashboard'
  | 'films'
  | 'screens'
  | 'schedule'
  | 'pricing'
  | 'reports'
  | 'users'
  | 'api-keys'
  | 'devices'
  | 'audit'
  | 'reviews'
  | 'backups'
  | 'settings';

/** Pages reached through another section's tabs: People groups users, API keys, devices and the audit log. */
const PEOPLE: readonly Section[] = ['users', 'api-keys', 'devices', 'audit'];

const SECTIONS: { id: Section; href: string; label: string; icon: ReactNode; also?: readonly Section[] }[] = [
  { id: 'dashboard', href: '/admin', label: 'Dashboard', icon: <IconChart /> },
  { id: 'films', href: '/admin/films', label: 'Films', icon: <IconFilm /> },
  { id: 'screens', href: '/admin/screens', label: 'Theaters & screens', icon: <IconGrid /> },
  { id: 'schedule', href: '/admin/schedule', label: 'Schedule', icon: <IconCalendar /> },
  { id: 'pricing', href: '/admin/pricing', label: 'Pricing', icon: <IconSeat /> },
  { id: 'reports', href: '/admin/reports', label: 'Reports', icon: <IconStar /> },
  { id: 'users', href: '/admin/users', label: 'People', icon: <IconUsers />, also: PEOPLE },
  { id: 'reviews', href: '/admin/reviews', label: 'Reviews', icon: <IconMessage /> },
  { id: 'backups', href: '/admin/backups', label: 'Backups', icon: <IconRefresh /> },
  { id: 'settings', href: '/admin/settings', label: 'Settings', icon: <IconSettings /> },
];

const TITLES: Partial<Record<Section, string>> = {
  users: 'Users',
  'api-keys': 'API keys',
  devices: 'Devices',
  audit: 'Audit log',
};

/** People (users, keys, devices, the audit log), review moderation and backups are for admins only. */
const ADMIN_ONLY: readonly Section[] = [...PEOPLE, 'reviews', 'backups'];

function subscribeLocation(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener('marquee:navigate', onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener('marquee:navigate', onChange);
  };
}

export function sectionOf(pathname: string): Section {
  const second = pathname.split('/').filter(Boolean)[1] ?? '';
  const all: readonly Section[] = [...SECTIONS.map((section) => section.id), ...PEOPLE];
  return all.find((section) => section === second) ?? 'dashboard';
}

function AdminShell({ session }: { session: SignedIn }) {
  const pathname = useSyncExternalStore(subscribeLocation, () => window.location.pathname);
  const section = sectionOf(pathname);
  useEffect(() => {
    const label = TITLES[section] ?? SECTIONS.find((item) => item.id === section)?.label ?? 'Admin';
    document.title = `${label} · Admin · Marquee`;
  }, [section]);
  return (
    <div className="admin">
      <header className="admin__header">
        <Brand label="Admin" />
        <nav className="admin__nav" aria-label="Sections">
          {SECTIONS.filter((item) => session.me.role === 'admin' || !ADMIN_ONLY.includes(item.id)).map((item) => (
            <Link
              key={item.id}
              className="admin__nav-item"
              href={item.href}
              aria-current={item.id === section || item.also?.includes(section) ? 'page' : undefined}
            >
              {item.icon}
              {item.label}
            </Link>
          ))}
        </nav>
        <SignedInUser session={session} className="admin__user" />
      </header>
      {section === 'dashboard' ? <DashboardPage me={session.me} /> : null}
      {section === 'films' ? <FilmsPage /> : null}
      {section === 'screens' ? <ScreensPage me={session.me} /> : null}
      {section === 'schedule' ? <SchedulePage me={session.me} /> : null}
      {section === 'pricing' ? <PricingPage me={session.me} /> : null}
      {section === 'reports' ? <ReportsPage me={session.me} /> : null}
      {section === 'settings' ? <SettingsPage me={session.me} /> : null}
      {session.me.role === 'admin' ? (
        <>
          {section === 'users' ? <UsersPage me={session.me} /> : null}
          {section === 'api-keys' ? <ApiKeysPage /> : null}
          {section === 'devices' ? <DevicesPage /> : null}
          {section === 'audit' ? <AuditPage /> : null}
          {section === 'reviews' ? <ReviewsPage /> : null}
          {section === 'backups' ? <BackupsPage /> : null}
        </>
      ) : null}
    </div>
  );
}

type StatusFilter = 'active' | 'archived' | 'all';

const STATUS_FILTERS: { value: StatusFilter; label: string }[] = [
  { value: 'active', label: 'Active' },
  { value: 'archived', label: 'Archived' },
  { value: 'all', label: 'All' },
];

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

function FilmsPage() {
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<StatusFilter>('active');
  const [sort, setSort] = useState<Sort>({ key: 'title', direction: 'ascending' });
  const [creating, setCreating] = useState(false);
  const [posterFor, setPosterFor] = useState<Movie | null>(null);
  const [notice, setNotice] = useState<{ movieId: number; text: string } | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const q = useDebounced(query.trim(), 250);

  const films = useAsync(() => listMovies({ status, q: q === '' ? undefined : q }), [status, q]);
  const sorted = films.data ? sortMovies(films.data, sort) : [];

  // "/" focuses the search, as in most admin tools; "n" opens New film.
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const target = event.target as HTMLElement | null;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (target && (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('dialog'))) return;
      if (event.key === '/') {
        event.preventDefault();
        searchRef.current?.focus();
      } else if (event.key === 'n') {
        event.preventDefault();
        setCreating(true);
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  function saved(movie: Movie, text: string) {
    setNotice({ movieId: movie.id, text });
    films.reload();
  }

  const filtering = q !== '' || status !== 'active';

  return (
    <main className="admin__main">
      <div className="page-head">
        <div>
          <h1 className="page-head__title">Films</h1>
          <p className="page-head__lead">
            The catalog that counters, kiosks and the website sell from.
            {films.data ? (
              <span className="num">
                {' '}
                {films.data.length} {films.data.length === 1 ? 'film' : 'films'}
                {filtering ? ' match' : ''}.
              </span>
            ) : null}
          </p>
        </div>
        <button
          type="button"
          className="btn btn--primary btn--large"
          onClick={() => setCreating(true)}
          aria-keyshortcuts="n"
        >
          <IconPlus />
          New film
          <kbd className="kbd">N</kbd>
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

      <section className="panel" aria-label="Film list">
        <div className="panel__toolbar">
          <label className="search">
            <IconSearch />
            <span className="visually-hidden">Search films by title</span>
            <input
              ref={searchRef}
              className="input search__input"
              type="search"
              placeholder="Search by title"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              aria-keyshortcuts="/"
            />
            <kbd className="kbd search__kbd">/</kbd>
          </label>
          <div className="segmented" role="group" aria-label="Status">
            {STATUS_FILTERS.map((filter) => (
              <button
                key={filter.value}
                type="button"
                aria-pressed={status === filter.value}
                className="segmented__option"
                onClick={() => setStatus(filter.value)}
              >
                {filter.label}
              </button>
            ))}
          </div>
        </div>

        {films.status === 'error' ? (
          <div className="alert panel__alert" role="alert">
            <IconAlert />
            <span>{errorMessage(films.error)}</span>
            <button type="button" className="btn btn--small" onClick={films.reload}>
              Try again
            </button>
          </div>
        ) : null}

        {!films.data ? (
          films.status === 'loading' ? (
            <TableSkeleton />
          ) : null
        ) : sorted.length === 0 ? (
          filtering ? (
            <StateMessage
              icon={<IconSearch />}
              title={q ? `No films match “${q}”` : 'No films with this status'}
              actions={
                <button
                  type="button"
                  className="btn"
                  onClick={() => {
                    setQuery('');
                    setStatus('active');
                  }}
                >
                  Clear filters
                </button>
              }
            >
              Check the spelling, or search for part of the title.
            </StateMessage>
          ) : (
            <StateMessage icon={<IconFilm />} title="No films yet">
              Add the first film with <strong>New film</strong>. You can upload its poster right after, then schedule
              showtimes.
            </StateMessage>
          )
        ) : (
          <div className="panel__scroll">
            <FilmTable
              movies={sorted}
              sort={sort}
              onSort={setSort}
              onPoster={setPosterFor}
              highlightId={notice?.movieId ?? null}
            />
          </div>
        )}
      </section>

      <NewFilmDialog
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(movie) => saved(movie, `“${movie.title}” was saved.`)}
      />
      <PosterDialog
        movie={posterFor}
        onClose={() => setPosterFor(null)}
        onUploaded={(movie) => {
          setPosterFor(null);
          saved(movie, `The poster for “${movie.title}” was uploaded.`);
        }}
      />
    </main>
  );
}

function PosterDialog({
  movie,
  onClose,
  onUploaded,
}: {
  movie: Movie | null;
  onClose: () => void;
  onUploaded: (movie: Movie) => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (movie && !dialog.open) dialog.showModal();
    else if (!movie && dialog.open) dialog.close();
  }, [movie]);

  return (
    <dialog
      ref={dialogRef}
      className="drawer"
      aria-labelledby="poster-title"
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {movie ? (
        <div className="drawer__inner">
          <header className="drawer__header">
            <div>
              <p className="eyebrow">{movie.title}</p>
              <h2 id="poster-title" className="drawer__title">
                {movie.posterUrl ? 'Replace poster' : 'Upload poster'}
              </h2>
            </div>
            <button type="button" className="btn btn--ghost btn--icon" onClick={onClose} aria-label="Close">
              <IconClose />
            </button>
          </header>
          <div className="drawer__body">
            <PosterUpload movie={movie} onUploaded={onUploaded} secondary={{ label: 'Cancel', onClick: onClose }} />
          </div>
        </div>
      ) : null}
    </dialog>
  );
}

function TableSkeleton() {
  return (
    <div className="table-skeleton" aria-hidden="true">
      {[0, 1, 2, 3, 4].map((row) => (
        <div key={row} className="table-skeleton__row">
          <div className="skeleton table-skeleton__thumb" />
          <div className="skeleton table-skeleton__line" />
        </div>
      ))}
    </div>
  );
}
