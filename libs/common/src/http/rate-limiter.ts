interface Window {
  start: number;
  current: number;
  previous: number;
}

/** Where a key stands after `take`: enough for `Retry-After` and the `RateLimit-*` headers. */
export interface RateVerdict {
  /** The hit was counted; false when the key was already at the limit. */
  allowed: boolean;
  limit: number;
  /** Hits still allowed in the window after this one. */
  remaining: number;
  /** Seconds until the current window ends and the count starts to fall. */
  resetSeconds: number;
  /** Seconds to wait before trying again; 0 when allowed. */
  retryAfterSeconds: number;
}

/**
 * Counts hits per key in a sliding window (the current and previous fixed windows, weighted), in
 * this process's memory. Several instances each keep their own counts, so the effective limit is
 * per instance. Keys that stopped weighing are swept once a window, so a stream of one-off keys
 * (client addresses) cannot grow the map without bound.
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private lastSweep: number;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.lastSweep = this.windowStart();
  }

  /** Seconds until `key` may try again, or 0 when it is under the limit. Does not count a hit. */
  retryAfter(key: string): number {
    const entry = this.roll(key);
    return entry && this.weighted(entry) >= this.limit ? this.secondsLeft(entry) : 0;
  }

  hit(key: string): void {
    this.sweep();
    const entry = this.roll(key) ?? { start: this.windowStart(), current: 0, previous: 0 };
    entry.current += 1;
    this.windows.set(key, entry);
  }

  /** Counts a hit for `key` unless it is at the limit, and says where the key stands. */
  take(key: string): RateVerdict {
    const waited = this.retryAfter(key);
    if (waited === 0) this.hit(key);
    const entry = this.windows.get(key)!;
    return {
      allowed: waited === 0,
      limit: this.limit,
      remaining: Math.max(0, Math.floor(this.limit - this.weighted(entry))),
      resetSeconds: this.secondsLeft(entry),
      retryAfterSeconds: waited,
    };
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  /** How many keys are tracked (memory use). */
  get size(): number {
    return this.windows.size;
  }

  private weighted(entry: Window): number {
    const elapsed = (this.now() - entry.start) / this.windowMs;
    return entry.previous * (1 - elapsed) + entry.current;
  }

  // Worst case: wait for the current window to end and the previous one to stop weighing.
  private secondsLeft(entry: Window): number {
    return Math.max(1, Math.ceil((entry.start + this.windowMs - this.now()) / 1000));
  }

  private windowStart(): number {
    return Math.floor(this.now() / this.windowMs) * this.windowMs;
  }

  private roll(key: string): Window | undefined {
    const entry = this.windows.get(key);
    if (!entry) return undefined;
    const start = this.windowStart();
    if (entry.start === start) return entry;
    const rolled = {
      start,
      current: 0,
      previous: entry.start === start - this.windowMs ? entry.current : 0,
    };
    if (rolled.previous === 0) {
      this.windows.delete(key);
      return undefined;
    }
    this.windows.set(key, rolled);
    return rolled;
  }

  /** Drops keys whose hits are two windows old: they no longer weigh on anything. */
  private sweep(): void {
    const start = this.windowStart();
    if (start === this.lastSweep) return;
    this.lastSweep = start;
    for (const [key, entry] of this.windows) {
      if (entry.start < start - this.windowMs) this.windows.delete(key);
    }
  }
}
