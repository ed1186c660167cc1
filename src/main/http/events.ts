/**
 * Live updates over HTTP: GET /api/v1/events (server-sent events). Optional ?showtimeId= narrows the
 * stream to one showtime. Seat availability is public, so the stream is too; it carries ids only.
 */
import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Core } from '../core/core';
import type { MarqueeEvent } from '../events/index';
import { API_BASE } from './rest';

export function registerEvents(app: Hono, core: Core): void {
  app.get(`${API_BASE}/events`, (c) => {
    const raw = c.req.query('showtimeId');
    const showtimeId = raw !== undefined && /^\d{1,16}$/.test(raw) ? Number(raw) : null;
    return streamSSE(c, async (stream) => {
      const queue: MarqueeEvent[] = [];
      let wake: (() => void) | null = null;
      const unsubscribe = core.events.subscribe((event) => {
        if (showtimeId !== null && event.showtimeId !== showtimeId) return;
        queue.push(event);
        wake?.();
      });
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      await stream.writeSSE({ event: 'ready', data: '{}' });
      while (!stream.aborted && !stream.closed) {
        const next = queue.shift();
        if (next) {
          await stream.writeSSE({ event: next.type, data: JSON.stringify(next) });
          continue;
        }
        // Wait for an event, or send a heartbeat every 15 s so proxies keep the stream open.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 15_000);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
        if (queue.length === 0 && !stream.aborted) await stream.writeSSE({ event: 'heartbeat', data: '{}' });
      }
      unsubscribe();
    });
  });
}
