import { isUuid } from '../text/uuid';
import type { FieldType, FilterOperator, FilterSpec } from './filter-spec';
import { MAX_LIST_VALUES, MAX_STRING_LENGTH } from './limits';

// What a clause may say: its field against the spec, its operator against the field's kind, its
// value against the field's type. Nothing here writes SQL (see filter-sql.ts).

/** What a clause's field resolved to. JSON keys and array columns compare `element`-typed values. */
export interface Target {
  /** The field as the client named it, for messages. */
  name: string;
  json: boolean;
  sql: string;
  key: string;
  element: Exclude<FieldType, 'string[]'>;
  array: boolean;
  values: readonly string[];
  caseInsensitive: boolean;
}

const NULL_OPS: readonly FilterOperator[] = ['is null', 'is not null'];
const EQUALITY: readonly FilterOperator[] = ['=', '!=', 'in', 'not in'];
const ORDERED: readonly FilterOperator[] = [...EQUALITY, '<', '>', '<=', '>='];
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/i;
const DAY_MS = 86_400_000;
/** Parameter casts, so PostgreSQL never guesses; numbers stay uncast so integer indexes apply. */
export const CAST: Record<Target['element'], string> = {
  string: '',
  enum: '',
  number: '',
  boolean: '::boolean',
  uuid: '::uuid',
  datetime: '::timestamptz',
  date: '::date',
};
const isDate = (text: string) => {
  const [, y, m, d] = DATE.exec(text)?.map(Number) ?? [];
  if (!y) return false;
  const date = new Date(Date.UTC(2000, m - 1, d));
  date.setUTCFullYear(y);
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};
const isDateTime = (text: string) => {
  const match = DATE_TIME.exec(text);
  return !!match && isDate(match[1]) && !Number.isNaN(Date.parse(text));
};
/** `%` stays the one wildcard; `_` and `\` match themselves (PostgreSQL's `escape '\'`). */
export const likePattern = (text: string) => text.replace(/[\\_]/g, (c) => `\\${c}`);
/**
 * The span a date-time value stands for, when it is coarser than the stored precision: a date is
 * that whole UTC day, a time without fractions that whole second (responses show times to the
 * second, so a client can find a row by the time it was shown). Null for a precise time.
 */
export function periodOf(text: string): [string, string] | null {
  if (isDate(text)) {
    const start = Date.parse(`${text}T00:00:00Z`);
    return [new Date(start).toISOString(), new Date(start + DAY_MS).toISOString()];
  }
  if (/[T ]\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:?\d{2})$/i.test(text)) {
    const start = Date.parse(text);
    return [new Date(start).toISOString(), new Date(start + 1000).toISOString()];
  }
  return null;
}

/** The value as a parameter, or what was expected instead. */
function checkValue(target: Target, value: unknown): { param: unknown } | { expected: string } {
  const ok = (param: unknown) => ({ param });
  switch (target.element) {
    case 'string':
      // PostgreSQL text cannot hold NUL: refuse it here rather than fail in the database.
      return typeof value === 'string' && value.length <= MAX_STRING_LENGTH && !value.includes('\0')
        ? ok(value)
        : { expected: `a string of at most ${MAX_STRING_LENGTH} characters, without NUL` };
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? ok(value)
        : { expected: 'a number' };
    case 'boolean':
      return typeof value === 'boolean' ? ok(value) : { expected: 'true or false' };
    case 'uuid':
      return typeof value === 'string' && isUuid(value)
        ? ok(value.toLowerCase())
        : { expected: 'a UUID' };
    case 'date':
      return typeof value === 'string' && isDate(value)
        ? ok(value)
        : { expected: 'a date (YYYY-MM-DD)' };
    case 'datetime':
      return typeof value === 'string' && (isDateTime(value) || isDate(value))
        ? ok(value)
        : {
            expected:
              'an ISO 8601 date-time with a time zone (2024-01-15T10:30:00Z) or a date (YYYY-MM-DD)',
          };
    case 'enum':
      return typeof value === 'string' && target.values.includes(value)
        ? ok(value)
        : { expected: `one of: ${target.values.join(', ')}` };
  }
}

export function resolveField(spec: FilterSpec, field: string): Target | string {
  if (Object.hasOwn(spec.fields, field)) {
    const f = spec.fields[field];
    if (f.filterable === false) return `${field} cannot be filtered on`;
    const array = !!f.array || f.type === 'string[]';
    const element = f.type === 'string[]' ? 'string' : f.type;
    const caseInsensitive = !!f.caseInsensitive;
    return {
      name: field,
      json: false,
      sql: f.sql,
      key: field,
      element,
      array,
      values: f.values ?? [],
      caseInsensitive,
    };
  }
  const json = spec.json;
  const key = json && field.startsWith(json.prefix) ? field.slice(json.prefix.length) : '';
  const type = key ? json?.resolve(key) : undefined;
  if (json && type) {
    // JSON has no enum values to check against, and compares uuids and date-times as text.
    const element = type === 'string[]' || type === 'enum' ? 'string' : type;
    return {
      name: field,
      json: true,
      sql: json.sql,
      key,
      element,
      array: type === 'string[]',
      values: [],
      caseInsensitive: false,
    };
  }
  const known = Object.keys(spec.fields).filter((name) => spec.fields[name].filterable !== false);
  if (json) known.push(`${json.prefix}<key>`);
  return `unknown field ${field}; filterable fields are: ${known.join(', ')}`;
}

export function allowedOperators({ json, array, element }: Target): readonly FilterOperator[] {
  if (array) return [...EQUALITY, ...NULL_OPS];
  if (element === 'boolean') return ['=', '!=', ...NULL_OPS];
  if (element === 'string') return [...ORDERED, 'like', ...NULL_OPS];
  if (element === 'number' || element === 'date' || (element === 'datetime' && !json))
    return [...ORDERED, ...NULL_OPS];
  return [...EQUALITY, ...NULL_OPS];
}

/** The checked parameters of a clause: none, one, or a list. */
export function checkValues(
  target: Target,
  op: FilterOperator,
  value: unknown,
): unknown[] | string {
  const { name } = target;
  if (NULL_OPS.includes(op)) return value == null ? [] : `${op} takes no value`;
  if (op === 'in' || op === 'not in') {
    if (!Array.isArray(value) || value.length === 0 || value.length > MAX_LIST_VALUES)
      return `${op} takes a non-empty list of at most ${MAX_LIST_VALUES} values`;
    const params: unknown[] = [];
    for (const [i, item] of value.entries()) {
      const checked = checkValue(target, item);
      if ('expected' in checked) return `value ${i} of the list must be ${checked.expected}`;
      // A whole day is a range, not a value: say `=` for one day.
      if (target.element === 'datetime' && !target.json && isDate(item as string))
        return `value ${i} of the list must be a date-time with a time zone; use = for a whole day`;
      params.push(checked.param);
    }
    return params;
  }
  if (value == null) return `${name} takes a value with ${op}; use is null to find empty ones`;
  const checked = checkValue(target, value);
  return 'expected' in checked ? `${name} must be ${checked.expected}` : [checked.param];
}
