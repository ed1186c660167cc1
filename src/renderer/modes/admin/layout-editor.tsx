/**
 * The seat-layout editor: rows and seats on a grid, the screen at the top. Pick a tool (a seat type, gap
 * or block) and click or press Space on cells; arrows move between cells; keys 1–4 set a seat type,
 * 0 or Delete makes a gap, B blocks or unblocks. Rows have their own label and numbering scheme (the
 * cells show the numbers the scheme gives, as the counter will); the whole screen may curve, drawn here
 * as the seat maps draw it.
 */
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { MAX_CURVE } from '../../../shared/contract/theaters';
import { SEAT_TYPES, type SeatType } from '../../../shared/domain/seat-types';
import { IconClose, IconPlus } from '../../components/icons';
import { cssVars } from '../../lib/css';
import '../../styles/layout-editor.css';
import { curveLift } from '../../components/seat-map/seat-map-model';
import {
  NUMBERINGS,
  NUMBERING_LABELS,
  columnsOf,
  insertColumn,
  insertRow,
  numberAll,
  numbersOf,
  relabel,
  removeColumn,
  removeRow,
  setCell,
  type Cell,
  type EditorModel,
  type Numbering,
} from './layout-model';

export type Tool = SeatType | 'gap' | 'block';

const TOOL_LABELS: Record<Tool, string> = {
  standard: 'Standard',
  premium: 'Premium',
  wheelchair: 'Wheelchair',
  companion: 'Companion',
  gap: 'Gap / aisle',
  block: 'Block / unblock',
};

const TOOL_KEYS: Record<Tool, string> = {
  standard: '1',
  premium: '2',
  wheelchair: '3',
  companion: '4',
  gap: '0',
  block: 'B',
};

const TYPE_MARK: Record<SeatType, string> = { standard: '', premium: 'P', wheelchair: '♿', companion: 'C' };

function applyTool(cell: Cell, tool: Tool): Cell {
  if (tool === 'block') return cell.kind === 'gap' ? cell : { ...cell, blocked: !cell.blocked };
  if (tool === 'gap') return { kind: 'gap', blocked: false };
  return { kind: tool, blocked: cell.kind === 'gap' ? false : cell.blocked };
}

export function cellName(rowLabel: string, number: number | null, cell: Cell): string {
  if (cell.kind === 'gap') return `Row ${rowLabel}, gap`;
  return `Row ${rowLabel}, seat ${number}, ${cell.kind}${cell.blocked ? ', blocked' : ''}`;
}

