/**
 * Live updates inside the main process: services publish after their transaction commits; transports
 * (server-sent events over HTTP, the IPC event channel) forward them to screens within a second.
 */
export type MarqueeEvent =
  | { type: 'seats.changed'; showtimeId: number; at: number }
  | { type: 'booking.changed'; bookingId: number; showtimeId: number; status: string; at: number };

export type EventListener = (event: MarqueeEvent) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();

  publish(event: MarqueeEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A failing subscriber must never break a sale.
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }
}
