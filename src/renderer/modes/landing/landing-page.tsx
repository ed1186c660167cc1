/**
 * `/` in a browser: choose what this screen is for. A till, a kiosk and a back office are the same app;
 * the choice only picks a mode (and each mode asks for its own login or pairing).
 */
import type { ReactNode } from 'react';
import { Brand } from '../../components/brand';
import { IconArrowRight, IconGrid, IconMonitor, IconTouch } from '../../components/icons';
import { Link } from '../../components/link';
import { call } from '../../lib/client';
import { useAsync } from '../../lib/use-async';

interface ModeCard {
  href: string;
  title: string;
  body: string;
  who: string;
  icon: ReactNode;
}

const MODES: ModeCard[] = [
  {
    href: '/counter',
    title: 'Counter',
    body: 'Sell tickets at the box office. Today’s shows, live occupancy, keyboard first.',
    who: 'Cashiers and managers',
    icon: <IconMonitor />,
  },
  {
    href: '/kiosk',
    title: 'Kiosk',
    body: 'Self-service for customers on a touch screen. Paired once with a device account.',
    who: 'Customers',
    icon: <IconTouch />,
  },
  {
    href: '/admin',
    title: 'Admin',
    body: 'Films, posters, screens and schedules. Built for the office’s bright screens.',
    who: 'Managers and admins',
    icon: <IconGrid />,
  },
];

export function LandingPage() {
  const health = useAsync(() => call('system.health', {}), []);

  return (
    <div className="landing-root">
      <div className="glow" aria-hidden="true" />
      <main className="landing">
        <header className="landing__header">
          <Brand size={36} />
        </header>
        <section className="landing__intro" aria-labelledby="landing-title">
          <p className="eyebrow">Box office · Kiosk · Admin</p>
          <h1 id="landing-title" className="landing__title">
            What is this screen for?
          </h1>
          <p className="landing__lead">Pick a mode for this device. You can change it later from the same address.</p>
        </section>
        <nav className="landing__modes" aria-label="Modes">
          {MODES.map((mode) => (
            <Link key={mode.href} href={mode.href} className="mode-card">
              <span className="mode-card__icon">{mode.icon}</span>
              <span className="mode-card__title">{mode.title}</span>
              <span className="mode-card__body">{mode.body}</span>
              <span className="mode-card__footer">
                <span className="mode-card__who">{mode.who}</span>
                <span className="mode-card__go">
                  Open <IconArrowRight width={16} height={16} />
                </span>
              </span>
            </Link>
          ))}
        </nav>
        <footer className="landing__footer" role="status">
          <span
            className={`status-dot status-dot--${health.status === 'ready' ? 'ok' : health.status === 'error' ? 'down' : 'wait'}`}
          />
          {health.status === 'ready'
            ? `Connected to the box office · version ${health.data.version}`
            : health.status === 'error'
              ? 'Cannot reach the box-office server'
              : 'Connecting…'}
        </footer>
      </main>
    </div>
  );
}
