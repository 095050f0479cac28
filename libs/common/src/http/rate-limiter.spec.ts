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
});
