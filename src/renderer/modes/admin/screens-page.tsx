/**
 * Theaters and screens: a theater's screens, and the seat-layout editor for one of them (or a new one).
 * Saving goes through screens.create / screens.update; the server refuses to remove seats sold for
 * future showtimes and the refusal is shown in words, naming the seats. Layouts go out as a versioned
 * JSON document and come in through the server's own schema: a file is previewed as the counter will
 * draw it, taken into the editor on request, and saved only with the editor's save button.
 */
import { useMemo, useRef, useState } from 'react';
import type { Layout, Screen } from '../../../shared/contract/index';
import { IconAlert, IconCheck, IconGrid, IconPlus, IconUpload } from '../../components/icons';
import { SeatMap } from '../../components/seat-map/seat-map';
import type { SeatMapData } from '../../components/seat-map/seat-map-model';
import { StateMessage } from '../../components/states';
import { call, isClientError } from '../../lib/client';
import { errorMessage } from '../../lib/errors';
import type { Me } from '../../lib/session';
import { useAsync } from '../../lib/use-async';
import { LayoutEditor, curveText } from './layout-editor';
import {
  NUMBERING_LABELS,
  countSeats,
  exportDocument,
  fromLayout,
  newModel,
  parseLayoutFile,
  problemsOf,
  removedSeats,
  toLayout,
  type EditorModel,
} from './layout-model';
import { TheaterPicker, useTheaterScope } from './theater-scope';

type Draft = {
  screenId: number | null;
  name: string;
  cleaningMinutes: string;
  model: EditorModel;
  /** The layout as saved (null for a new screen): what the draft is compared with. */
  saved: Layout | null;
};

function draftOf(screen: Screen | null): Draft {
  if (!screen) return { screenId: null, name: '', cleaningMinutes: '15', model: newModel(6, 12, [2, 9]), saved: null };
  return {
    screenId: screen.id,
    name: screen.name,
    cleaningMinutes: String(screen.cleaningMinutes),
    model: fromLayout(screen.layout),
    saved: screen.layout,
  };
}

/** A layout as the seat map component takes it, every seat free (blocked ones not for sale). */
export function layoutMapData(layout: Layout): SeatMapData {
  let id = 0;
  return {
    rows: layout.rows.map((row, index) => ({
      label: row.label,
      index,
      length: row.seats.length,
      ...(layout.curve ? { curve: layout.curve } : {}),
    })),
    seats: layout.rows.flatMap((row, rowIndex) =>
      row.seats.flatMap((seat, column) =>
        seat
          ? [
              {
                id: ++id,
                label: `${row.label}${seat.number}`,
                row: row.label,
                number: seat.number,
                type: seat.type,
                status: seat.blocked ? ('blocked' as const) : ('available' as const),
                rowIndex,
                column,
              },
            ]
          : [],
      ),
    ),
  };
}

type Incoming =
  | { status: 'errors'; source: string; errors: string[] }
  | { status: 'preview'; source: string; name: string | null; layout: Layout };

const NO_SELECTION: ReadonlySet<number> = new Set();

