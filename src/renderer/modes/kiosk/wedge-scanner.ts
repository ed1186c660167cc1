/** The kiosk's ear for a keyboard-wedge scanner (the timing rules are in wedge-reader.ts). */
import { useEffect, useRef } from 'react';
import { createWedgeReader } from './wedge-reader';

/** Calls `onScan` with each code a wedge scanner types while `enabled`. */
export function useWedgeScanner(enabled: boolean, onScan: (code: string) => void): void {
  const latest = useRef(onScan);
  useEffect(() => {
    latest.current = onScan;
  });
  useEffect(() => {
    if (!enabled) return;
    const read = createWedgeReader(() => performance.now());
    const listener = (event: KeyboardEvent) => {
      const target = event.target;
      // A real text field (staff screens) keeps its keys.
      if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) return;
      const code = read(event);
      if (code !== null) {
        event.preventDefault();
        latest.current(code);
      }
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [enabled]);
}
