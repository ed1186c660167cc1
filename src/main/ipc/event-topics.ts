/**
 * Which IPC topics a main-process event is delivered on. A screen subscribes to what it shows:
 *
 *   showtime.<id>.seats     the seat map of a showtime changed (held, sold, released, blocked)
 *   showtime.<id>.bookings  a booking of that showtime changed status
 *   booking.<id>            one booking changed status (the kiosk waiting for a card payment)
 *
 * The payload is the event itself: plain data, safe to structured-clone.
 */
import type { EventListener, MarqueeEvent } from '../events/index';

export function topicsOf(event: MarqueeEvent): string[] {
  switch (event.type) {
    case 'seats.changed':
      return [`showtime.${event.showtimeId}.seats`];
    case 'booking.changed':
      return [`booking.${event.bookingId}`, `showtime.${event.showtimeId}.bookings`];
  }
}

/** Forwards every event of the bus to its topics; returns the function that stops forwarding. */
export function forwardEvents(
  bus: { subscribe(listener: EventListener): () => void },
  publish: (topic: string, payload: unknown) => void,
): () => void {
  return bus.subscribe((event) => {
    for (const topic of topicsOf(event)) publish(topic, event);
  });
}