export function ScreensPage({ me }: { me: Me }) {
  const scope = useTheaterScope(me);
  const theaterId = scope.theater?.id ?? null;
  const screens = useAsync(
    () => (theaterId === null ? Promise.resolve([]) : call('screens.list', { theaterId }).then((page) => page.items)),
    [theaterId],
  );
  const [chosen, setDraft] = useState<Draft | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // The chosen screen while it belongs to the list shown; else the list's first screen.
  const list = screens.status === 'ready' ? screens.data : null;
  const draft =
    chosen && (chosen.screenId === null || list?.some((item) => item.id === chosen.screenId))
      ? chosen
      : list
        ? draftOf(list[0] ?? null)
        : null;

  if (scope.list.status === 'ready' && scope.theaters.length === 0) {
    return (
      <main className="admin__main">
        <StateMessage icon={<IconGrid />} title="No theaters to manage">
          {me.role === 'admin'
            ? 'Create a theater through the API (POST /api/v1/theaters) first.'
            : 'Your account manages no theater yet. Ask an admin to add you to one.'}
        </StateMessage>
      </main>
    );
  }

  return (
    <main className="admin__main admin__main--wide">
      <div className="page-head">
        <div>
          <h1 className="page-head__title">Theaters &amp; screens</h1>
          <p className="page-head__lead">Seat layouts of each screen: what the counter, kiosk and website sell.</p>
        </div>
        <TheaterPicker scope={scope} />
      </div>

      {notice ? (
        <div className="alert alert--success" role="status">
          <IconCheck />
          <span>{notice}</span>
        </div>
      ) : null}

      <div className="screens-layout">
        <section className="panel screens-list" aria-label="Screens">
          <div className="panel__toolbar">
            <h2 className="panel__title">Screens</h2>
            <button
              type="button"
              className="btn btn--small"
              onClick={() => {
                setNotice(null);
                setDraft(draftOf(null));
              }}
            >
              <IconPlus />
              New screen
            </button>
          </div>
          {screens.status === 'error' ? (
            <div className="alert panel__alert" role="alert">
              <IconAlert />
              <span>{errorMessage(screens.error)}</span>
            </div>
          ) : null}
          <ul className="screens-list__items">
            {(screens.data ?? []).map((screen) => (
              <li key={screen.id}>
                <button
                  type="button"
                  className="screens-list__item"
                  aria-current={draft?.screenId === screen.id ? 'true' : undefined}
                  onClick={() => {
                    setNotice(null);
                    setDraft(draftOf(screen));
                  }}
                >
                  <span className="screens-list__name">{screen.name}</span>
                  <span className="screens-list__meta num">
                    {screen.capacity} seats
                    {screen.seatCounts.wheelchair ? ` · ${screen.seatCounts.wheelchair} wheelchair` : ''}
                  </span>
                </button>
              </li>
            ))}
            {screens.status === 'ready' && screens.data.length === 0 ? (
              <li className="screens-list__empty">No screens yet: draw the first one on the right and save it.</li>
            ) : null}
          </ul>
        </section>

        {draft && theaterId !== null ? (
          <ScreenEditor
            key={`${theaterId}-${draft.screenId ?? 'new'}`}
            theaterId={theaterId}
            initial={draft}
            onSaved={(screen, created) => {
              setNotice(`${screen.name} was ${created ? 'created' : 'saved'}: ${screen.capacity} seats.`);
              setDraft(draftOf(screen));
              screens.reload();
            }}
          />
        ) : null}
      </div>
    </main>
  );
}

