/**
 * Today and the next days as one-click tabs, plus arrows and a calendar field for any other date.
 * Dates are the theater's local dates (YYYY-MM-DD), never the device's.
 */
import { useRef } from 'react';
import { addDays } from '../../../shared/domain/time';
import { IconCalendar, IconChevronLeft, IconChevronRight } from '../../components/icons';
import { formatDateLong, formatDateShort, formatDayOfMonth, formatWeekday } from '../../lib/format';

const STRIP_DAYS = 7;

export function DayPicker({
  today,
  date,
  onChange,
}: {
  today: string;
  date: string;
  onChange: (date: string) => void;
}) {
  const strip = Array.from({ length: STRIP_DAYS }, (_, index) => addDays(today, index));
  const dateInput = useRef<HTMLInputElement>(null);
  const outsideStrip = !strip.includes(date);

  // The native picker, opened from our own button: the input's text would show the OS locale's format.
  function openPicker() {
    const input = dateInput.current;
    if (!input) return;
    try {
      input.showPicker();
    } catch {
      input.focus();
    }
  }

  return (
    <div className="day-picker" role="group" aria-label="Day">
      <button
        type="button"
        className="btn btn--ghost btn--icon"
        onClick={() => onChange(addDays(date, -1))}
        aria-label="Previous day"
        aria-keyshortcuts="["
        title="Previous day  ["
      >
        <IconChevronLeft />
      </button>
      <ol className="day-picker__strip">
        {strip.map((day) => (
          <li key={day}>
            <button
              type="button"
              className="day-picker__day"
              aria-current={day === date ? 'date' : undefined}
              aria-label={day === today ? `Today, ${formatDateLong(day)}` : formatDateLong(day)}
              onClick={() => onChange(day)}
            >
              <span className="day-picker__weekday">{day === today ? 'Today' : formatWeekday(day)}</span>
              <span className="day-picker__date num">{formatDayOfMonth(day)}</span>
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="btn btn--ghost btn--icon"
        onClick={() => onChange(addDays(date, 1))}
        aria-label="Next day"
        aria-keyshortcuts="]"
        title="Next day  ]"
      >
        <IconChevronRight />
      </button>
      <button
        type="button"
        className={`btn day-picker__other${outsideStrip ? ' day-picker__other--active' : ''}`}
        onClick={openPicker}
        aria-label={outsideStrip ? `Date: ${formatDateLong(date)}. Choose another date` : 'Choose another date'}
      >
        <IconCalendar />
        {outsideStrip ? formatDateShort(date) : 'Other date'}
      </button>
      <input
        ref={dateInput}
        className="day-picker__native"
        type="date"
        tabIndex={-1}
        aria-hidden="true"
        value={date}
        onChange={(event) => {
          if (/^\d{4}-\d{2}-\d{2}$/.test(event.target.value)) onChange(event.target.value);
        }}
      />
    </div>
  );
}
