/**
 * The day's programme as one column per screen, each a list of showtime cards in start order.
 *
 * Keyboard: one tab stop for the whole board (roving tabindex); arrows move the selection (up/down within
 * a screen, left/right to the neighbouring screen's show nearest in time), Home/End jump within a screen.
 * Selection follows focus so the detail panel answers questions as fast as the cashier moves.
 */
import { useRef, type KeyboardEvent } from 'react';
import type { Showtime } from '../../../shared/contract/index';
import { parseInstant } from '../../../shared/domain/time';
import { IconSeat } from '../../components/icons';
import { cssVars } from '../../lib/css';
import { formatRelative, formatTime } from '../../lib/format';
import { fillLevel, soldShare } from './occupancy';

export interface BoardColumn {
  screenId: number;
  screenName: string;
  capacity: number | null;
  showtimes: Showtime[];
}

interface ScheduleBoardProps {
  columns: BoardColumn[];
  selectedId: number | null;
  onSelect: (showtimeId: number) => void;
  /** Enter (or a double click) on a show: sell seats for it. */
  onOpen?: (showtimeId: number) => void;
  timeZone: string;
  now: number;
}

const SOON_MS = 90 * 60_000;

export function showtimeLabel(showtime: Showtime, timeZone: string, now: number): string {
  const started = parseInstant(showtime.startsAt) <= now;
  return [
    formatTime(showtime.startsAt, timeZone),
    showtime.movieTitle,
    showtime.screenName,
    showtime.format,
    `${showtime.seatsAvailable} of ${showtime.capacity} seats left`,
    started ? 'started' : null,
  ]
    .filter(Boolean)
    .join(', ');
}

export function ScheduleBoard({ columns, selectedId, onSelect, onOpen, timeZone, now }: ScheduleBoardProps) {
  const buttons = useRef(new Map<number, HTMLButtonElement>());
  const firstId = columns.find((column) => column.showtimes.length > 0)?.showtimes[0]?.id ?? null;
  const selectedShown = columns.some((column) => column.showtimes.some((showtime) => showtime.id === selectedId));
  const tabStopId = selectedShown ? selectedId : firstId;

  function moveTo(showtime: Showtime | undefined) {
    if (!showtime) return;
    onSelect(showtime.id);
    const button = buttons.current.get(showtime.id);
    button?.focus();
    button?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }

  function handleKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const target = event.target as HTMLElement;
    const col = Number(target.dataset['col']);
    const row = Number(target.dataset['row']);
    if (Number.isNaN(col) || Number.isNaN(row)) return;
    const column = columns[col];
    const current = column?.showtimes[row];
    if (!column || !current) return;

    let next: Showtime | undefined;
    switch (event.key) {
      case 'ArrowDown':
        next = column.showtimes[row + 1];
        break;
      case 'ArrowUp':
        next = column.showtimes[row - 1];
        break;
      case 'Home':
        next = column.showtimes[0];
        break;
      case 'End':
        next = column.showtimes[column.showtimes.length - 1];
        break;
      case 'Enter':
        if (!onOpen) return;
        event.preventDefault();
        onOpen(current.id);
        return;
      case 'ArrowLeft':
      case 'ArrowRight': {
        const step = event.key === 'ArrowLeft' ? -1 : 1;
        const startsAt = parseInstant(current.startsAt);
        for (let index = col + step; index >= 0 && index < columns.length; index += step) {
          const candidates = columns[index]?.showtimes ?? [];
          if (candidates.length === 0) continue; // skip screens with nothing on
          next = candidates.reduce((best, candidate) =>
            Math.abs(parseInstant(candidate.startsAt) - startsAt) < Math.abs(parseInstant(best.startsAt) - startsAt)
              ? candidate
              : best,
          );
          break;
        }
        break;
      }
      default:
        return;
    }
    event.preventDefault();
    moveTo(next);
  }

  return (
    <div
      className="board"
      role="group"
      aria-label="Showtimes by screen"
      aria-describedby="board-keys"
      onKeyDown={handleKeyDown}
      style={cssVars({ '--board-columns': columns.length })}
    >
      <p id="board-keys" className="visually-hidden">
        Use the arrow keys to move between showtimes: up and down within a screen, left and right to the next screen.
      </p>
      {columns.map((column, col) => (
        <section key={column.screenId} className="board__column" aria-labelledby={`screen-${column.screenId}`}>
          <header className="board__column-head">
            <h2 id={`screen-${column.screenId}`} className="board__screen-name">
              {column.screenName}
            </h2>
            {column.capacity !== null ? (
              <span className="board__screen-meta num" aria-label={`${column.capacity} seats`}>
                <IconSeat width={14} height={14} />
                {column.capacity}
              </span>
            ) : null}
          </header>
          {column.showtimes.length === 0 ? (
            <p className="board__empty">No shows</p>
          ) : (
            <ol className="board__list">
              {column.showtimes.map((showtime, row) => {
                const startsAt = parseInstant(showtime.startsAt);
                const started = startsAt <= now;
                const level = fillLevel(showtime);
                const soon = !started && startsAt - now <= SOON_MS;
                return (
                  <li key={showtime.id}>
                    <button
                      ref={(element) => {
                        if (element) buttons.current.set(showtime.id, element);
                        else buttons.current.delete(showtime.id);
                      }}
                      type="button"
                      className="show-card"
                      data-col={col}
                      data-row={row}
                      data-started={started || undefined}
                      data-testid="showtime-card"
                      tabIndex={showtime.id === tabStopId ? 0 : -1}
                      aria-pressed={showtime.id === selectedId}
                      aria-label={showtimeLabel(showtime, timeZone, now)}
                      onClick={() => onSelect(showtime.id)}
                      onDoubleClick={() => onOpen?.(showtime.id)}
                    >
                      <span className="show-card__top">
                        <time className="show-card__time" dateTime={showtime.startsAt}>
                          {formatTime(showtime.startsAt, timeZone)}
                        </time>
                        {showtime.format !== '2D' ? (
                          <span className="badge badge--format">{showtime.format}</span>
                        ) : null}
                        <span className="show-card__when">
                          {started ? 'Started' : soon ? formatRelative(startsAt, now) : null}
                        </span>
                      </span>
                      <span className="show-card__title">{showtime.movieTitle}</span>
                      <span className="show-card__seats">
                        <span className={`fill fill--${level}`} aria-hidden="true">
                          <span className="fill__bar" style={cssVars({ '--fill': soldShare(showtime) })} />
                        </span>
                        <span className="show-card__left num">
                          {showtime.seatsAvailable === 0 ? (
                            <strong>Sold out</strong>
                          ) : (
                            <>
                              <strong>{showtime.seatsAvailable}</strong>
                              <span className="show-card__of"> of {showtime.capacity} left</span>
                            </>
                          )}
                        </span>
                      </span>
                    </button>
                  </li>
                );
              })}
            </ol>
          )}
        </section>
      ))}
    </div>
  );
}
