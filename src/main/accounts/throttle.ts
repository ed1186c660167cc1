/**
 * Login throttling: after repeated failures an account, or an address, must wait before trying again.
 * Kept in memory (a restart forgets it, which only ever helps a legitimate user). Per account it slows
 * guessing one password; per address it slows trying many accounts from one machine.
 */
import type { Clock } from '../core/clock';

export interface ThrottleRule {
  /** Failures allowed inside the window before a lockout. */
  failures: number;
  windowMs: number;
  lockMs: number;
}

interface Entry {
  failures: number[];
  lockedUntil: number;
}

export class Throttle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    private readonly rule: ThrottleRule,
  ) {}

  /** Milliseconds until the key may try again, or 0. */
  retryAfter(key: string): number {
    const entry = this.entries.get(key);
    if (!entry) return 0;
    return Math.max(0, entry.lockedUntil - this.clock.now());
  }

  fail(key: string): void {
    const now = this.clock.now();
    const entry = this.entries.get(key) ?? { failures: [], lockedUntil: 0 };
    entry.failures = entry.failures.filter((at) => at > now - this.rule.windowMs);
    entry.failures.push(now);
    if (entry.failures.length >= this.rule.failures) {
      entry.lockedUntil = now + this.rule.lockMs;
      entry.failures = [];
    }
    this.entries.set(key, entry);
    if (this.entries.size > 10_000) this.prune(now);
  }

  succeed(key: string): void {
    this.entries.delete(key);
  }

  private prune(now: number): void {
    for (const [key, entry] of this.entries) {
      if (entry.lockedUntil < now && entry.failures.every((at) => at < now - this.rule.windowMs))
        this.entries.delete(key);
    }
  }
}
