/**
 * The day's shows as a compact list beside the seat map: the cashier sees what else is on (and how full)
 * while selling, and switches show with one click. Seats left and the fill bar update live.
 */
import type { Showtime } from '../../../shared/contract/index';
import { parseInstant } from '../../../shared/domain/time';
import { cssVars } from '../../lib/css';
import { formatTime } from '../../lib/format';
import { fillLevel, soldShare } from './occupancy';
import { showtimeLabel } from './schedule-board';

export function ShowList({
  showtimes,
  currentId,
  onPick,
  timeZone,
  now,
}: {
  showtimes: Showtime[];
  currentId: number;
  onPick: (showtime: Showtime) => void;
  timeZone: string;
  now: number;
}) {
  return (
    <nav className="show-list" aria-label="Other shows today">
      <ol>
        {showtimes.map((showtime) => {
          const started = parseInstant(showtime.startsAt) <= now;
          const soldOut = showtime.seatsAvailable <= 0;
          return (
            <li key={showtime.id}>
              <button
                type="button"
                className="show-list__item"
                aria-current={showtime.id === currentId ? 'true' : undefined}
                data-started={started || undefined}
                aria-label={showtimeLabel(showtime, timeZone, now)}
                onClick={() => onPick(showtime)}
                data-testid="show-list-item"
              >
                <span className="show-list__time num">{formatTime(showtime.startsAt, timeZone)}</span>
                <span className="show-list__title">{showtime.movieTitle}</span>
                <span className="show-list__meta">
                  {showtime.screenName.replace(/^Screen\s+/i, 'S')}
                  {showtime.format !== '2D' ? ` · ${showtime.format}` : ''}
                </span>
                <span className="show-list__seats num">
                  {soldOut ? 'Sold out' : started ? `Started · ${showtime.seatsAvailable}` : showtime.seatsAvailable}
                </span>
                <span className={`fill fill--${fillLevel(showtime)} show-list__fill`} aria-hidden="true">
                  <span className="fill__bar" style={cssVars({ '--fill': soldShare(showtime) })} />
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
