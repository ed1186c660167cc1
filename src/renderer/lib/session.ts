/**
 * One session per mode, so a browser tab can be a counter today and an admin page tomorrow without one
 * login leaking into the other, and a kiosk or door scanner stays paired across reloads.
 *
 * In a browser the session is the mode's cookie (`marquee_counter`, ...), HttpOnly and SameSite=Strict:
 * the server sets it on sign-in and pairing, clears it on sign-out, and the page never holds the token.
 * Whether someone is signed in is asked of the server (`auth.me`) when the page opens. The desktop app
 * talks IPC, which has no cookies: there the token is held in memory and kept in the app's own storage
 * (`marquee.token.<mode>`); a terminal PC's kiosk gets its credential from the shell. The server decides
 * what a session may do; the role check here only spares a cashier an admin screen full of "forbidden".
 */
import { useCallback, useEffect, useState } from 'react';
import type { OutputOf } from '../../shared/contract/index';
import type { Role } from '../../shared/domain/roles';
import type { BridgeMode } from './bridge';
import { ClientError, call, client, isClientError } from './client';
import { errorMessage } from './errors';

/** The modes with their own session; `door` is the check-in screen (staff or a paired door scanner). */
export type Mode = BridgeMode | 'door';
export type Me = OutputOf<'auth.me'>;

export type SessionState =
  | { status: 'checking' }
  | { status: 'signed-out'; notice: string | null }
  | { status: 'unreachable'; message: string }
  | { status: 'signed-in'; me: Me };

const ROLE_NAMES: Record<Role, string> = {
  admin: 'an admin',
  manager: 'a manager',
  cashier: 'a cashier',
  kiosk: 'a kiosk device',
  scanner: 'a door scanner',
  customer: 'a customer',
  integration: 'an integration',
};

const MODE_NEEDS: Record<Mode, string> = {
  counter: 'The counter needs a cashier, manager or admin account.',
  admin: 'Admin needs a manager or admin account.',
  kiosk: 'Pair the kiosk with its device account (role kiosk).',
  door: 'The door needs a staff account or a paired door scanner.',
};

export const MODE_ROLES: Record<Mode, readonly Role[]> = {
  counter: ['cashier', 'manager', 'admin'],
  admin: ['manager', 'admin'],
  kiosk: ['kiosk'],
  door: ['cashier', 'manager', 'admin', 'scanner'],
};

export function tokenKey(mode: Mode): string {
  return `marquee.token.${mode}`;
}

// Only the desktop app (IPC, no cookies) keeps a token here, in its own profile. In a browser the session
// is an HttpOnly cookie and nothing that signs in is ever stored where script can read it.
// localStorage can throw (storage disabled, quota); a session that cannot be kept still works until reload.
function loadToken(mode: Mode): string | null {
  if (client.usesCookies) return null;
  try {
    return window.localStorage.getItem(tokenKey(mode));
  } catch {
    return null;
  }
}

function saveToken(mode: Mode, token: string | null): void {
  try {
    if (token === null || client.usesCookies) window.localStorage.removeItem(tokenKey(mode));
    else window.localStorage.setItem(tokenKey(mode), token);
  } catch {
    /* kept in memory only */
  }
}

/** The username last signed in on this mode (the lock screen unlocks with it; `auth.me` has only the name). */
export function lastUsername(mode: Mode): string | null {
  try {
    return window.localStorage.getItem(`marquee.username.${mode}`);
  } catch {
    return null;
  }
}

function saveUsername(mode: Mode, username: string): void {
  try {
    window.localStorage.setItem(`marquee.username.${mode}`, username);
  } catch {
    /* the lock screen then asks for the username too */
  }
}

export interface Session {
  state: SessionState;
  /** Resolves when signed in; rejects with a ClientError (wrong password, wrong role, network). */
  login: (username: string, password: string) => Promise<void>;
  /** Staff sign-in with username and the PIN an admin set (cashiers and managers, at the counter). */
  loginWithPin: (username: string, pin: string) => Promise<void>;
  logout: () => Promise<void>;
  retry: () => void;
  /** Signs in with a token obtained another way (a device's token from pairing). */
  adopt: (token: string) => Promise<void>;
}

/** What a kiosk whose credential stopped working is told (revoked in Admin → Devices, or paired anew). */
export const DEVICE_REVOKED_NOTICE =
  'This kiosk was disconnected from the box office: its pairing was revoked or replaced. Ask staff for a new pairing code (Admin → Devices) and connect again.';

/** A terminal PC's shell keeps the device credential; a kiosk window without a token of its own asks it. */
async function terminalCredential(mode: Mode): Promise<string | null> {
  const terminal = mode === 'kiosk' ? window.marquee?.terminal : undefined;
  if (!terminal) return null;
  const connection = await terminal.connection().catch(() => null);
  return connection?.credential ?? null;
}

/** A 401 that says a credential was presented and refused (ended, revoked), not that none was sent. */
function credentialRejected(error: unknown): boolean {
  return isClientError(error) && error.status === 401 && error.details['credential'] === 'rejected';
}