export function LayoutEditor({
  model,
  onChange,
  problemRows,
}: {
  model: EditorModel;
  onChange: (model: EditorModel) => void;
  problemRows: Set<number>;
}) {
  const [tool, setTool] = useState<Tool>('standard');
  const [skipIO, setSkipIO] = useState(false);
  const [allNumbering, setAllNumbering] = useState<Numbering>('ltr');
  const curveId = useId();
  const [focus, setFocus] = useState<{ r: number; c: number }>({ r: 0, c: 0 });
  const gridRef = useRef<HTMLDivElement>(null);
  const columns = columnsOf(model);

  function focusCell(r: number, c: number) {
    const nr = Math.max(0, Math.min(model.rows.length - 1, r));
    const nc = Math.max(0, Math.min(columns - 1, c));
    setFocus({ r: nr, c: nc });
    gridRef.current?.querySelector<HTMLButtonElement>(`[data-cell="${nr}-${nc}"]`)?.focus();
  }

  function paint(r: number, c: number, with_: Tool = tool) {
    const cell = model.rows[r]?.cells[c];
    if (!cell) return;
    onChange(setCell(model, r, c, applyTool(cell, with_)));
  }

  function onCellKey(event: KeyboardEvent<HTMLButtonElement>, r: number, c: number) {
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      focusCell(r + move[0], c + move[1]);
      return;
    }
    const byKey = (Object.keys(TOOL_KEYS) as Tool[]).find(
      (t) => TOOL_KEYS[t].toLowerCase() === event.key.toLowerCase(),
    );
    if (byKey) {
      event.preventDefault();
      paint(r, c, byKey);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      paint(r, c, 'gap');
    }
  }

  function updateRow(index: number, change: { label?: string; numbering?: Numbering }) {
    onChange({ ...model, rows: model.rows.map((row, i) => (i === index ? { ...row, ...change } : row)) });
  }

  // How far each column's cells rise (in rows) for the curve; the canvas gets room for the front row.
  const lifts = Array.from({ length: columns }, (_, c) => curveLift(model.curve, c, columns));
  const maxLift = model.curve / 100;

  return (
    <div className="layout-editor">
      <div className="layout-editor__tools" role="radiogroup" aria-label="Tool">
        {(Object.keys(TOOL_LABELS) as Tool[]).map((t) => (
          <button
            key={t}
            type="button"
            role="radio"
            aria-checked={tool === t}
            className="tool"
            onClick={() => setTool(t)}
            aria-keyshortcuts={TOOL_KEYS[t]}
          >
            <span className={`swatch swatch--${t}`} aria-hidden="true">
              {t in TYPE_MARK ? TYPE_MARK[t as SeatType] : ''}
            </span>
            {TOOL_LABELS[t]}
            <kbd className="kbd">{TOOL_KEYS[t]}</kbd>
          </button>
        ))}
      </div>

      <div className="layout-editor__settings">
        <div className="layout-editor__setting" role="group" aria-label="Numbering of every row">
          <label className="field__label" htmlFor={`${curveId}-all`}>
            Number every row
          </label>
          <div className="layout-editor__inline">
            <select
              id={`${curveId}-all`}
              className="input select layout-editor__select"
              value={allNumbering}
              onChange={(event) => setAllNumbering(event.target.value as Numbering)}
            >
              {NUMBERINGS.map((scheme) => (
                <option key={scheme} value={scheme}>
                  {NUMBERING_LABELS[scheme]}
                </option>
              ))}
            </select>
            <button type="button" className="btn btn--small" onClick={() => onChange(numberAll(model, allNumbering))}>
              Apply to all rows
            </button>
          </div>
        </div>
        <div className="layout-editor__setting" role="group" aria-label="Row labels">
          <span className="field__label">Row labels</span>
          <div className="layout-editor__inline">
            <label className="layout-editor__check">
              <input type="checkbox" checked={skipIO} onChange={(event) => setSkipIO(event.target.checked)} />
              Skip I and O
            </label>
            <button type="button" className="btn btn--small" onClick={() => onChange(relabel(model, skipIO))}>
              Relabel A, B, C… front to back
            </button>
          </div>
        </div>
        <div className="layout-editor__setting layout-editor__setting--curve">
          <label className="field__label" htmlFor={curveId}>
            Curved rows
          </label>
          <div className="layout-editor__inline">
            <input
              id={curveId}
              type="range"
              className="layout-editor__range"
              min={0}
              max={MAX_CURVE}
              step={10}
              value={model.curve}
              aria-valuetext={curveText(model.curve)}
              onChange={(event) => onChange({ ...model, curve: Number(event.target.value) })}
            />
            <output htmlFor={curveId} className="layout-editor__curve num">
              {curveText(model.curve)}
            </output>
          </div>
        </div>
      </div>

      <div className="layout-editor__canvas" style={cssVars({ '--lift-max': maxLift })}>
        <div className="layout-editor__screen" aria-hidden="true">
          Screen
        </div>
        <div
          ref={gridRef}
          className="layout-grid"
          role="grid"
          aria-label="Seat layout"
          aria-rowcount={model.rows.length}
          aria-colcount={columns}
          style={{ gridTemplateColumns: `auto repeat(${columns}, 32px) auto auto auto` }}
        >
          {model.rows.map((row, r) => {
            const numbers = numbersOf(row);
            const label = row.label || String(r + 1);
            return (
              <div role="row" className="layout-grid__row" key={r} data-problem={problemRows.has(r) || undefined}>
                <span role="rowheader" className="layout-grid__label">
                  <input
                    className="input layout-grid__label-input"
                    value={row.label}
                    maxLength={3}
                    aria-label={`Label of row ${r + 1}`}
                    aria-invalid={problemRows.has(r) || undefined}
                    onChange={(event) => updateRow(r, { label: event.target.value.toUpperCase() })}
                  />
                </span>
                {row.cells.map((cell, c) => (
                  <span
                    role="gridcell"
                    key={c}
                    className={lifts[c] ? 'layout-grid__lifted' : undefined}
                    style={lifts[c] ? cssVars({ '--lift': lifts[c] }) : undefined}
                  >
                    <button
                      type="button"
                      data-cell={`${r}-${c}`}
                      tabIndex={focus.r === r && focus.c === c ? 0 : -1}
                      className={`cell cell--${cell.kind}${cell.blocked ? ' cell--blocked' : ''}`}
                      aria-label={cellName(label, numbers[c] ?? null, cell)}
                      onClick={() => {
                        setFocus({ r, c });
                        paint(r, c);
                      }}
                      onFocus={() => setFocus({ r, c })}
                      onKeyDown={(event) => onCellKey(event, r, c)}
                    >
                      {cell.kind === 'gap' ? '' : (numbers[c] ?? '')}
                    </button>
                  </span>
                ))}
                {Array.from({ length: columns - row.cells.length }, (_, i) => (
                  <span key={`pad-${i}`} />
                ))}
                <span className="layout-grid__label layout-grid__label--end" aria-hidden="true">
                  {row.label}
                </span>
                <span role="gridcell">
                  <select
                    className="input select layout-grid__numbering"
                    value={row.numbering}
                    aria-label={`Numbering of row ${label}`}
                    onChange={(event) => updateRow(r, { numbering: event.target.value as Numbering })}
                  >
                    {NUMBERINGS.map((scheme) => (
                      <option key={scheme} value={scheme}>
                        {NUMBERING_LABELS[scheme]}
                      </option>
                    ))}
                  </select>
                </span>
                <span role="gridcell">
                  <button
                    type="button"
                    className="btn btn--ghost btn--icon btn--small"
                    aria-label={`Remove row ${label}`}
                    disabled={model.rows.length <= 1}
                    onClick={() => onChange(removeRow(model, r))}
                  >
                    <IconClose />
                  </button>
                </span>
              </div>
            );
          })}
        </div>
      </div>

      <div className="layout-editor__actions">
        <button type="button" className="btn btn--small" onClick={() => onChange(insertRow(model, model.rows.length))}>
          <IconPlus />
          Row at the back
        </button>
        <button type="button" className="btn btn--small" onClick={() => onChange(insertRow(model, 0))}>
          <IconPlus />
          Row at the front
        </button>
        <button
          type="button"
          className="btn btn--small"
          onClick={() => onChange(insertColumn(model, columns, 'standard'))}
          disabled={columns >= 80}
        >
          <IconPlus />
          Seat column
        </button>
        <button
          type="button"
          className="btn btn--small"
          onClick={() => onChange(insertColumn(model, Math.min(focus.c + 1, columns), 'gap'))}
          disabled={columns >= 80}
        >
          <IconPlus />
          Aisle after column {Math.min(focus.c + 1, columns)}
        </button>
        <button
          type="button"
          className="btn btn--small"
          onClick={() => onChange(removeColumn(model, Math.min(focus.c, columns - 1)))}
          disabled={columns <= 1}
        >
          Remove column {Math.min(focus.c + 1, columns)}
        </button>
      </div>
      <p className="layout-editor__hint">
        Arrow keys move between places; <kbd className="kbd">1</kbd>–<kbd className="kbd">4</kbd> set a seat type,{' '}
        <kbd className="kbd">0</kbd> makes a gap, <kbd className="kbd">B</kbd> blocks a seat from sale,{' '}
        <kbd className="kbd">Space</kbd> applies the chosen tool.
      </p>
    </div>
  );
}

/** "Straight", or how far the row ends come forward: "Ends 0.4 rows forward". */
export function curveText(curve: number): string {
  if (curve <= 0) return 'Straight';
  const rows = curve / 100;
  return `Ends ${rows.toLocaleString('en', { maximumFractionDigits: 2 })} row${rows === 1 ? '' : 's'} forward`;
}

export const SEAT_TYPE_NAMES: Record<SeatType, string> = Object.fromEntries(
  SEAT_TYPES.map((type) => [type, type[0]!.toUpperCase() + type.slice(1)]),
) as Record<SeatType, string>;
