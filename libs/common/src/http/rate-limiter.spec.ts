import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  let now = 0;
  const limiter = () => new RateLimiter(3, 60_000, () => now);

  beforeEach(() => (now = 1_000_000_020_000));

  it('lets hits through up to the limit, then asks the caller to wait', () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) {
      expect(l.retryAfter('ip')).toBe(0);
      l.hit('ip');
    }
    expect(l.retryAfter('ip')).toBeGreaterThan(0);
    expect(l.retryAfter('other-ip')).toBe(0);
  });

  it('forgets hits two windows later', () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) l.hit('ip');
    now += 120_000;
    expect(l.retryAfter('ip')).toBe(0);
  });

  it('still weighs the previous window just after a boundary', () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) l.hit('ip');
    now = Math.ceil(now / 60_000) * 60_000 + 1;
    expect(l.retryAfter('ip')).toBeGreaterThan(0);
  });

  it('starts afresh after reset', () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) l.hit('ip');
    l.reset('ip');
    expect(l.retryAfter('ip')).toBe(0);
  });

  describe('take', () => {
    const twentySecondsIn = 1_000_000_040_000; // windows start on multiples of 60 s

    it('counts hits under the limit and reports what is left until the window ends', () => {
      const l = limiter();
      now = twentySecondsIn;

      expect(l.take('user')).toEqual({
        allowed: true,
        limit: 3,
        remaining: 2,
        resetSeconds: 40,
        retryAfterSeconds: 0,
      });
      expect(l.take('user')).toMatchObject({ allowed: true, remaining: 1 });
      expect(l.take('user')).toMatchObject({ allowed: true, remaining: 0 });
    });

    it('refuses past the limit without counting the refused hits', () => {
      const l = limiter();
      now = twentySecondsIn;
      for (let i = 0; i < 3; i++) l.take('user');

      expect(l.take('user')).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 40 });
      expect(l.take('user').allowed).toBe(false);

      // Halfway through the next window the previous 3 hits weigh 1.5: two more fit. Had the two
      // refused hits counted, the previous 5 would weigh 2.5 and only one would.
      now = twentySecondsIn + 70_000;
      expect(l.take('user')).toMatchObject({ allowed: true, remaining: 0 });
      expect(l.take('user').allowed).toBe(true);
      expect(l.take('user').allowed).toBe(false);
    });

    it('keeps keys apart', () => {
      const l = limiter();
      for (let i = 0; i < 3; i++) l.take('a');
      expect(l.take('a').allowed).toBe(false);
      expect(l.take('b').allowed).toBe(true);
    });
  });

  it('sweeps keys that stopped weighing, so one-off keys do not pile up', () => {
    const l = limiter();
    for (let i = 0; i < 1000; i++) l.hit(`10.0.${i >> 8}.${i & 255}`);
    expect(l.size).toBe(1000);

    now += 120_000;
    l.hit('one-more');

    expect(l.size).toBe(1);
  });
});
