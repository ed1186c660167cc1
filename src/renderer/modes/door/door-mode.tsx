/**
 * Door mode: checking tickets in. A keyboard-wedge barcode scanner "types" the code and presses Enter
 * into a field that keeps the focus; the camera is the other way in. The answer fills the screen, green
 * to let someone in and red with the reason otherwise, readable from a step away. Admitted versus sold
 * for the chosen show is always in view; staff can undo the last admission.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { OutputOf, Showtime, Theater } from '../../../shared/contract/index';
import { localDateOf } from '../../../shared/domain/time';
import { Brand } from '../../components/brand';
import { IconAlert, IconCheck, IconClose } from '../../components/icons';

import { SessionGate, type SignedIn } from '../../components/session-gate';
import { SignedInUser } from '../../components/signed-in-user';
import { FullPageSpinner, StateMessage } from '../../components/states';
import { call, isClientError } from '../../lib/client';
import { listShowtimes, pickTheater } from '../../lib/data';
import { errorMessage } from '../../lib/errors';
import { formatTime } from '../../lib/format';

import { useAsync, useNow } from '../../lib/use-async';
import '../../styles/door.css';
import { CameraScanner } from './camera-scanner';
import { ANSWER, newNonce } from './door-copy';

type Checkin = OutputOf<'checkins.create'>;

export function DoorMode() {
  return (
    <SessionGate mode="door" loginFooter={(adopt) => <PairScanner onToken={adopt} />}>
      {(session) => <DoorHome session={session} />}
    </SessionGate>
  );
}

/** A door scanner pairs once with the one-time code an admin created for it. */
function PairScanner({ onToken }: { onToken: (token: string) => Promise<void> }) {
  const id = useId();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (code.trim() === '') {
      setError('Enter the pairing code shown in Admin → Devices.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const paired = await call('devices.pair', { pairingCode: code.trim() });
      await onToken(paired.token);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="door-pair" onSubmit={(event) => void submit(event)} noValidate>
      <div className="field">
        <label className="field__label" htmlFor={id}>
          Door scanner pairing code
        </label>
        <div className="door-pair__row">
          <input
            id={id}
            className="input door-pair__input"
            placeholder="XXXX-XXXX"
            autoCapitalize="characters"
            spellCheck={false}
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
          <button type="submit" className="btn" disabled={busy}>
            {busy ? 'Pairing…' : 'Pair scanner'}
          </button>
        </div>
      </div>
      {error ? (
        <div className="alert" role="alert">
          <IconAlert />
          <span>{error}</span>
        </div>
      ) : null}
    </form>
  );
}

function DoorHome({ session }: { session: SignedIn }) {
  const theaters = useAsync(() => call('theaters.list', {}), []);
  if (theaters.status === 'error' && !theaters.data) {
    return (
      <main className="full-page-center">
        <StateMessage role="alert" icon={<IconAlert />} title="Could not load the cinema">
          {errorMessage(theaters.error)}
        </StateMessage>
      </main>
    );
  }
  if (!theaters.data) return <FullPageSpinner label="Loading the cinema…" />;
  const theater = pickTheater(theaters.data.items, session.me.theaterIds);
  if (!theater) {
    return (
      <main className="full-page-center">
        <StateMessage icon={<IconAlert />} title="No cinema set up yet">
          Ask an admin to add the theater; the door checks tickets for its shows.
        </StateMessage>
      </main>
    );
  }
  return <DoorScreen session={session} theater={theater} />;
}

/** The show the door is most likely admitting: the next one to start (or the one running). */
function currentShow(shows: Showtime[], now: number): Showtime | null {
  const open = shows.filter((show) => show.status === 'scheduled' && Date.parse(show.endsAt) > now);
  return open.find((show) => Date.parse(show.startsAt) > now - 30 * 60_000) ?? open[0] ?? null;
}

function DoorScreen({ session, theater }: { session: SignedIn; theater: Theater }) {
  const now = useNow(30_000);
  const today = localDateOf(now, theater.timeZone);
  const shows = useAsync(() => listShowtimes({ date: today, theaterId: theater.id }), [today, theater.id]);
  const [chosen, setChosen] = useState<number | 'auto' | 'any'>('auto');
  const showList = shows.data ?? [];
  const auto = currentShow(showList, now);
  const showtimeId = chosen === 'auto' ? (auto?.id ?? null) : chosen === 'any' ? null : chosen;

  const [answer, setAnswer] = useState<Checkin | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [camera, setCamera] = useState(false);
  const [undoNote, setUndoNote] = useState<string | null>(null);
  const [countVersion, setCountVersion] = useState(0);
  const staff = session.me.role !== 'scanner';

  const count = useAsync(
    () => (showtimeId === null ? Promise.resolve(null) : call('checkins.count', { showtimeId })),
    [showtimeId, countVersion, now],
  );

  const inputRef = useRef<HTMLInputElement>(null);

  async function scan(text: string) {
    const trimmed = text.trim();
    if (trimmed === '') return;
    setBusy(true);
    setFailure(null);
    setUndoNote(null);
    const nonce = newNonce();
    const input = { code: trimmed, nonce, ...(showtimeId === null ? {} : { showtimeId }) };
    try {
      // One retry with the same nonce: if the first answer was lost, the server answers it again.
      const result = await call('checkins.create', input).catch((error: unknown) => {
        if (isClientError(error) && (error.code === 'network_error' || error.code === 'timeout'))
          return call('checkins.create', input);
        throw error;
      });
      setAnswer(result);
      setCountVersion((v) => v + 1);
    } catch (error) {
      setAnswer(null);
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  // The scanner field keeps the focus: a wedge scanner types wherever the focus is.
  useEffect(() => {
    const refocus = () => {
      window.setTimeout(() => {
        const active = document.activeElement;
        if (!active || active === document.body) inputRef.current?.focus();
      }, 0);
    };
    inputRef.current?.focus();
    document.addEventListener('focusout', refocus);
    return () => document.removeEventListener('focusout', refocus);
  }, []);

  async function undo() {
    setFailure(null);
    try {
      const result = await call('checkins.undo', showtimeId === null ? {} : { showtimeId });
      setAnswer(null);
      setUndoNote(result.undone.message);
      setCountVersion((v) => v + 1);
    } catch (error) {
      setUndoNote(errorMessage(error, { nothing_to_undo: 'There is no admission to undo.' }));
    }
    inputRef.current?.focus();
  }

  const selectId = useId();
  const codeId = useId();
  const shown = answer ? ANSWER[answer.result] : null;
  const tone = shown ? (shown.admit ? 'admit' : 'refuse') : 'idle';

  return (
    <div className="door">
      <header className="door__header">
        <Brand />
        <div className="door__show">
          <label className="door__show-label" htmlFor={selectId}>
            Admitting
          </label>
          <select
            id={selectId}
            className="input door__select"
            value={String(chosen)}
            onChange={(event) => {
              const value = event.target.value;
              setChosen(value === 'auto' || value === 'any' ? value : Number(value));
              setAnswer(null);
            }}
          >
            <option value="auto">
              {auto
                ? `Current show: ${formatTime(auto.startsAt, theater.timeZone)} ${auto.movieTitle}`
                : 'Current show'}
            </option>
            {showList.map((show) => (
              <option key={show.id} value={show.id}>
                {formatTime(show.startsAt, theater.timeZone)} · {show.movieTitle} · {show.screenName}
              </option>
            ))}
            <option value="any">Any show today</option>
          </select>
        </div>
        <SignedInUser session={session} className="door__user" />
      </header>

      <main className="door__main">
        <section
          className={`door-answer door-answer--${tone}`}
          aria-live="assertive"
          aria-atomic="true"
          data-testid="door-answer"
          data-result={answer?.result ?? 'none'}
        >
          {answer && shown ? (
            <>
              <div className="door-answer__headline">
                <span className="door-answer__icon" aria-hidden="true">
                  {shown.admit ? <IconCheck /> : <IconClose />}
                </span>
                {shown.headline}
              </div>
              {answer.seat ? <div className="door-answer__seat">Seat {answer.seat}</div> : null}
              <p className="door-answer__reason">{answer.message}</p>
              {answer.film ? (
                <p className="door-answer__show">
                  {answer.film}
                  {answer.startsAt ? ` · ${formatTime(answer.startsAt, theater.timeZone)}` : ''}
                  {answer.screen ? ` · ${answer.screen}` : ''}
                  {answer.ticketType ? ` · ${answer.ticketType}` : ''}
                </p>
              ) : null}
            </>
          ) : (
            <>
              <div className="door-answer__headline door-answer__headline--idle">Scan a ticket</div>
              <p className="door-answer__reason">
                {undoNote ?? failure ?? 'Hold the QR code to the scanner, or type the code under it and press Enter.'}
              </p>
            </>
          )}
        </section>

        <aside className="door__side">
          <div className="door-count" data-testid="door-count">
            <div className="door-count__label">Admitted</div>
            <div className="door-count__numbers">
              <span className="door-count__admitted">{count.data?.admitted ?? '–'}</span>
              <span className="door-count__sold"> / {count.data?.sold ?? '–'} sold</span>
            </div>
            {count.data ? (
              <>
                <div
                  className="door-count__bar"
                  role="progressbar"
                  aria-label="Admitted of sold"
                  aria-valuemin={0}
                  aria-valuemax={Math.max(1, count.data.sold)}
                  aria-valuenow={count.data.admitted}
                >
                  <span
                    style={{
                      width: `${count.data.sold ? Math.min(100, (100 * count.data.admitted) / count.data.sold) : 0}%`,
                    }}
                  />
                </div>
                <div className="door-count__show">
                  {count.data.film} · {count.data.screen} · starts {formatTime(count.data.startsAt, theater.timeZone)},
                  door opens {formatTime(count.data.opensAt, theater.timeZone)}
                </div>
              </>
            ) : (
              <div className="door-count__show">Choose a show to see its count.</div>
            )}
          </div>

          <form
            className="door-scan"
            onSubmit={(event) => {
              event.preventDefault();
              // Uncontrolled: a wedge scanner types a hundred characters in a burst; no render per key.
              const field = inputRef.current;
              const text = field?.value ?? '';
              if (field) field.value = '';
              void scan(text);
            }}
          >
            <label className="field__label" htmlFor={codeId}>
              Ticket code (scanner or keyboard)
            </label>
            <div className="door-scan__row">
              <input
                ref={inputRef}
                id={codeId}
                className="input door-scan__input"
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                data-testid="door-code"
              />
              <button type="submit" className="btn btn--primary" disabled={busy}>
                Check in <kbd>Enter</kbd>
              </button>
            </div>
          </form>

          <div className="door__actions">
            <button type="button" className="btn" aria-pressed={camera} onClick={() => setCamera((on) => !on)}>
              {camera ? 'Stop camera' : 'Use camera'}
            </button>
            {staff ? (
              <button type="button" className="btn" onClick={() => void undo()}>
                Undo last admission
              </button>
            ) : null}
          </div>
          {camera ? <CameraScanner onCode={(text) => void scan(text)} /> : null}
        </aside>
      </main>
    </div>
  );
}
