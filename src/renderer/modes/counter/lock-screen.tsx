/**
 * The counter locks itself after a few minutes without a key press or a click (and on Ctrl+L or the
 * Lock button), so a till left alone sells nothing. The cashier unlocks with their password or PIN; another
 * cashier can sign in instead ("switch cashier") without closing the app. The sale underneath stays.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Brand } from '../../components/brand';
import { IconAlert, IconUser } from '../../components/icons';
import type { SignedIn } from '../../components/session-gate';
import { errorMessage } from '../../lib/errors';
import { lastUsername } from '../../lib/session';

export const LOCK_AFTER_MS = 5 * 60_000;

/** True after `idleMs` without input; `lock()` locks at once, `unlock()` opens again. */
export function useIdleLock(idleMs = LOCK_AFTER_MS): { locked: boolean; lock: () => void; unlock: () => void } {
  const [locked, setLocked] = useState(false);
  const last = useRef(0);
  useEffect(() => {
    last.current = Date.now();
    const touch = () => (last.current = Date.now());
    const onKey = (event: KeyboardEvent) => {
      touch();
      if (event.ctrlKey && !event.altKey && event.key.toLowerCase() === 'l') {
        event.preventDefault();
        setLocked(true);
      }
    };
    window.addEventListener('keydown', onKey, { capture: true });
    window.addEventListener('pointerdown', touch, { capture: true });
    const timer = window.setInterval(() => {
      if (Date.now() - last.current >= idleMs) setLocked(true);
    }, 5_000);
    return () => {
      window.removeEventListener('keydown', onKey, { capture: true });
      window.removeEventListener('pointerdown', touch, { capture: true });
      window.clearInterval(timer);
    };
  }, [idleMs]);
  return {
    locked,
    lock: () => setLocked(true),
    unlock: () => {
      last.current = Date.now();
      setLocked(false);
    },
  };
}

export function LockScreen({ session, onUnlocked }: { session: SignedIn; onUnlocked: () => void }) {
  const ids = { user: useId(), password: useId() };
  const known = lastUsername('counter');
  // Without a remembered username the lock asks for it, as a switch would.
  const [switching, setSwitching] = useState(known === null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [method, setMethod] = useState<'password' | 'pin'>('password');
  const usingPin = method === 'pin';
  const secret = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => first.current?.focus(), [switching]);

  // Nothing behind the lock takes keys: they stop here.
  useEffect(() => {
    const stop = (event: KeyboardEvent) => {
      if (!(event.target as HTMLElement | null)?.closest('.lock')) {
        event.preventDefault();
        event.stopPropagation();
        first.current?.focus();
      }
    };
    window.addEventListener('keydown', stop, { capture: true });
    return () => window.removeEventListener('keydown', stop, { capture: true });
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const who = switching ? username.trim() : (known ?? '');
    const what = usingPin ? 'PIN' : 'password';
    if (!who || !password) {
      setError(switching ? `Enter the username and ${what}.` : `Enter your ${what}.`);
      return;
    }
    if (usingPin && !/^[0-9]{4,8}$/.test(password)) {
      setError('A PIN is 4 to 8 digits.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (usingPin) await session.loginWithPin(who, password);
      else await session.login(who, password);
      onUnlocked();
    } catch (caught) {
      setError(errorMessage(caught, usingPin ? { invalid_credentials: 'Wrong PIN.' } : {}));
      setBusy(false);
      setPassword('');
    }
  }

  return (
    <div
      className="lock"
      role="dialog"
      aria-modal="true"
      aria-labelledby="lock-title"
      data-overlay-open
      data-testid="lock-screen"
    >
      <form className="lock__card" onSubmit={(event) => void submit(event)} noValidate>
        <Brand label="Box office" />
        <h2 id="lock-title" className="lock__title">
          {switching ? 'Switch cashier' : 'Counter locked'}
        </h2>
        {switching ? (
          <label className="field" htmlFor={ids.user}>
            <span className="field__label">Username</span>
            <input
              ref={first}
              id={ids.user}
              className="input"
              autoComplete="username"
              value={username}
              onChange={(event) => setUsername(event.target.value)}
            />
          </label>
        ) : (
          <p className="lock__user">
            <IconUser /> {session.me.name}
          </p>
        )}
        <div className="login__method" role="group" aria-label="Unlock with">
          {(['password', 'pin'] as const).map((value) => (
            <button
              key={value}
              type="button"
              className="login__method-option"
              aria-pressed={method === value}
              onClick={() => {
                setMethod(value);
                setPassword('');
                setError(null);
                secret.current?.focus();
              }}
            >
              {value === 'pin' ? 'PIN' : 'Password'}
            </button>
          ))}
        </div>
        <label className="field" htmlFor={ids.password}>
          <span className="field__label">{usingPin ? 'PIN' : 'Password'}</span>
          <input
            ref={(element) => {
              secret.current = element;
              if (!switching) first.current = element;
            }}
            id={ids.password}
            className={usingPin ? 'input input--pin num' : 'input'}
            type="password"
            autoComplete={usingPin ? 'off' : 'current-password'}
            inputMode={usingPin ? 'numeric' : undefined}
            maxLength={usingPin ? 8 : undefined}
            value={password}
            onChange={(event) => setPassword(usingPin ? event.target.value.replace(/\D/g, '') : event.target.value)}
            data-testid="unlock-password"
          />
        </label>
        {error ? (
          <p className="field__error" role="alert">
            <IconAlert /> {error}
          </p>
        ) : null}
        <button type="submit" className="btn btn--primary btn--large btn--block" disabled={busy}>
          {busy ? 'Checking…' : switching ? 'Sign in' : 'Unlock'} <kbd className="kbd">Enter</kbd>
        </button>
        <button
          type="button"
          className="btn btn--ghost btn--block"
          onClick={() => {
            setSwitching((value) => !value);
            setError(null);
            setPassword('');
          }}
        >
          {switching ? `Back to ${session.me.name}` : 'Switch cashier'}
        </button>
      </form>
    </div>
  );
}
