/**
 * Live seat updates for screens: "something changed on showtime N". In a browser the server-sent events
 * stream (GET /api/v1/events, optionally narrowed to one showtime); inside Electron the preload's topics
 * (`showtime.<id>.seats`). The events carry ids only: a screen reloads what it shows when told.
 *
 * Over IPC there is no "every showtime" topic: without a showtime id the caller gets nothing live and
 * keeps its periodic refresh.
 *
 * The stream needs no session: seat availability is public and the events carry ids only, so nothing is
 * sent to say who listens. (EventSource cannot add the `X-Marquee-Session` header, and the server reads a
 * session cookie only on requests that carry it, so the cookie the browser attaches here counts for
 * nothing.) Anything private is fetched by the screen afterwards through its own authenticated calls.
 */
import { useEffect, useRef } from 'react';

export interface SeatsChanged {
  type: 'seats.changed' | 'booking.changed';
  showtimeId: number;
}

function parse(raw: unknown): SeatsChanged | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { type, showtimeId } = raw as Record<string, unknown>;
  if ((type !== 'seats.changed' && type !== 'booking.changed') || typeof showtimeId !== 'number') return null;
  return { type, showtimeId };
}

/** Starts listening; returns the function that stops. */
export function subscribeSeatChanges(showtimeId: number | null, listener: (event: SeatsChanged) => void): () => void {
  const bridge = typeof window !== 'undefined' ? window.marquee : undefined;
  if (bridge) {
    if (!bridge.subscribe || showtimeId === null) return () => undefined;
    return bridge.subscribe(`showtime.${showtimeId}.seats`, (payload) => {
      const event = parse(payload);
      if (event) listener(event);
    });
  }
  if (typeof EventSource === 'undefined') return () => undefined;
  const url = showtimeId === null ? '/api/v1/events' : `/api/v1/events?showtimeId=${showtimeId}`;
  const source = new EventSource(url);
  const onMessage = (message: MessageEvent<string>) => {
    try {
      const event = parse(JSON.parse(message.data));
      if (event) listener(event);
    } catch {
      /* a malformed event is ignored; the next one or the periodic refresh catches up */
    }
  };
  source.addEventListener('seats.changed', onMessage);
  source.addEventListener('booking.changed', onMessage);
  return () => source.close();
}

/**
 * Calls `onChange` (at most every `throttleMs`) when seats of the showtime (or of any, with null) change.
 * The latest `onChange` is always used; the subscription lives as long as the showtime id stays the same.
 */
export function useSeatChanges(showtimeId: number | null, onChange: () => void, throttleMs = 300): void {
  const callback = useRef(onChange);
  useEffect(() => {
    callback.current = onChange;
  });
  useEffect(() => {
    let timer: number | null = null;
    const stop = subscribeSeatChanges(showtimeId, () => {
      if (timer !== null) return;
      timer = window.setTimeout(() => {
        timer = null;
        callback.current();
      }, throttleMs);
    });
    return () => {
      stop();
      if (timer !== null) window.clearTimeout(timer);
    };
  }, [showtimeId, throttleMs]);
}
