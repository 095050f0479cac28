import type { FieldError, FieldLocation } from '../problems/problem';

/**
 * How deep a request value may nest objects and arrays. No Turnout body comes near it; the limit
 * exists because the validators recurse, and a few kilobytes of `[[[[…` would overflow the stack.
 */
export const MAX_NESTING_DEPTH = 32;

/**
 * Keys naming what every object inherits (`constructor`, `__proto__`, `toString`…) and
 * `prototype`. The validators never see them (Nest's pipe strips some, class-transformer skips the
 * others), so they would be dropped in silence where any other unknown property is refused.
 */
const INHERITED_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

const escapeToken = (token: string) => token.replace(/~/g, '~0').replace(/\//g, '~1');

/** Whether `value` nests more than `levels` levels deep; stops looking as soon as it does. */
function nestsDeeperThan(value: unknown, levels: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (levels === 0) return true;
  return Object.values(value).some((item) => nestsDeeperThan(item, levels - 1));
}

/**
 * What no string of a request may hold: NUL (PostgreSQL text and jsonb cannot store it) and lone
 * surrogates such as `\uD800`, which are not text (jsonb refuses them; text would store U+FFFD).
 */
function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (!text.isWellFormed()) return 'must be well-formed Unicode (no lone surrogates)';
  return undefined;
}

const keyProblem = (key: string) =>
  textProblem(key) ??
  (INHERITED_KEYS.has(key) ? `${key} is not an allowed property name` : undefined);

function keyAndValueProblems(value: unknown, pointer: string): Array<[string, string]> {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? [[pointer, problem]] : [];
  }
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const child = `${pointer}/${escapeToken(key)}`;
    const problem = keyProblem(key);
    return [
      ...(problem ? [[child, problem] as [string, string]] : []),
      ...keyAndValueProblems(item, child),
    ];
  });
}

/**
 * What no validator should be asked to read in a request value (a body, a query, path
 * parameters), each with its pointer: nesting too deep to walk safely, text PostgreSQL cannot
 * store, and keys naming inherited members.
 */
export function unreadableInputErrors(value: unknown, location: FieldLocation): FieldError[] {
  const where = location === 'body' ? {} : { in: location };
  if (nestsDeeperThan(value, MAX_NESTING_DEPTH)) {
    const message = `must not nest objects and arrays more than ${MAX_NESTING_DEPTH} levels deep`;
    return [{ pointer: '', message, ...where }];
  }
  return keyAndValueProblems(value, '').map(([pointer, message]) => ({
    pointer,
    message,
    ...where,
  }));
}