function ScreenEditor({
  theaterId,
  initial,
  onSaved,
}: {
  theaterId: number;
  initial: Draft;
  onSaved: (screen: Screen, created: boolean) => void;
}) {
  const [draft, setDraft] = useState(initial);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [refused, setRefused] = useState<{ seats: string[]; message: string } | null>(null);
  const [json, setJson] = useState<string | null>(null);
  const [incoming, setIncoming] = useState<Incoming | null>(null);
  const [imported, setImported] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const problems = useMemo(() => problemsOf(draft.model), [draft.model]);
  const removed = useMemo(
    () => (draft.saved ? removedSeats(draft.saved, toLayout(draft.model)) : []),
    [draft.saved, draft.model],
  );
  const counts = countSeats(draft.model);
  const total = counts.standard + counts.premium + counts.wheelchair + counts.companion;
  const nameError = draft.name.trim() === '' ? 'Give the screen a name.' : null;
  const cleaning = Number(draft.cleaningMinutes);
  const cleaningError =
    !Number.isInteger(cleaning) || cleaning < 0 || cleaning > 120 ? 'Between 0 and 120 minutes.' : null;
  const problemRows = new Set(problems.flatMap((problem) => (problem.row === null ? [] : [problem.row])));

  async function save() {
    if (problems.length > 0 || nameError || cleaningError) return;
    setSaving(true);
    setError(null);
    setRefused(null);
    try {
      const layout = toLayout(draft.model);
      const screen =
        draft.screenId === null
          ? await call('screens.create', {
              theaterId,
              name: draft.name.trim(),
              cleaningMinutes: cleaning,
              layout,
            })
          : await call('screens.update', {
              screenId: draft.screenId,
              name: draft.name.trim(),
              cleaningMinutes: cleaning,
              layout,
            });
      onSaved(screen, draft.screenId === null);
    } catch (caught) {
      if (isClientError(caught, 'seats_have_sales')) {
        const seats = Array.isArray(caught.details.seats) ? caught.details.seats.map(String) : [];
        setRefused({ seats, message: caught.message });
      } else {
        setError(errorMessage(caught, { conflict: 'This theater already has a screen with that name.' }));
      }
    } finally {
      setSaving(false);
    }
  }

  /** Checks a file (or pasted text) and shows its preview or its problems; the draft is not touched. */
  function importJson(text: string, source: string) {
    const result = parseLayoutFile(text);
    setImported(null);
    setIncoming(
      result.ok
        ? { status: 'preview', source, name: result.name, layout: result.layout }
        : { status: 'errors', source, errors: result.errors },
    );
  }

  function takeIncoming(layout: Layout, source: string) {
    setDraft((current) => ({ ...current, model: fromLayout(layout) }));
    setIncoming(null);
    setJson(null);
    setRefused(null);
    setImported(
      `The layout from ${source} is in the editor. Nothing changes for the counter until you press ${draft.screenId === null ? 'Create screen' : 'Save layout'}.`,
    );
  }

  function download() {
    const document_ = exportDocument(draft.model, draft.name, new Date().toISOString());
    const blob = new Blob([JSON.stringify(document_, null, 2)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${(draft.name || 'screen').replace(/[^a-z0-9-]+/gi, '-').toLowerCase()}-layout.json`;
    a.click();
    URL.revokeObjectURL(url);
  }

  return (
    <section className="panel screen-editor" aria-labelledby="screen-editor-title">
      <div className="panel__toolbar">
        <h2 id="screen-editor-title" className="panel__title">
          {draft.screenId === null ? 'New screen' : `Edit ${initial.name}`}
        </h2>
        <div className="screen-editor__io">
          <button type="button" className="btn btn--small btn--ghost" onClick={download}>
            Export JSON
          </button>
          <button type="button" className="btn btn--small btn--ghost" onClick={() => fileRef.current?.click()}>
            <IconUpload />
            Import JSON
          </button>
          <button
            type="button"
            className="btn btn--small btn--ghost"
            onClick={() =>
              setJson(
                json === null
                  ? JSON.stringify(exportDocument(draft.model, draft.name, new Date().toISOString()))
                  : null,
              )
            }
            aria-expanded={json !== null}
          >
            Paste JSON
          </button>
          <input
            ref={fileRef}
            type="file"
            accept="application/json,.json"
            hidden
            onChange={(event) => {
              const input = event.target;
              const file = input.files?.[0];
              input.value = '';
              if (file) void file.text().then((text) => importJson(text, file.name));
            }}
          />
        </div>
      </div>
      <div className="screen-editor__body">
        <div className="screen-editor__fields">
          <label className="field">
            <span className="field__label">Name</span>
            <input
              className="input"
              value={draft.name}
              maxLength={60}
              aria-invalid={nameError ? true : undefined}
              aria-describedby="screen-name-error"
              onChange={(event) => setDraft({ ...draft, name: event.target.value })}
            />
            {nameError ? (
              <span id="screen-name-error" className="field__error">
                {nameError}
              </span>
            ) : null}
          </label>
          <label className="field">
            <span className="field__label">Cleaning after each show (minutes)</span>
            <input
              className="input num"
              inputMode="numeric"
              value={draft.cleaningMinutes}
              aria-invalid={cleaningError ? true : undefined}
              onChange={(event) => setDraft({ ...draft, cleaningMinutes: event.target.value })}
            />
            {cleaningError ? <span className="field__error">{cleaningError}</span> : null}
          </label>
          <p className="screen-editor__counts num" aria-live="polite">
            <strong>{total} seats</strong> · {counts.standard} standard · {counts.premium} premium · {counts.wheelchair}{' '}
            wheelchair · {counts.companion} companion · {counts.blocked} blocked
          </p>
        </div>

        {json !== null ? (
          <div className="screen-editor__json">
            <label className="field">
              <span className="field__label">Layout JSON</span>
              <textarea
                className="input screen-editor__textarea"
                value={json}
                onChange={(event) => setJson(event.target.value)}
              />
            </label>
            <button type="button" className="btn btn--small" onClick={() => importJson(json, 'the pasted JSON')}>
              Check and preview
            </button>
          </div>
        ) : null}

        {incoming?.status === 'errors' ? (
          <div className="alert" role="alert">
            <IconAlert />
            <div className="layout-notice">
              <strong>The layout in {incoming.source} cannot be used:</strong>
              <ul className="layout-import__errors">
                {incoming.errors.map((message, index) => (
                  <li key={index}>{message}</li>
                ))}
              </ul>
              <div className="layout-notice__actions">
                <button type="button" className="btn btn--small btn--ghost" onClick={() => setIncoming(null)}>
                  Dismiss
                </button>
              </div>
            </div>
          </div>
        ) : null}
        {incoming?.status === 'preview' ? (
          <ImportPreview
            source={incoming.source}
            name={incoming.name}
            layout={incoming.layout}
            onUse={() => takeIncoming(incoming.layout, incoming.source)}
            onDiscard={() => setIncoming(null)}
          />
        ) : null}
        {imported ? (
          <div className="alert alert--success" role="status">
            <IconCheck />
            <span>{imported}</span>
          </div>
        ) : null}

        <LayoutEditor
          model={draft.model}
          onChange={(model) => setDraft({ ...draft, model })}
          problemRows={problemRows}
        />

        {problems.length > 0 ? (
          <ul className="alert screen-editor__problems" role="alert">
            {problems.map((problem, index) => (
              <li key={index}>{problem.message}</li>
            ))}
          </ul>
        ) : null}
        {removed.length > 0 && !refused ? (
          <div className="alert alert--info layout-notice" data-testid="removed-seats">
            <span>
              This draft removes {removed.length} seat{removed.length === 1 ? '' : 's'} of the saved layout. Seats with
              tickets for showtimes still to come cannot be removed; saving will name them.
            </span>
            <SeatChips seats={removed} />
          </div>
        ) : null}
        {refused ? (
          <div className="alert layout-notice" role="alert" data-testid="refused-seats">
            <div className="layout-notice">
              <strong>
                <IconAlert /> Not saved: {refused.seats.length === 1 ? 'this seat has' : 'these seats have'} tickets for
                showtimes still to come
              </strong>
              <SeatChips seats={refused.seats} />
              <span>{refused.message}</span>
              <div className="layout-notice__actions">
                <button
                  type="button"
                  className="btn btn--small"
                  onClick={() => {
                    setDraft(initial);
                    setRefused(null);
                  }}
                >
                  Back to the saved layout
                </button>
              </div>
            </div>
          </div>
        ) : null}
        {error ? (
          <div className="alert" role="alert">
            <IconAlert />
            <span>{error}</span>
          </div>
        ) : null}
        <div className="screen-editor__footer">
          <button
            type="button"
            className="btn btn--primary btn--large"
            disabled={saving || problems.length > 0 || nameError !== null || cleaningError !== null}
            onClick={() => void save()}
          >
            {saving ? 'Saving…' : draft.screenId === null ? 'Create screen' : 'Save layout'}
          </button>
        </div>
      </div>
    </section>
  );
}

function SeatChips({ seats }: { seats: string[] }) {
  const shown = seats.slice(0, 40);
  return (
    <ul className="layout-notice__seats" aria-label="Seats">
      {shown.map((seat) => (
        <li key={seat}>{seat}</li>
      ))}
      {seats.length > shown.length ? <li>and {seats.length - shown.length} more</li> : null}
    </ul>
  );
}

/** A checked file's layout drawn as the counter will draw it, with its facts, before it is used. */
function ImportPreview({
  source,
  name,
  layout,
  onUse,
  onDiscard,
}: {
  source: string;
  name: string | null;
  layout: Layout;
  onUse: () => void;
  onDiscard: () => void;
}) {
  const data = useMemo(() => layoutMapData(layout), [layout]);
  const model = useMemo(() => fromLayout(layout), [layout]);
  const counts = countSeats(model);
  const total = counts.standard + counts.premium + counts.wheelchair + counts.companion;
  const schemes = [...new Set(model.rows.map((row) => NUMBERING_LABELS[row.numbering].toLowerCase()))];
  return (
    <section className="layout-import" aria-labelledby="layout-import-title" data-testid="import-preview">
      <div className="layout-import__head">
        <h3 id="layout-import-title" className="layout-import__title">
          Preview of {name ? `“${name}”` : 'the layout'} from {source}
        </h3>
        <p className="layout-import__facts num">
          {layout.rows.length} rows · {total} seats · {counts.wheelchair} wheelchair · {counts.companion} companion ·{' '}
          {counts.blocked} blocked · {curveText(layout.curve ?? 0).toLowerCase()} · numbered {schemes.join(', ')}
        </p>
      </div>
      <div className="layout-import__map">
        <SeatMap data={data} selected={NO_SELECTION} label="Imported layout preview" readOnly density="compact" />
      </div>
      <div className="layout-notice__actions">
        <button type="button" className="btn btn--small" onClick={onUse}>
          Use this layout in the editor
        </button>
        <button type="button" className="btn btn--small btn--ghost" onClick={onDiscard}>
          Discard
        </button>
      </div>
    </section>
  );
}
