/**
 * The seat map every mode shows: "SCREEN" at the top, row letters on both sides, aisles as gaps, seats as
 * rounded squares whose state is told by fill, pattern and symbol (never colour alone), sized to fit the
 * space it gets (CSS container units: no measuring in script). Keyboard: arrows move, Home/End go along the row, Space or Enter selects. Mouse or touch:
 * click, or drag across seats to select (or unselect) them all.
 *
 * Fast on big auditoriums: plain DOM, one memoised component per row that renders again only when its
 * row's signature (states and focus) changed, and one set of listeners on the grid (event delegation).
 */
import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import { cssVars } from '../../lib/css';
import '../../styles/seat-map.css';
import {
  buildGrid,
  curveLift,
  isSelectable,
  maxLift,
  moveFrom,
  rowSignature,
  seatName,
  viewOf,
  type GridRow,
  type MapSeat,
  type Move,
  type SeatMapData,
} from './seat-map-model';

export type SeatMapDensity = 'compact' | 'comfortable' | 'large';

export interface SeatMapProps {
  data: SeatMapData;
  /** Seats in this sale (shown selected, whatever the server says of them). */
  selected: ReadonlySet<number>;
  /** Asked to select or unselect these seats (one for a click, several for a drag). */
  onChange?: (seatIds: number[], select: boolean) => void;
  density?: SeatMapDensity;
  /** Accessible name of the grid, e.g. "Seats for Dune, 19:30, Screen 1". */
  label: string;
  /** Drag across seats to select many (the counter); off for touch screens that scroll. */
  dragSelect?: boolean;
  readOnly?: boolean;
  className?: string;
}

const KEY_MOVES: Record<string, Move> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
  Home: 'home',
  End: 'end',
};

function seatIdOf(target: EventTarget | null): number | null {
  const element = (target as HTMLElement | null)?.closest?.('[data-seat-id]');
  const raw = element?.getAttribute('data-seat-id');
  return raw ? Number(raw) : null;
}

export function SeatMap({
  data,
  selected,
  onChange,
  density = 'comfortable',
  label,
  dragSelect = false,
  readOnly = false,
  className,
}: SeatMapProps) {
  const grid = useMemo(() => buildGrid(data), [data]);
  const lift = maxLift(grid);
  const [focusId, setFocusId] = useState<number | null>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const drag = useRef<{ select: boolean; touched: Set<number> } | null>(null);
  const focusFromKey = useRef(false);

  // The seat that takes Tab: the focused one, else the first selected, else the first available.
  const tabId = useMemo(() => {
    if (focusId !== null && grid.byId.has(focusId)) return focusId;
    for (const id of selected) if (grid.byId.has(id)) return id;
    for (const seat of data.seats) if (seat.status === 'available') return seat.id;
    return data.seats[0]?.id ?? null;
  }, [focusId, grid, selected, data.seats]);

  // Keyboard moves focus the seat itself (after the rows rendered with the new tab stop).
  useEffect(() => {
    if (!focusFromKey.current || focusId === null) return;
    focusFromKey.current = false;
    gridRef.current?.querySelector<HTMLElement>(`[data-seat-id="${focusId}"]`)?.focus();
  }, [focusId]);

  const toggle = useCallback(
    (seatId: number) => {
      const seat = grid.byId.get(seatId);
      if (!seat || readOnly || !onChange || !isSelectable(seat, selected)) return;
      onChange([seatId], !selected.has(seatId));
    },
    [grid, readOnly, onChange, selected],
  );

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const current = seatIdOf(event.target);
    if (current === null) return;
    const move = KEY_MOVES[event.key];
    if (move) {
      event.preventDefault();
      const next = moveFrom(grid, current, move);
      if (next !== null) {
        focusFromKey.current = true;
        setFocusId(next);
      }
      return;
    }
    if (event.key === ' ' || event.key === 'Enter') {
      // Enter is left to the screen (it moves the sale on); Space selects.
      if (event.key === 'Enter') return;
      event.preventDefault();
      toggle(current);
    }
  }

  function onPointerDown(event: PointerEvent<HTMLDivElement>) {
    if (event.button !== 0) return;
    const seatId = seatIdOf(event.target);
    if (seatId === null) return;
    setFocusId(seatId);
    const seat = grid.byId.get(seatId);
    if (!seat || readOnly || !onChange || !isSelectable(seat, selected)) return;
    const select = !selected.has(seatId);
    onChange([seatId], select);
    if (dragSelect) drag.current = { select, touched: new Set([seatId]) };
  }

  function onPointerOver(event: PointerEvent<HTMLDivElement>) {
    const state = drag.current;
    if (!state || !onChange) return;
    const seatId = seatIdOf(event.target);
    if (seatId === null || state.touched.has(seatId)) return;
    state.touched.add(seatId);
    const seat = grid.byId.get(seatId);
    if (!seat) return;
    const isIn = selected.has(seatId);
    if (state.select ? !isIn && seat.status === 'available' : isIn) onChange([seatId], state.select);
  }

  useEffect(() => {
    const end = () => {
      drag.current = null;
    };
    window.addEventListener('pointerup', end);
    window.addEventListener('pointercancel', end);
    return () => {
      window.removeEventListener('pointerup', end);
      window.removeEventListener('pointercancel', end);
    };
  }, []);

  return (
    <div
      className={`seat-map seat-map--${density}${lift > 0 ? ' seat-map--curved' : ''}${className ? ` ${className}` : ''}`}
      style={cssVars({ '--columns': grid.width, '--rows': grid.rows.length + lift, '--lift-max': lift })}
    >
      <div className="seat-map__inner">
        <div className="seat-map__screen" aria-hidden="true">
          <span>Screen</span>
        </div>
        <div
          ref={gridRef}
          role="grid"
          aria-label={label}
          aria-readonly={readOnly || undefined}
          aria-multiselectable={!readOnly || undefined}
          className="seat-map__grid"
          onKeyDown={onKeyDown}
          onPointerDown={onPointerDown}
          onPointerOver={onPointerOver}
          onFocus={(event) => {
            const seatId = seatIdOf(event.target);
            if (seatId !== null && seatId !== focusId) setFocusId(seatId);
          }}
        >
          {grid.rows.map((row) => (
            <SeatRow
              key={row.index}
              row={row}
              selected={selected}
              tabId={tabId}
              signature={rowSignature(row, selected, tabId)}
            />
          ))}
        </div>
      </div>
    </div>
  );
}

