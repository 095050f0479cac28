import type { FieldError } from '../problems/problem';
import { RequestValidationError } from '../validation/request-validation.error';

const queryError = (pointer: string, message: string): FieldError => ({
  pointer,
  message,
  in: 'query',
});

// A type name comes from the caller: escape it so `/` cannot split the pointer (RFC 6901).
const fieldsPointer = (type: string) => `/fields[${type.replace(/~/g, '~0').replace(/\//g, '~1')}]`;

const list = (names: readonly string[]) => (names.length > 0 ? names.join(', ') : 'none');

/** `a, b,,a` → `['a', 'b']`: trimmed, without blanks or repeats, in the order given. */
const splitList = (value: string) => [
  ...new Set(
    value
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== ''),
  ),
];

/**
 * Reads `include=a,b.c` against the relationship paths a route can include. A nested path is only
 * accepted when `allowed` names it. Absent means nothing is included.
 */
export function parseInclude(value: unknown, allowed: readonly string[]): string[] {
  if (value === undefined) return [];
  if (typeof value !== 'string') {
    throw new RequestValidationError([
      queryError(
        '/include',
        `include takes one comma-separated list of relationship paths; includable: ${list(allowed)}`,
      ),
    ]);
  }
  const paths = splitList(value);
  const unknown = paths.filter((path) => !allowed.includes(path));
  if (unknown.length > 0) {
    throw new RequestValidationError([
      queryError(
        '/include',
        `unknown include: ${unknown.join(', ')}; includable: ${list(allowed)}`,
      ),
    ]);
  }
  return paths;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads sparse fieldsets, `fields[TYPE]=a,b` parsed into `{ TYPE: 'a,b' }`, against the fields
 * (attributes and relationships) of each type a route can return. An empty list asks for no fields.
 * Every rejected type or field is reported at once.
 */
export function parseFields(
  value: unknown,
  allowed: Record<string, readonly string[]>,
): Map<string, Set<string>> {
  const fieldsets = new Map<string, Set<string>>();
  if (value === undefined) return fieldsets;
  if (!isRecord(value)) {
    throw new RequestValidationError([
      queryError('/fields', 'fields takes the form fields[TYPE]=field,field'),
    ]);
  }
  const errors: FieldError[] = [];
  const types = Object.keys(allowed);
  for (const [type, names] of Object.entries(value)) {
    const pointer = fieldsPointer(type);
    if (!Object.hasOwn(allowed, type)) {
      errors.push(queryError(pointer, `unknown resource type ${type}; types: ${list(types)}`));
    } else if (typeof names !== 'string') {
      errors.push(queryError(pointer, `fields[${type}] takes one comma-separated list of fields`));
    } else {
      const requested = splitList(names);
      const unknown = requested.filter((name) => !allowed[type].includes(name));
      if (unknown.length > 0) {
        errors.push(
          queryError(
            pointer,
            `unknown field in fields[${type}]: ${unknown.join(', ')}; fields: ${list(allowed[type])}`,
          ),
        );
      } else fieldsets.set(type, new Set(requested));
    }
  }
  if (errors.length > 0) throw new RequestValidationError(errors);
  return fieldsets;
}
