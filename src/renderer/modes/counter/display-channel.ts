/**
 * The customer-facing display: a second window (`/counter/display`) that mirrors the sale. The counter
 * posts its state on a BroadcastChannel of the same origin; the display only listens. Nothing here is
 * trusted or stored: the display shows what the counter last said.
 */
import type { SeatMapData } from '../../components/seat-map/seat-map-model';

export const DISPLAY_CHANNEL = 'marquee.counter.display';

export interface DisplayLine {
  seat: string;
  ticket: string;
  price: number;
}

export type DisplayState =
  | { kind: 'idle'; theater: string }
  | {
      kind: 'sale';
      theater: string;
      title: string;
      when: string;
      screen: string;
      currency: string;
      map: SeatMapData | null;
      selected: number[];
      lines: DisplayLine[];
      total: number;
      stage: 'seats' | 'tender' | 'done';
      paid: number;
      change: number | null;
      reference: string | null;
    };

let channel: BroadcastChannel | null = null;

export function postDisplay(state: DisplayState): void {
  if (typeof BroadcastChannel === 'undefined') return;
  channel ??= new BroadcastChannel(DISPLAY_CHANNEL);
  channel.postMessage(state);
}

export function listenDisplay(listener: (state: DisplayState) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const own = new BroadcastChannel(DISPLAY_CHANNEL);
  own.onmessage = (message: MessageEvent<DisplayState>) => listener(message.data);
  // Ask the counter for its current state (it answers with a post).
  own.postMessage({ kind: 'hello' });
  return () => own.close();
}

/** The counter answers a display that just opened. */
export function onDisplayHello(answer: () => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const own = new BroadcastChannel(DISPLAY_CHANNEL);
  own.onmessage = (message: MessageEvent<{ kind?: string }>) => {
    if (message.data?.kind === 'hello') answer();
  };
  return () => own.close();
}