interface SeatRowProps {
  row: GridRow;
  selected: ReadonlySet<number>;
  tabId: number | null;
  /** Changes exactly when the row looks different: the only prop the memo compares besides the row. */
  signature: string;
}

const SeatRow = memo(
  function SeatRow({ row, selected, tabId }: SeatRowProps) {
    // A curved row lifts each place towards the screen (its row labels too); straight rows add nothing.
    const width = row.cells.length;
    const lifted = (column: number) =>
      row.curve > 0 ? cssVars({ '--lift': curveLift(row.curve, column, width) }) : undefined;
    return (
      <div role="row" className="seat-map__row">
        <span role="rowheader" className="seat-map__row-label" aria-label={`Row ${row.label}`} style={lifted(-1)}>
          {row.label}
        </span>
        {row.cells.map((seat, column) =>
          seat ? (
            <Seat key={seat.id} seat={seat} selected={selected} tabbable={seat.id === tabId} style={lifted(column)} />
          ) : (
            <span key={`gap-${column}`} className="seat-map__gap" aria-hidden="true" />
          ),
        )}
        <span className="seat-map__row-label" aria-hidden="true" style={lifted(width)}>
          {row.label}
        </span>
      </div>
    );
  },
  (before, after) => before.row === after.row && before.signature === after.signature,
);

/** One element per seat: the number and the symbols are drawn by CSS from its data attributes. */
function Seat({
  seat,
  selected,
  tabbable,
  style,
}: {
  seat: MapSeat;
  selected: ReadonlySet<number>;
  tabbable: boolean;
  style: CSSProperties | undefined;
}) {
  const view = viewOf(seat, selected);
  return (
    <span
      role="gridcell"
      className="seat"
      style={style}
      data-seat-id={seat.id}
      data-n={seat.number}
      data-view={view}
      data-type={seat.type}
      aria-label={seatName(seat, view)}
      aria-selected={view === 'selected'}
      aria-disabled={!isSelectable(seat, selected) || undefined}
      tabIndex={tabbable ? 0 : -1}
    />
  );
}

/** The key to the map's states, drawn with the same marks as the seats. */
export function SeatLegend({ className }: { className?: string }) {
  const items: Array<{ view: string; type?: string; text: string }> = [
    { view: 'available', text: 'Free' },
    { view: 'selected', text: 'This sale' },
    { view: 'held', text: 'Held' },
    { view: 'sold', text: 'Sold' },
    { view: 'blocked', text: 'Not for sale' },
    { view: 'available', type: 'premium', text: 'Premium' },
    { view: 'available', type: 'wheelchair', text: 'Wheelchair' },
    { view: 'available', type: 'companion', text: 'Companion' },
  ];
  return (
    <ul className={`seat-legend${className ? ` ${className}` : ''}`} aria-label="Seat key">
      {items.map((item) => (
        <li key={item.text}>
          <span
            className="seat seat--legend"
            data-view={item.view}
            data-type={item.type ?? 'standard'}
            aria-hidden="true"
          />
          {item.text}
        </li>
      ))}
    </ul>
  );
}
