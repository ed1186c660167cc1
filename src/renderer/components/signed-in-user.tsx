import { IconLogout, IconUser } from './icons';
import type { SignedIn } from './session-gate';

/** Who is signed in, and the way out: the same in every staff mode's header. */
export function SignedInUser({ session, className }: { session: SignedIn; className: string }) {
  return (
    <div className={className}>
      <span className="user-chip">
        <IconUser width={16} height={16} />
        <span className="user-chip__name" data-testid="signed-in-user">
          {session.me.name}
        </span>
        <span className="user-chip__role">{session.me.role}</span>
      </span>
      <button type="button" className="btn btn--ghost" onClick={() => void session.logout()}>
        <IconLogout />
        Log out
      </button>
    </div>
  );
}
