/**
 * A crashed or killed renderer is reloaded, the kiosk above all: an unattended machine must come back by
 * itself. Reloads back off when crashes repeat (1 s, 2 s, 4 s, ... up to a minute) so a page that crashes
 * at once does not spin the CPU; crashes older than the window below are forgotten.
 */

export const CRASH_WINDOW_MS = 5 * 60_000;
export const FIRST_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 60_000;

/** A `render-process-gone` reason that needs no reload (the window is closing anyway). */
export function needsReload(reason: string): boolean {
  return reason !== 'clean-exit';
}

export class CrashTracker {
  private crashes: number[] = [];

  /** Records a crash at `now` and answers how long to wait before reloading. */
  record(now: number): number {
    this.crashes = this.crashes.filter((at) => now - at < CRASH_WINDOW_MS);
    this.crashes.push(now);
    const exponent = Math.min(this.crashes.length - 1, 16);
    return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** exponent);
  }

  get recentCount(): number {
    return this.crashes.length;
  }
}
