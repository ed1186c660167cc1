import type { ReactNode } from 'react';
import { useSession, type Me, type Mode } from '../lib/session';
import { IconAlert } from './icons';
import { LoginForm } from './login-form';
import { FullPageSpinner, StateMessage } from './states';

export interface SignedIn {
  me: Me;
  logout: () => Promise<void>;
  /** Sign in again (unlock) or as someone else (switch user) without leaving the mode. */
  login: (username: string, password: string) => Promise<void>;
  /** The same with the staff PIN an admin set (the counter's lock screen). */
  loginWithPin: (username: string, pin: string) => Promise<void>;
}

export interface SignedOutProps {
  notice: string | null;
  login: (username: string, password: string) => Promise<void>;
  adopt: (token: string) => Promise<void>;
}

/**
 * Shows the mode's login until someone with the right role is signed in, then the mode itself.
 * `loginFooter` adds another way in under the login form (a door scanner pairs with a one-time code and
 * adopts the token it gets).
 */
export function SessionGate({
  mode,
  children,
  loginFooter,
  signedOut,
}: {
  mode: Mode;
  children: (session: SignedIn) => ReactNode;
  loginFooter?: (adopt: (token: string) => Promise<void>) => ReactNode;
  /** Replaces the login form (the kiosk's "Connect to a box office" screen). */
  signedOut?: (props: SignedOutProps) => ReactNode;
}) {
  const { state, login, loginWithPin, logout, retry, adopt } = useSession(mode);
  switch (state.status) {
    case 'checking':
      return <FullPageSpinner label="Checking the session…" />;
    case 'unreachable':
      return (
        <main className="full-page-center">
          <StateMessage
            role="alert"
            icon={<IconAlert />}
            title="Cannot reach the box office"
            actions={
              <button type="button" className="btn btn--primary btn--large" onClick={retry}>
                Try again
              </button>
            }
          >
            {state.message}
          </StateMessage>
        </main>
      );
    case 'signed-out':
      if (signedOut) return <>{signedOut({ notice: state.notice, login, adopt })}</>;
      return (
        <LoginForm
          mode={mode}
          notice={state.notice}
          onLogin={login}
          {...(mode === 'counter' && { onPinLogin: loginWithPin })}
          {...(loginFooter && { footer: loginFooter(adopt) })}
        />
      );
    case 'signed-in':
      return <>{children({ me: state.me, logout, login, loginWithPin })}</>;
  }
}
