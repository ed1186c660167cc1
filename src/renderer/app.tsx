/**
 * The app shell: picks the mode from the route and sets the document's theme for it. Each mode is its
 * own lazily loaded chunk, so a kiosk never downloads the admin screens.
 */
import { Suspense, lazy, useEffect } from 'react';
import { FullPageSpinner } from './components/states';
import { useRoute, type Route } from './lib/router';

const LandingPage = lazy(() => import('./modes/landing/landing-page').then((m) => ({ default: m.LandingPage })));
const CounterMode = lazy(() => import('./modes/counter/counter-mode').then((m) => ({ default: m.CounterMode })));
const KioskMode = lazy(() => import('./modes/kiosk/kiosk-mode').then((m) => ({ default: m.KioskMode })));
const DoorMode = lazy(() => import('./modes/door/door-mode').then((m) => ({ default: m.DoorMode })));
const AdminMode = lazy(() => import('./modes/admin/admin-mode').then((m) => ({ default: m.AdminMode })));

const TITLES: Record<Route, string> = {
  landing: 'Marquee',
  counter: 'Box office · Marquee',
  kiosk: 'Tickets · Marquee',
  admin: 'Admin · Marquee',
  door: 'Door · Marquee',
};

export function App() {
  const route = useRoute();

  useEffect(() => {
    const html = document.documentElement;
    html.dataset['theme'] = route === 'admin' ? 'light' : 'dark';
    html.dataset['mode'] = route;
    document.title = TITLES[route];
    // The kiosk's accessibility toggles live on <html> (they scale rem); other modes never keep them.
    if (route !== 'kiosk') {
      delete html.dataset['contrast'];
      delete html.dataset['text'];
    }
  }, [route]);

  return (
    <Suspense fallback={<FullPageSpinner label="Loading…" />}>
      {route === 'landing' ? <LandingPage /> : null}
      {route === 'counter' ? <CounterMode /> : null}
      {route === 'kiosk' ? <KioskMode /> : null}
      {route === 'admin' ? <AdminMode /> : null}
      {route === 'door' ? <DoorMode /> : null}
    </Suspense>
  );
}
