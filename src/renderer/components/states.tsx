import type { ReactNode } from 'react';

/** A calm full-area message: empty lists, errors, "nothing scheduled". Says what to do next. */
export function StateMessage({
  icon,
  title,
  children,
  actions,
  role,
}: {
  icon?: ReactNode;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
  role?: 'alert' | 'status';
}) {
  return (
    <div className="state" role={role}>
      {icon ? <div className="state__icon">{icon}</div> : null}
      <p className="state__title">{title}</p>
      {children ? <div className="state__body">{children}</div> : null}
      {actions ? <div className="state__actions">{actions}</div> : null}
    </div>
  );
}

export function FullPageSpinner({ label }: { label: string }) {
  return (
    <div className="full-page-center" role="status" aria-live="polite">
      <div className="spinner" />
      <span className="visually-hidden">{label}</span>
    </div>
  );
}
