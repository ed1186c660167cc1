/**
 * One session per mode. Each mode keeps its own token in localStorage (`marquee.token.counter`, ...), so a
 * browser tab can be a counter today and an admin page tomorrow without one login leaking into the other,
 * and a kiosk stays paired across restarts. The server decides what a token may do; the role check here
 * only spares a cashier an admin screen full of "forbidden" errors.
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

// localStorage can throw (storage disabled, quota); a session that cannot be kept still works until reload.
function loadToken(mode: Mode): string | null {
  try {
    return window.localStorage.getItem(tokenKey(mode));
  } catch {
    return null;
  }
}

function saveToken(mode: Mode, token: string | null): void {
  try {
    if (token === null) window.localStorage.removeItem(tokenKey(mode));
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

export function useSession(mode: Mode): Session {
  // A mode with a stored token starts by checking it; one without starts at the login (a terminal's
  // kiosk first asks its shell for the kept credential).
  const [state, setState] = useState<SessionState>(() =>
    loadToken(mode) || (mode === 'kiosk' && window.marquee?.terminal)
      ? { status: 'checking' }
      : { status: 'signed-out', notice: null },
  );
  const [attempt, setAttempt] = useState(0);

  // Restore the mode's token and ask who it belongs to.
  useEffect(() => {
    let cancelled = false;
    const restore = async (): Promise<string | null> => loadToken(mode) ?? (await terminalCredential(mode));
    void restore().then((token) => {
      if (cancelled) return;
      client.setToken(token);
      if (!token) {
        setState((current) => (current.status === 'checking' ? { status: 'signed-out', notice: null } : current));
        return;
      }
      check();
    });
    const check = (): void => {
      call('auth.me', {}).then(
        (me) => {
          if (cancelled) return;
          if (MODE_ROLES[mode].includes(me.role)) setState({ status: 'signed-in', me });
          else {
            saveToken(mode, null);
            client.setToken(null);
            setState({ status: 'signed-out', notice: null });
          }
        },
        (error: unknown) => {
          if (cancelled) return;
          if (isClientError(error) && error.status === 401) return; // the unauthorized listener handles it
          setState({ status: 'unreachable', message: errorMessage(error) });
        },
      );
    };
    return () => {
      cancelled = true;
    };
  }, [mode, attempt]);

  // Any call that comes back 401 ends the session: drop the token and ask for a login again.
  useEffect(
    () =>
      client.onUnauthorized(() => {
        saveToken(mode, null);
        if (mode === 'kiosk') void window.marquee?.terminal?.forget().catch(() => undefined);
        setState({
          status: 'signed-out',
          notice: mode === 'kiosk' ? DEVICE_REVOKED_NOTICE : 'Your session has ended. Sign in again.',
        });
      }),
    [mode],
  );

  /** After `auth.login` or `auth.pinLogin`: keep the token if the role fits the mode, else revoke it. */
  const finish = useCallback(
    async (session: OutputOf<'auth.login'>) => {
      client.setToken(session.token);
      if (!MODE_ROLES[mode].includes(session.user.role)) {
        // Revoke the token we will not use; a failure here changes nothing for the user.
        await call('auth.logout', {}).catch(() => undefined);
        client.setToken(null);
        throw new ClientError(
          'wrong_role',
          `“${session.user.username}” is ${ROLE_NAMES[session.user.role]} account. ${MODE_NEEDS[mode]}`,
        );
      }
      const me = await call('auth.me', {});
      saveToken(mode, session.token);
      saveUsername(mode, session.user.username);
      setState({ status: 'signed-in', me });
    },
    [mode],
  );

  const login = useCallback(
    async (username: string, password: string) => {
      client.setToken(null);
      await finish(await call('auth.login', { username, password }));
    },
    [finish],
  );

  const loginWithPin = useCallback(
    async (username: string, pin: string) => {
      client.setToken(null);
      await finish(await call('auth.pinLogin', { username, pin }));
    },
    [finish],
  );

  const logout = useCallback(async () => {
    await call('auth.logout', {}).catch(() => undefined);
    client.setToken(null);
    saveToken(mode, null);
    setState({ status: 'signed-out', notice: null });
  }, [mode]);

  const retry = useCallback(() => {
    setState(loadToken(mode) ? { status: 'checking' } : { status: 'signed-out', notice: null });
    setAttempt((value) => value + 1);
  }, [mode]);

  const adopt = useCallback(
    async (token: string) => {
      client.setToken(token);
      const me = await call('auth.me', {});
      if (!MODE_ROLES[mode].includes(me.role)) {
        client.setToken(null);
        throw new ClientError('wrong_role', `This is ${ROLE_NAMES[me.role]} credential. ${MODE_NEEDS[mode]}`);
      }
      saveToken(mode, token);
      setState({ status: 'signed-in', me });
    },
    [mode],
  );

  return { state, login, loginWithPin, logout, retry, adopt };
}
