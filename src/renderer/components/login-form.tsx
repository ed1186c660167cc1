/**
 * The one login for every mode: staff sign in at the counter and in admin; a kiosk is paired once with
 * its device account and stays paired. Errors are explained by code; after too many attempts the form
 * counts down the wait the server asked for instead of letting people hammer the button.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { isClientError } from '../lib/client';
import { errorMessage, secondsToWords } from '../lib/errors';
import { isModeLocked } from '../lib/router';
import type { Mode } from '../lib/session';
import { Brand } from './brand';
import { IconAlert, IconArrowLeft, IconLink } from './icons';
import { Link } from './link';

const COPY: Record<Mode, { title: string; lead: string; userLabel: string; submit: string; busy: string }> = {
  counter: {
    title: 'Box office',
    lead: 'Sign in with your staff account to open the counter.',
    userLabel: 'Username',
    submit: 'Sign in',
    busy: 'Signing in…',
  },
  admin: {
    title: 'Admin',
    lead: 'Managers and admins: sign in to manage films, screens and schedules.',
    userLabel: 'Username',
    submit: 'Sign in',
    busy: 'Signing in…',
  },
  door: {
    title: 'Door',
    lead: 'Check tickets in. Sign in with your staff account, or pair this scanner below.',
    userLabel: 'Username',
    submit: 'Sign in',
    busy: 'Signing in…',
  },
  kiosk: {
    title: 'Pair this kiosk',
    lead: 'Staff only. Enter the kiosk’s device account once; the kiosk stays paired after restarts.',
    userLabel: 'Device account',
    submit: 'Pair kiosk',
    busy: 'Pairing…',
  },
};

export interface LoginFormProps {
  mode: Mode;
  notice?: string | null;
  onLogin: (username: string, password: string) => Promise<void>;
  /** When given, staff may sign in with username and PIN instead of the password (the counter). */
  onPinLogin?: (username: string, pin: string) => Promise<void>;
  /** More ways in, under the form (the door's scanner pairing). */
  footer?: ReactNode;
}

export function LoginForm({ mode, notice, onLogin, onPinLogin, footer }: LoginFormProps) {
  const copy = COPY[mode];
  const ids = { user: useId(), password: useId(), error: useId(), notice: useId(), pinHint: useId() };
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [method, setMethod] = useState<'password' | 'pin'>('password');
  const usingPin = method === 'pin' && onPinLogin !== undefined;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const passwordRef = useRef<HTMLInputElement>(null);

  // Tick once a second only while a wait is running.
  useEffect(() => {
    if (waitUntil === null) return;
    const timer = window.setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= waitUntil) {
        setWaitUntil(null);
        setError(null);
      }
    }, 1000);
    return () => window.clearInterval(timer);
  }, [waitUntil]);

  const secondsLeft = waitUntil === null ? 0 : Math.max(0, Math.ceil((waitUntil - now) / 1000));
  const missing = username.trim() === '' || password === '';

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy || secondsLeft > 0) return;
    if (missing) {
      setError(
        mode === 'kiosk'
          ? 'Enter the device account and its password.'
          : usingPin
            ? 'Enter your username and PIN.'
            : 'Enter your username and password.',
      );
      return;
    }
    if (usingPin && !/^[0-9]{4,8}$/.test(password)) {
      setError('A PIN is 4 to 8 digits.');
      passwordRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (usingPin) await onPinLogin(username.trim(), password);
      else await onLogin(username.trim(), password);
    } catch (caught) {
      if (isClientError(caught, 'too_many_attempts')) {
        const retry = caught.details['retryAfterSeconds'];
        const seconds = typeof retry === 'number' && retry > 0 ? Math.ceil(retry) : 30;
        setNow(Date.now());
        setWaitUntil(Date.now() + seconds * 1000);
      }
      setError(errorMessage(caught, usingPin ? { invalid_credentials: 'Wrong username or PIN.' } : {}));
      setPassword('');
      passwordRef.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  const waitText = secondsLeft > 0 ? `Too many attempts. Try again in ${secondsToWords(secondsLeft)}.` : null;
  const shownError = waitText ?? error;

  return (
    <main className={`login login--${mode}`}>
      <div className="login__panel">
        <div className="login__brand">
          <Brand />
        </div>
        <div className="login__heading">
          {mode === 'kiosk' ? (
            <span className="login__icon" aria-hidden="true">
              <IconLink />
            </span>
          ) : null}
          <h1 className="login__title">{copy.title}</h1>
          <p className="login__lead">{copy.lead}</p>
        </div>

        {/* Why the session ended matters until the next attempt; then that attempt's answer does. */}
        {notice && !error ? (
          <div className="alert alert--info" id={ids.notice} role="status">
            <IconAlert />
            <span>{notice}</span>
          </div>
        ) : null}

        <form
          className="login__form"
          onSubmit={(event) => void handleSubmit(event)}
          noValidate
          aria-describedby={shownError ? ids.error : undefined}
        >
          <div className="field">
            <label className="field__label" htmlFor={ids.user}>
              {copy.userLabel}
            </label>
            <input
              id={ids.user}
              className="input"
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              autoFocus
              value={username}
              onChange={(event) => setUsername(event.target.value)}
              aria-invalid={error !== null && !waitText ? true : undefined}
            />
          </div>
          {onPinLogin ? (
            <div className="login__method" role="group" aria-label="Sign in with">
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
                    passwordRef.current?.focus();
                  }}
                >
                  {value === 'pin' ? 'PIN' : 'Password'}
                </button>
              ))}
            </div>
          ) : null}
          <div className="field">
            <label className="field__label" htmlFor={ids.password}>
              {usingPin ? 'PIN' : 'Password'}
            </label>
            <input
              ref={passwordRef}
              id={ids.password}
              className={usingPin ? 'input input--pin num' : 'input'}
              name={usingPin ? 'pin' : 'password'}
              type="password"
              autoComplete={usingPin ? 'off' : 'current-password'}
              inputMode={usingPin ? 'numeric' : undefined}
              maxLength={usingPin ? 8 : undefined}
              value={password}
              onChange={(event) => setPassword(usingPin ? event.target.value.replace(/\D/g, '') : event.target.value)}
              aria-invalid={error !== null && !waitText ? true : undefined}
              aria-describedby={usingPin ? ids.pinHint : undefined}
            />
            {usingPin ? (
              <p className="field__hint" id={ids.pinHint}>
                The 4–8 digit PIN an admin set for you. Five wrong PINs lock PIN sign-in for a day; your password still
                works.
              </p>
            ) : null}
          </div>

          <div className="login__error" id={ids.error} role="alert" aria-live="assertive">
            {shownError ? (
              <div className="alert">
                <IconAlert />
                <span>{shownError}</span>
              </div>
            ) : null}
          </div>

          <button
            type="submit"
            className={`btn btn--primary btn--block ${mode === 'kiosk' ? 'btn--xl' : 'btn--large'}`}
            disabled={busy || secondsLeft > 0}
          >
            {busy ? copy.busy : copy.submit}
          </button>
        </form>

        {footer}

        {isModeLocked() ? null : (
          <Link className="login__back" href="/">
            <IconArrowLeft width={16} height={16} />
            All modes
          </Link>
        )}
      </div>
    </main>
  );
}
