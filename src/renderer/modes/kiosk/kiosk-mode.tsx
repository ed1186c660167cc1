/**
 * Kiosk mode: a touch screen for customers, paired once with a device account. Big, calm, one decision
 * per screen. It resets itself after inactivity (and drops the previous customer's reading settings);
 * staff unpair it by holding the logo for three seconds.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Brand } from '../../components/brand';
import { IconAlert, IconArrowLeft, IconContrast, IconHand } from '../../components/icons';
import { SessionGate, type SignedIn } from '../../components/session-gate';
import { FullPageSpinner, StateMessage } from '../../components/states';
import { errorMessage } from '../../lib/errors';
import { formatTime } from '../../lib/format';
import { useAsync, useNow } from '../../lib/use-async';
import '../../styles/kiosk.css';
import { AttractScreen } from './attract-screen';
import { FilmDetail } from './film-detail';
import { loadProgramme } from './kiosk-data';

/** Back to the posters when nobody has touched the screen for this long. */
const IDLE_RESET_MS = 60_000;
const REFRESH_MS = 120_000;
const UNPAIR_HOLD_MS = 3_000;

export function KioskMode() {
  return (
    <div className="kiosk-root">
      <SessionGate mode="kiosk">{(session) => <KioskApp session={session} />}</SessionGate>
    </div>
  );
}

type View = { kind: 'attract' } | { kind: 'film'; movieId: number };

function useEasyRead(): [boolean, (value: boolean) => void] {
  const [easyRead, setEasyRead] = useState(false);
  useEffect(() => {
    const html = document.documentElement;
    if (easyRead) {
      html.dataset['contrast'] = 'high';
      html.dataset['text'] = 'large';
    } else {
      delete html.dataset['contrast'];
      delete html.dataset['text'];
    }
  }, [easyRead]);
  useEffect(
    () => () => {
      delete document.documentElement.dataset['contrast'];
      delete document.documentElement.dataset['text'];
    },
    [],
  );
  return [easyRead, setEasyRead];
}

function KioskApp({ session }: { session: SignedIn }) {
  const [view, setView] = useState<View>({ kind: 'attract' });
  const [easyRead, setEasyRead] = useEasyRead();
  const [confirmUnpair, setConfirmUnpair] = useState(false);
  const now = useNow(15_000);
  const mainRef = useRef<HTMLElement>(null);

  const programme = useAsync(() => loadProgramme(session.me.theaterIds), [session.me.id]);
  const { reload } = programme;
  useEffect(() => {
    const timer = window.setInterval(reload, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reload]);

  const startOver = useCallback(() => {
    setView({ kind: 'attract' });
    mainRef.current?.scrollTo({ top: 0 });
  }, []);

  // Inactivity: the next customer gets the attract screen with default reading settings.
  useEffect(() => {
    let timer = 0;
    const arm = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        startOver();
        setEasyRead(false);
        setConfirmUnpair(false);
      }, IDLE_RESET_MS);
    };
    arm();
    const events = ['pointerdown', 'keydown', 'wheel', 'touchmove'] as const;
    for (const name of events) window.addEventListener(name, arm, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const name of events) window.removeEventListener(name, arm);
    };
  }, [startOver, setEasyRead]);

  const holdTimer = useRef(0);
  const startHold = () => {
    window.clearTimeout(holdTimer.current);
    holdTimer.current = window.setTimeout(() => setConfirmUnpair(true), UNPAIR_HOLD_MS);
  };
  const endHold = () => window.clearTimeout(holdTimer.current);

  const data = programme.data;
  const film = view.kind === 'film' ? data?.films.find((candidate) => candidate.movie.id === view.movieId) : undefined;

  function pick(movieId: number) {
    setView({ kind: 'film', movieId });
    mainRef.current?.scrollTo({ top: 0 });
  }

  let content: ReactNode = null;
  if (!data && programme.status === 'error') {
    content = (
      <StateMessage
        role="alert"
        icon={<IconAlert />}
        title="Tickets are not available here right now"
        actions={
          <button type="button" className="btn btn--primary btn--xl" onClick={reload}>
            Try again
          </button>
        }
      >
        Please buy your tickets at the box office. ({errorMessage(programme.error)})
      </StateMessage>
    );
  } else if (!data && programme.status !== 'error') {
    content =
      programme.status === 'ready' ? (
        <StateMessage icon={<IconAlert />} title="This cinema has no programme yet">
          Please ask at the box office.
        </StateMessage>
      ) : (
        <FullPageSpinner label="Loading today’s films…" />
      );
  } else if (data && film) {
    content = <FilmDetail film={film} timeZone={data.theater.timeZone} />;
  } else if (data && data.films.length === 0) {
    content = (
      <StateMessage icon={<IconAlert />} title="No films on sale">
        Please ask at the box office.
      </StateMessage>
    );
  } else if (data) {
    content = <AttractScreen programme={data} onPick={pick} />;
  }

  return (
    <div className="kiosk">
      <div className="glow" aria-hidden="true" />
      <header className="kiosk__header">
        {/* Staff only: hold the logo to unpair. Not a control for customers, so not announced as one. */}
        <div
          className="kiosk__brand"
          onPointerDown={startHold}
          onPointerUp={endHold}
          onPointerLeave={endHold}
          onPointerCancel={endHold}
          onContextMenu={(event) => event.preventDefault()}
        >
          <Brand size={40} />
          {data ? <span className="kiosk__theater">{data.theater.name}</span> : null}
        </div>
        {data ? (
          <time className="kiosk__clock num" dateTime={new Date(now).toISOString()}>
            {formatTime(new Date(now).toISOString(), data.theater.timeZone)}
          </time>
        ) : null}
      </header>

      <main ref={mainRef} className="kiosk__main" data-view={view.kind}>
        {content}
      </main>

      <footer className="kiosk__footer">
        {view.kind === 'film' ? (
          <button type="button" className="btn btn--xl kiosk__back" onClick={startOver}>
            <IconArrowLeft />
            All films
          </button>
        ) : (
          <p className="kiosk__hint">
            <span className="kiosk__hint-icon" aria-hidden="true">
              <IconHand />
            </span>
            Touch a poster to see times and seats
          </p>
        )}
        <button
          type="button"
          className="btn btn--xl kiosk__easy-read"
          aria-pressed={easyRead}
          onClick={() => setEasyRead(!easyRead)}
        >
          <IconContrast />
          <span>
            Easy to read
            <span className="kiosk__easy-read-state">{easyRead ? 'On' : 'Off'}</span>
          </span>
        </button>
      </footer>

      {confirmUnpair ? (
        <div className="kiosk__sheet-backdrop">
          <div className="kiosk__sheet" role="alertdialog" aria-modal="true" aria-labelledby="unpair-title">
            <h2 id="unpair-title" className="kiosk__sheet-title">
              Unpair this kiosk?
            </h2>
            <p className="kiosk__sheet-body">It stops selling until staff pair it again with its device account.</p>
            <div className="kiosk__sheet-actions">
              <button type="button" className="btn btn--xl" onClick={() => setConfirmUnpair(false)} autoFocus>
                Keep paired
              </button>
              <button type="button" className="btn btn--xl btn--danger" onClick={() => void session.logout()}>
                Unpair
              </button>
            </div>
          </div>
        </div>
      ) : null}
    </div>
  );
}
