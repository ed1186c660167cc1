/**
 * The film list as a table: sortable by clicking a column header (aria-sort tells screen readers), the
 * poster as a thumbnail, and a poster action per row.
 */
import type { Movie } from '../../../shared/contract/index';
import { IconImage, IconSortBoth, IconSortDown, IconSortUp, IconStar } from '../../components/icons';
import { Poster } from '../../components/poster';
import { formatDateMedium, formatRuntime } from '../../lib/format';

export type SortKey = 'title' | 'durationMinutes' | 'certificate' | 'rating' | 'releaseDate' | 'status';
export interface Sort {
  key: SortKey;
  direction: 'ascending' | 'descending';
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function sortValue(movie: Movie, key: SortKey): string | number | null {
  switch (key) {
    case 'title':
      return movie.title;
    case 'durationMinutes':
      return movie.durationMinutes;
    case 'certificate':
      return movie.certificate;
    case 'rating':
      return movie.rating.average;
    case 'releaseDate':
      return movie.releaseDate;
    case 'status':
      return movie.status;
  }
}

/** Sorted copy; empty values always last, whatever the direction. Ties fall back to the title. */
export function sortMovies(movies: readonly Movie[], sort: Sort): Movie[] {
  const factor = sort.direction === 'ascending' ? 1 : -1;
  return [...movies].sort((a, b) => {
    const left = sortValue(a, sort.key);
    const right = sortValue(b, sort.key);
    if (left === null || right === null) {
      if (left === right) return collator.compare(a.title, b.title);
      return left === null ? 1 : -1;
    }
    const order =
      typeof left === 'number' && typeof right === 'number'
        ? left - right
        : collator.compare(String(left), String(right));
    return order !== 0 ? order * factor : collator.compare(a.title, b.title);
  });
}

interface Column {
  key: SortKey;
  label: string;
  numeric?: boolean;
}

const COLUMNS: Column[] = [
  { key: 'title', label: 'Title' },
  { key: 'durationMinutes', label: 'Runtime', numeric: true },
  { key: 'certificate', label: 'Certificate' },
  { key: 'rating', label: 'Rating', numeric: true },
  { key: 'releaseDate', label: 'Released', numeric: true },
  { key: 'status', label: 'Status' },
];

interface FilmTableProps {
  movies: Movie[];
  sort: Sort;
  onSort: (sort: Sort) => void;
  onPoster: (movie: Movie) => void;
  highlightId: number | null;
}

export function FilmTable({ movies, sort, onSort, onPoster, highlightId }: FilmTableProps) {
  function header(column: Column) {
    const active = sort.key === column.key;
    const next: Sort = {
      key: column.key,
      direction: active && sort.direction === 'ascending' ? 'descending' : 'ascending',
    };
    return (
      <th
        key={column.key}
        scope="col"
        aria-sort={active ? sort.direction : undefined}
        className={column.numeric ? 'table__num' : undefined}
      >
        <button type="button" className="table__sort" onClick={() => onSort(next)}>
          {column.label}
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

  const [title, ...rest] = COLUMNS;
  return (
    <table className="table" data-testid="film-table">
      <caption className="visually-hidden">
        Films, sorted by {COLUMNS.find((column) => column.key === sort.key)?.label.toLowerCase()} ({sort.direction})
      </caption>
      <thead>
        <tr>
          <th scope="col" className="table__poster">
            <span className="visually-hidden">Poster</span>
          </th>
          {title ? header(title) : null}
          <th scope="col">Genres</th>
          {rest.map(header)}
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {movies.map((movie) => (
          <tr key={movie.id} data-highlight={movie.id === highlightId || undefined}>
            <td className="table__poster">
              <Poster title={movie.title} posterUrl={movie.posterUrl} variant="thumb" className="table__thumb" />
            </td>
            <th scope="row" className="table__title">
              <span className="table__title-text">{movie.title}</span>
              {movie.language ? <span className="table__sub">{movie.language}</span> : null}
            </th>
            <td>
              {movie.genres.length > 0 ? (
                <span className="chips">
                  {movie.genres.map((genre) => (
                    <span key={genre} className="chip">
                      {genre}
                    </span>
                  ))}
                </span>
              ) : (
                <span className="table__empty">—</span>
              )}
            </td>
            <td className="table__num num">{formatRuntime(movie.durationMinutes)}</td>
            <td>
              {movie.certificate ? (
                <span className="cert">{movie.certificate}</span>
              ) : (
                <span className="table__empty">—</span>
              )}
            </td>
            <td className="table__num num">
              {movie.rating.average !== null ? (
                <span className="table__rating">
                  <IconStar width={14} height={14} />
                  {movie.rating.average.toFixed(1)}
                  <span className="table__sub-inline">({movie.rating.count})</span>
                </span>
              ) : (
                <span className="table__empty">—</span>
              )}
            </td>
            <td className="table__num num">
              {movie.releaseDate ? (
                <time dateTime={movie.releaseDate}>{formatDateMedium(movie.releaseDate)}</time>
              ) : (
                <span className="table__empty">—</span>
              )}
            </td>
            <td>
              <span className={`status status--${movie.status}`}>
                {movie.status === 'active' ? 'Active' : 'Archived'}
              </span>
            </td>
            <td className="table__actions">
              <button
                type="button"
                className="btn btn--ghost btn--small"
                onClick={() => onPoster(movie)}
                aria-label={`${movie.posterUrl ? 'Replace' : 'Upload'} poster for ${movie.title}`}
              >
                <IconImage />
                Poster
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
