import { DEFAULT_RETRY_SCHEDULE_MS, nextAttemptDelay, parseRetryAfter } from './retry-schedule';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('nextAttemptDelay', () => {
  const noJitter = () => 0.5;

  it('follows the Svix-like schedule: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h', () => {
    const delays = [0, 1, 2, 3, 4, 5, 6, 7].map((made) =>
      nextAttemptDelay(made, undefined, noJitter),
    );

    expect(delays).toEqual([
      0,
      5_000,
      5 * MINUTE,
      30 * MINUTE,
      2 * HOUR,
      5 * HOUR,
      10 * HOUR,
      10 * HOUR,
    ]);
    expect(DEFAULT_RETRY_SCHEDULE_MS).toHaveLength(8);
  });

  it('gives up once every scheduled attempt was made', () => {
    expect(nextAttemptDelay(8)).toBeNull();
    expect(nextAttemptDelay(100)).toBeNull();
    expect(nextAttemptDelay(2, [0, 1_000])).toBeNull();
  });

  it('jitters non-zero delays by at most 20% either way', () => {
    expect(nextAttemptDelay(2, undefined, () => 0)).toBe(4 * MINUTE);
    expect(nextAttemptDelay(2, undefined, () => 0.25)).toBe(4.5 * MINUTE);
    expect(nextAttemptDelay(2, undefined, () => 0.999_999)).toBeCloseTo(6 * MINUTE, -1);
    for (let i = 0; i < 1_000; i += 1) {
      const delay = nextAttemptDelay(1) as number;
      expect(delay).toBeGreaterThanOrEqual(4_000);
      expect(delay).toBeLessThanOrEqual(6_000);
    }
  });

  it('never jitters an immediate attempt', () => {
    expect(nextAttemptDelay(0, undefined, () => 0.999)).toBe(0);
    expect(nextAttemptDelay(1, [0, 0, 1_000], () => 0)).toBe(0);
  });

  it('takes a custom schedule', () => {
    expect(nextAttemptDelay(1, [0, 100, 200], noJitter)).toBe(100);
    expect(nextAttemptDelay(2, [0, 100, 200], noJitter)).toBe(200);
  });

  it('refuses a negative or fractional attempt count', () => {
    expect(() => nextAttemptDelay(-1)).toThrow(RangeError);
    expect(() => nextAttemptDelay(1.5)).toThrow(RangeError);
    expect(() => nextAttemptDelay(Number.NaN)).toThrow(RangeError);
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2026-03-01T12:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP-date in all three forms, as GMT', () => {
    expect(parseRetryAfter('Sun, 01 Mar 2026 12:05:00 GMT', now)).toBe(5 * MINUTE);
    expect(parseRetryAfter('Sunday, 01-Mar-26 12:05:00 GMT', now)).toBe(5 * MINUTE);
    expect(parseRetryAfter('Sun Mar  1 12:05:00 2026', now)).toBe(5 * MINUTE);
  });

  it('treats a date in the past as "now"', () => {
    expect(parseRetryAfter('Sun, 01 Mar 2026 11:00:00 GMT', now)).toBe(0);
  });

  it('caps the wait at 24 hours', () => {
    expect(parseRetryAfter('604800', now)).toBe(24 * HOUR);
    expect(parseRetryAfter('9'.repeat(400), now)).toBe(24 * HOUR);
    expect(parseRetryAfter('Tue, 10 Mar 2026 12:00:00 GMT', now)).toBe(24 * HOUR);
  });

  it('answers null when the header is absent or unreadable', () => {
    for (const header of [
      undefined,
      '',
      '  ',
      '-5',
      '1.5',
      '5s',
      'soon',
      'Someday 1 2 3',
      '2026-03-01',
    ]) {
      expect(parseRetryAfter(header, now)).toBeNull();
    }
    expect(parseRetryAfter('Sun, 99 Foo 2026 12:05:00 GMT', now)).toBeNull();
  });
});