export function useSession(mode: Mode): Session {
  // In a browser every page starts by asking the server; the desktop only when it kept a token (a
  // terminal's kiosk first asks its shell for the kept credential).
  const [state, setState] = useState<SessionState>(() =>
    client.usesCookies || loadToken(mode) ? { status: 'checking' } : { status: 'signed-out', notice: null },
  );
  const [attempt, setAttempt] = useState(0);

  /** The session ended under the user (revoked, expired, role changed): forget it and say so. */
  const ended = useCallback(() => {
    saveToken(mode, null);
    if (mode === 'kiosk') void window.marquee?.terminal?.forget().catch(() => undefined);
    setState({
      status: 'signed-out',
      notice: mode === 'kiosk' ? DEVICE_REVOKED_NOTICE : 'Your session has ended. Sign in again.',
    });
  }, [mode]);

  // Name the mode's browser session on every call, then ask who is signed in.
  useEffect(() => {
    let cancelled = false;
    client.setSessionMode(mode);
    if (client.usesCookies) saveToken(mode, null); // a token an older version left in the browser goes
    const restore = async (): Promise<string | null> => loadToken(mode) ?? (await terminalCredential(mode));
    void restore().then((token) => {
      if (cancelled) return;
      if (token) client.signIn(token);
      else client.signOut();
      if (!token && !client.usesCookies) {
        setState((current) => (current.status === 'checking' ? { status: 'signed-out', notice: null } : current));
        return;
      }
      call('auth.me', {}).then(
        (me) => {
          if (cancelled) return;
          if (MODE_ROLES[mode].includes(me.role)) {
            if (!token) client.signIn(null); // the cookie holds a session
            setState({ status: 'signed-in', me });
          } else {
            saveToken(mode, null);
            client.signOut();
            setState({ status: 'signed-out', notice: null });
          }
        },
        (error: unknown) => {
          if (cancelled) return;
          if (isClientError(error) && error.status === 401) {
            // A held token's 401 is handled by the unauthorized listener; without one, the cookie says.
            if (!token) {
              if (credentialRejected(error)) ended();
              else setState({ status: 'signed-out', notice: null });
            }
            return;
          }
          setState({ status: 'unreachable', message: errorMessage(error) });
        },
      );
    });
    return () => {
      cancelled = true;
    };
  }, [mode, attempt, ended]);

  // Any call that comes back 401 while signed in ends the session: ask for a login again.
  useEffect(() => client.onUnauthorized(ended), [ended]);

  // A refusal may mean an admin changed this account's role: if it no longer fits the mode, leave it.
  useEffect(
    () =>
      client.onForbidden(() => {
        call('auth.me', {}).then(
          (me) => {
            if (MODE_ROLES[mode].includes(me.role)) return;
            void call('auth.logout', {}).catch(() => undefined);
            client.signOut();
            saveToken(mode, null);
            setState({
              status: 'signed-out',
              notice: `This account is now ${ROLE_NAMES[me.role]} account. ${MODE_NEEDS[mode]}`,
            });
          },
          () => undefined, // a 401 is handled by the unauthorized listener; anything else changes nothing
        );
      }),
    [mode],
  );

  /** After `auth.login` or `auth.pinLogin`: keep the session if the role fits the mode, else end it. */
  const finish = useCallback(
    async (session: OutputOf<'auth.login'>) => {
      client.signIn(session.token); // in a browser the token is blank: the answer set the cookie
      if (!MODE_ROLES[mode].includes(session.user.role)) {
        // End the session we will not use; a failure here changes nothing for the user.
        await call('auth.logout', {}).catch(() => undefined);
        client.signOut();
        throw new ClientError(
          'wrong_role',
          `“${session.user.username}” is ${ROLE_NAMES[session.user.role]} account. ${MODE_NEEDS[mode]}`,
        );
      }
      const me = await call('auth.me', {});
      saveToken(mode, session.token || null);
      saveUsername(mode, session.user.username);
      setState({ status: 'signed-in', me });
    },
    [mode],
  );

  const login = useCallback(
    async (username: string, password: string) => {
      client.signOut();
      await finish(await call('auth.login', { username, password }));
    },
    [finish],
  );

  const loginWithPin = useCallback(
    async (username: string, pin: string) => {
      client.signOut();
      await finish(await call('auth.pinLogin', { username, pin }));
    },
    [finish],
  );

  const logout = useCallback(async () => {
    // Revokes the session and, in a browser, clears its cookie.
    await call('auth.logout', {}).catch(() => undefined);
    client.signOut();
    saveToken(mode, null);
    setState({ status: 'signed-out', notice: null });
  }, [mode]);

  const retry = useCallback(() => {
    setState(client.usesCookies || loadToken(mode) ? { status: 'checking' } : { status: 'signed-out', notice: null });
    setAttempt((value) => value + 1);
  }, [mode]);

  const adopt = useCallback(
    async (token: string) => {
      // A pairing answer: in a browser its token is blank and the cookie carries the credential.
      client.signIn(token);
      const me = await call('auth.me', {});
      if (!MODE_ROLES[mode].includes(me.role)) {
        client.signOut();
        throw new ClientError('wrong_role', `This is ${ROLE_NAMES[me.role]} credential. ${MODE_NEEDS[mode]}`);
      }
      saveToken(mode, token || null);
      setState({ status: 'signed-in', me });
    },
    [mode],
  );

  return { state, login, loginWithPin, logout, retry, adopt };
}
