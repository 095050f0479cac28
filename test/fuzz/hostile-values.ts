import fc from 'fast-check';

/** SQL that would do harm if it ever reached the database as text rather than as a value. */
export const SQL_FRAGMENTS = [
  "' OR '1'='1",
  "'; DROP TABLE attendees; --",
  '" OR ""="',
  '1) OR (1=1',
  'created_at; DELETE FROM users',
  "x' UNION SELECT password_hash FROM users --",
  'pg_sleep(10)',
  '$1',
  '::text',
  '/* */',
  '\\',
  "\\'",
  '%',
  '_',
  '%_%',
];

/** Text that breaks naive length, case, direction or encoding handling. */
export const UNICODE_EDGES = [
  '\u202Eevil\u202C',
  '\u200B',
  '\uFEFF',
  '😀',
  '👨‍👩‍👧‍👦',
  'e\u0301',
  'ｆｕｌｌ',
  'İı',
  'ß',
  '\uD800',
  '\uDFFF',
  '\u0085\u2028\u2029',
  '中文 עברית العربية',
  '\t\r\n',
  ' ',
  '',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '{{7*7}}',
  '${jndi:ldap://x}',
  '__proto__',
  'constructor',
];

/** Text no API stores: NUL (PostgreSQL cannot) and lone surrogates (not text at all). */
export const isUnstorable = (text: string) => text.includes('\u0000') || !text.isWellFormed();

/** Strings worth trying anywhere a string goes: curated attacks, or arbitrary code points. */
export const hostileString = (maxLength = 300): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...SQL_FRAGMENTS, ...UNICODE_EDGES),
    fc.string({ unit: 'binary', maxLength: Math.min(maxLength, 40) }),
    fc.string({ unit: 'grapheme', maxLength: Math.min(maxLength, 40) }),
  );

/** A string of exactly `length` characters (ASCII or not). */
export const stringOfLength = (length: number): fc.Arbitrary<string> =>
  fc.constantFrom('x', 'é', '字', '\u200B').map((unit) => unit.repeat(length));

export const MALFORMED_UUIDS = [
  'not-a-uuid',
  '00000000-0000-0000-0000-00000000000g',
  '00000000000000000000000000000000x',
  '{00000000-0000-0000-0000-000000000000}',
  '0',
  '-1',
  "' OR 1=1 --",
  '../',
  '..%2f..%2f',
  'é',
  'x'.repeat(1000),
];

export const MALFORMED_DATE_TIMES = [
  'yesterday',
  '2024-13-01T00:00:00Z',
  '2024-02-30T10:00:00Z',
  '2024-01-01T25:00:00Z',
  '2024-01-01T10:61:00Z',
  '01/02/2024',
  '2024-01-01T10:00:00+25:00',
  '',
  'NaN',
];

/** Valid ISO 8601 shapes whose years PostgreSQL or JavaScript may not hold. */
export const EXTREME_DATE_TIMES = [
  '+275760-09-13T00:00:00Z',
  '-271821-04-20T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '1970-01-01T00:00:00Z',
];

export const MALFORMED_DATES = ['2024-02-30', '2024-13-01', '2024-1-1', '20240101', 'tomorrow'];

export const MALFORMED_EMAILS = ['not-an-email', 'a@', '@example.com', 'a b@example.com', 'a@b@c'];

export const EXTREME_NUMBERS = [-1, -0, 0.5, 2 ** 31, 2 ** 53 + 2, 1e21, 1e308, -1e308];

/** Query values a number parameter must refuse whatever its range. */
export const NON_NUMBERS = ['abc', 'NaN', 'Infinity', '1.5', '１', '1,2', '--1', '1e400', '0x'];
