/**
 * Counts hits per key in a sliding window (the current and previous fixed windows, weighted), in
 * this process's memory. Enough for login throttling on one instance; several instances each keep
 * their own counts, so the effective limit is per instance.
 */
export class RateLimiter {
  private readonly windows = new Map<
    string,
    { start: number; current: number; previous: number }
  >();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until `key` may try again, or 0 when it is under the limit. Does not count a hit. */
  retryAfter(key: string): number {
    const entry = this.roll(key);
    if (!entry) return 0;
    const elapsed = (this.now() - entry.start) / this.windowMs;
    const weighted = entry.previous * (1 - elapsed) + entry.current;
    if (weighted < this.limit) return 0;
    // Worst case: wait for the current window to end and the previous one to stop weighing.
    return Math.max(1, Math.ceil((entry.start + this.windowMs - this.now()) / 1000));
  }

  hit(key: string): void {
    const entry = this.roll(key) ?? { start: this.windowStart(), current: 0, previous: 0 };
    entry.current += 1;
    this.windows.set(key, entry);
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private windowStart(): number {
    return Math.floor(this.now() / this.windowMs) * this.windowMs;
  }

  private roll(key: string) {
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
}
