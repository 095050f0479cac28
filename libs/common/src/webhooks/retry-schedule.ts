const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Svix's schedule: the delay before each attempt, the first one immediate. Eight attempts spread
 * over about 27 hours ride out a receiver's bad deploy or a night-long outage.
 */
export const DEFAULT_RETRY_SCHEDULE_MS: readonly number[] = [
  0,
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  10 * HOUR,
];

const JITTER = 0.2;
const MAX_RETRY_AFTER_MS = 24 * HOUR;

/**
 * Milliseconds to wait before the next attempt, after `attempt` attempts were made (1 after the
 * first), or null when the schedule is exhausted. Non-zero delays get ±20% jitter so that
 * deliveries failing together (a receiver's outage) don't all come back at the same instant.
 */
export function nextAttemptDelay(
  attempt: number,
  schedule: readonly number[] = DEFAULT_RETRY_SCHEDULE_MS,
  random: () => number = Math.random,
): number | null {
  if (!Number.isSafeInteger(attempt) || attempt < 0) {
    throw new RangeError(`attempt must be a non-negative integer, got ${attempt}`);
  }
  if (attempt >= schedule.length) return null;
  const delay = schedule[attempt];
  if (delay === 0) return 0;
  return Math.round(delay * (1 + (random() * 2 - 1) * JITTER));
}

const DELAY_SECONDS = /^\d+$/;
// IMF-fixdate, RFC 850 and asctime all open with a day name (RFC 9110 §5.6.7).
const HTTP_DATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? /;

/**
 * A `Retry-After` header (delay-seconds or an HTTP-date) as milliseconds from `now`, capped at
 * 24 hours so a receiver can't park a delivery forever; a date in the past means "now" (0). Null
 * when the header is absent or unreadable.
 */
export function parseRetryAfter(header: string | undefined, now: Date): number | null {
  const value = header?.trim();
  if (!value) return null;
  if (DELAY_SECONDS.test(value)) return Math.min(Number(value) * SECOND, MAX_RETRY_AFTER_MS);
  if (!HTTP_DATE.test(value)) return null;
  // asctime carries no zone but means GMT; Date.parse would read it as local time.
  const at = Date.parse(value.endsWith('GMT') ? value : `${value} GMT`);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(at - now.getTime(), 0), MAX_RETRY_AFTER_MS);
}
