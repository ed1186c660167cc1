/**
 * "Connect to a box office": how a kiosk (its own PC, or a browser on the LAN) becomes a terminal of the
 * box office's primary install. Staff type the primary's address and the one-time pairing code shown in
 * Admin → Devices; the primary answers a device credential (revocable there at any time).
 *
 * - On a terminal PC the shell pairs (its main process reaches any address), keeps the credential
 *   (encrypted) and then loads the primary's kiosk page in this window.
 * - In a browser the page already comes from a box office: pairing happens over HTTP with that origin
 *   (the page's policy allows no other). Another address opens that box office's kiosk page, carrying the
 *   code in the URL fragment (never sent to a server), where pairing completes.
 *
 * Staff-facing, in English like the rest of the setup screens. The older way in, a device account's
 * username and password, stays one tap away.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { Brand } from '../../components/brand';
import { IconAlert, IconLink } from '../../components/icons';
import { LoginForm } from '../../components/login-form';
import type { SignedOutProps } from '../../components/session-gate';
import { call, isClientError } from '../../lib/client';
import { errorMessage } from '../../lib/errors';

const PAIR_FRAGMENT = 'pair=';

/** An http(s) origin from what staff typed (`box-office:7450` gets `http://`); null when it is not one. */
export function normalizeAddress(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.username || url.password) return null;
    return url.origin;
  } catch {
    return null;
  }
}

function codeFromFragment(): string {
  const hash = window.location.hash.slice(1);
  return hash.startsWith(PAIR_FRAGMENT) ? decodeURIComponent(hash.slice(PAIR_FRAGMENT.length)) : '';
}

const PAIR_MESSAGES: Record<string, string> = {
  pairing_code_invalid: 'That pairing code is wrong, used or expired. Create a new one in Admin → Devices.',
  wrong_role: 'That code belongs to a door scanner, not a kiosk. Create a kiosk device in Admin → Devices.',
  network_error: 'Nothing answered at that address. Check it (for example http://box-office:7450) and the network.',
};

export function ConnectScreen({ notice, login, adopt }: SignedOutProps) {
  const ids = { address: useId(), code: useId(), error: useId() };
  const terminal = window.marquee?.terminal;
  const [address, setAddress] = useState(() => (terminal ? 'http://' : window.location.origin));
  const [code, setCode] = useState(codeFromFragment);
  const [busy, setBusy] = useState(() => codeFromFragment() !== '' && !terminal);
  const [error, setError] = useState<string | null>(null);
  const [withAccount, setWithAccount] = useState(false);

  // The terminal's shell may already know its box office (a revoked credential): offer that address again.
  useEffect(() => {
    if (!terminal) return;
    void terminal.connection().then(
      (connection) => {
        if (connection) setAddress((current) => (current === 'http://' ? connection.serverUrl : current));
      },
      () => undefined,
    );
  }, [terminal]);

  async function pair(origin: string, pairingCode: string): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      if (terminal) {
        const result = await terminal.connect(origin, pairingCode);
        if (!result.ok) setError(PAIR_MESSAGES[result.code] ?? result.message);
        // On success the shell loads the box office's kiosk page in this window.
        return;
      }
      if (origin !== window.location.origin) {
        window.location.assign(`${origin}/kiosk#${PAIR_FRAGMENT}${encodeURIComponent(pairingCode)}`);
        return;
      }
      const paired = await call('devices.pair', { pairingCode });
      if (window.location.hash) window.history.replaceState(null, '', window.location.pathname);
      await adopt(paired.token);
    } catch (caught) {
      setError(isClientError(caught) ? (PAIR_MESSAGES[caught.code] ?? errorMessage(caught)) : errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  // Arrived from another box office's connect screen with the code in the fragment: finish pairing here.
  const [fromFragment] = useState(() => codeFromFragment() !== '' && !terminal);
  useEffect(() => {
    if (!fromFragment) return;
    let cancelled = false;
    call('devices.pair', { pairingCode: codeFromFragment() })
      .then(async (paired) => {
        window.history.replaceState(null, '', window.location.pathname);
        await adopt(paired.token);
      })
      .catch((caught: unknown) => {
        if (cancelled) return;
        setError(isClientError(caught) ? (PAIR_MESSAGES[caught.code] ?? errorMessage(caught)) : errorMessage(caught));
        setBusy(false);
      });
    return () => {
      cancelled = true;
    };
  }, [fromFragment, adopt]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const origin = normalizeAddress(address);
    if (origin === null) {
      setError('Enter the box office’s address, for example http://box-office:7450.');
      return;
    }
    if (code.replace(/[\s-]/g, '').length < 4) {
      setError('Enter the pairing code shown in Admin → Devices.');
      return;
    }
    void pair(origin, code.trim());
  }

  if (withAccount) {
    return <LoginForm mode="kiosk" notice={notice} onLogin={login} />;
  }

  return (
    <main className="login login--kiosk k-connect">
      <div className="login__panel">
        <div className="login__brand">
          <Brand />
        </div>
        <div className="login__heading">
          <span className="login__icon" aria-hidden="true">
            <IconLink />
          </span>
          <h1 className="login__title">Connect to a box office</h1>
          <p className="login__lead">
            Staff only. In Admin → Devices on the box office, add this kiosk and type its one-time pairing code here.
            The kiosk stays connected until the device is revoked.
          </p>
        </div>

        {notice ? (
          <div className="alert k-connect__notice" role="alert">
            <IconAlert />
            <span>{notice}</span>
          </div>
        ) : null}

        <form className="login__form" onSubmit={submit} noValidate aria-describedby={error ? ids.error : undefined}>
          <div className="field">
            <label className="field__label" htmlFor={ids.address}>
              Box office address
            </label>
            <input
              id={ids.address}
              className="input"
              name="server"
              inputMode="url"
              autoCapitalize="none"
              autoComplete="off"
              spellCheck={false}
              value={address}
              onChange={(event) => setAddress(event.target.value)}
            />
          </div>
          <div className="field">
            <label className="field__label" htmlFor={ids.code}>
              Pairing code
            </label>
            <input
              id={ids.code}
              className="input num k-connect__code"
              name="pairing-code"
              placeholder="XXXX-XXXX"
              autoCapitalize="characters"
              autoComplete="one-time-code"
              spellCheck={false}
              autoFocus
              value={code}
              onChange={(event) => setCode(event.target.value.toUpperCase())}
              aria-invalid={error !== null ? true : undefined}
            />
          </div>
          <div className="login__error" id={ids.error} role="alert" aria-live="assertive">
            {error ? (
              <div className="alert">
                <IconAlert />
                <span>{error}</span>
              </div>
            ) : null}
          </div>
          <button type="submit" className="btn btn--primary btn--block btn--xl" disabled={busy}>
            {busy ? 'Connecting…' : 'Connect'}
          </button>
        </form>

        <button
          type="button"
          className="btn btn--ghost btn--large k-connect__account"
          onClick={() => setWithAccount(true)}
        >
          Sign in with a device account instead
        </button>
      </div>
    </main>
  );
}
