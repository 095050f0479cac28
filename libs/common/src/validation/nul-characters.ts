import type { FieldError, FieldLocation } from '../problems/problem';

const MAX_DEPTH = 32;
const escapeToken = (token: string) => token.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * PostgreSQL text and jsonb cannot hold U+0000: a NUL anywhere in a request (a value or a key)
 * would surface as a database error. Every one is reported up front, with its pointer.
 */
export function nulCharacterErrors(
  value: unknown,
  location: FieldLocation,
  pointer = '',
  depth = 0,
): FieldError[] {
  const at = (where: string): FieldError => ({
    pointer: where,
    message: 'must not contain the NUL character (U+0000)',
    ...(location === 'body' ? {} : { in: location }),
  });
  if (typeof value === 'string') return value.includes('\u0000') ? [at(pointer)] : [];
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const child = `${pointer}/${escapeToken(key)}`;
    return [
      ...(key.includes('\u0000') ? [at(child)] : []),
      ...nulCharacterErrors(item, location, child, depth + 1),
    ];
  });
}
