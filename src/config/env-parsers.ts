/** A parser turns a raw environment string into a value, or throws an Error saying what is wrong. */
export type Parser<T> = (raw: string) => T;

export const integer =
  (min: number, max: number): Parser<number> =>
  (raw) => {
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw.trim()) || value < min || value > max) {
      throw new Error(`must be a whole number from ${min} to ${max}`);
    }
    return value;
  };

export const boolean: Parser<boolean> = (raw) => {
  const value = raw.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(value)) return true;
  if (['false', '0', 'no'].includes(value)) return false;
  throw new Error('must be true or false');
};

export const oneOf =
  <const T extends string>(...choices: T[]): Parser<T> =>
  (raw) => {
    if (!(choices as string[]).includes(raw))
      throw new Error(`must be one of ${choices.join(', ')}`);
    return raw as T;
  };

export const text =
  (minLength = 1): Parser<string> =>
  (raw) => {
    if (raw.length < minLength) throw new Error(`must be at least ${minLength} characters long`);
    return raw;
  };

export const postgresUrl: Parser<string> = (raw) => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('must be a URL such as postgres://user:password@host:5432/turnout');
  }
  if (!['postgres:', 'postgresql:'].includes(url.protocol)) {
    throw new Error('must start with postgres:// or postgresql://');
  }
  if (url.pathname.length <= 1)
    throw new Error('must name a database, e.g. postgres://host:5432/turnout');
  return raw;
};

export const email: Parser<string> = (raw) => {
  if (!/^[^\s@]+@[^\s@]+$/.test(raw)) throw new Error('must be an email address');
  return raw.trim().toLowerCase();
};

/** `*` or a comma-separated list of origins such as `https://app.example.com`. */
export const originList: Parser<'*' | string[]> = (raw) => {
  if (raw.trim() === '*') return '*';
  const origins = raw
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of origins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin))
      throw new Error(`"${origin}" is not an origin like https://app.example.com`);
  }
  return origins;
};

/** Comma-separated non-negative delays in milliseconds, at most 30 of them, each at most 7 days. */
export const delayList: Parser<number[]> = (raw) => {
  const parts = raw.split(',').map((part) => part.trim());
  const delays = parts.map(Number);
  if (
    parts.length === 0 ||
    parts.length > 30 ||
    parts.some((part) => !/^\d+$/.test(part)) ||
    delays.some((delay) => delay > 7 * 86_400_000)
  ) {
    throw new Error('must be 1 to 30 comma-separated delays in milliseconds (each at most 7 days)');
  }
  return delays;
};
