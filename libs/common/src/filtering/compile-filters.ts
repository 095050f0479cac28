import type { FieldError } from '../problems/problem';
import { isUuid } from '../text/uuid';
import { RequestValidationError } from '../validation/request-validation.error';
import {
  FILTER_OPERATORS,
  type FieldType,
  type FilterClause,
  type FilterOperator,
  type FilterSpec,
  type SortClause,
  type SortFragment,
  type SqlFragment,
} from './filter-spec';

export const MAX_FILTERS = 20;
export const MAX_LIST_VALUES = 1000;
export const MAX_STRING_LENGTH = 500;

/** How to point at a clause member in the request, e.g. `(1, 'operator')` → `/filters/1/operator`. */
export interface CompileOptions<Member extends string> {
  pointer: (index: number, member: Member) => string;
  /** Where the clauses came from; errors outside the body say so (`in: 'query'`). Default `body`. */
  location?: 'body' | 'query';
}

type Problem<Member> = { member: Member; message: string };

/** What a clause's field resolved to. JSON keys and array columns compare `element`-typed values. */
interface Target {
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
const CAST: Record<Target['element'], string> = {
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
const likePattern = (text: string) => text.replace(/[\\_]/g, (c) => `\\${c}`);
/**
 * The span a date-time value stands for, when it is coarser than the stored precision: a date is
 * that whole UTC day, a time without fractions that whole second (responses show times to the
 * second, so a client can find a row by the time it was shown). Null for a precise time.
 */
function periodOf(text: string): [string, string] | null {
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

function resolveField(spec: FilterSpec, field: string): Target | string {
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

function allowedOperators({ json, array, element }: Target): readonly FilterOperator[] {
  if (array) return [...EQUALITY, ...NULL_OPS];
  if (element === 'boolean') return ['=', '!=', ...NULL_OPS];
  if (element === 'string') return [...ORDERED, 'like', ...NULL_OPS];
  if (element === 'number' || element === 'date' || (element === 'datetime' && !json))
    return [...ORDERED, ...NULL_OPS];
  return [...EQUALITY, ...NULL_OPS];
}

/** The checked parameters of a clause: none, one, or a list. */
function checkValues(target: Target, op: FilterOperator, value: unknown): unknown[] | string {
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

const repeat = (count: number, placeholder: string) => Array(count).fill(placeholder).join(', ');
const jsonDoc = (t: Target, value: unknown) =>
  JSON.stringify({ [t.key]: t.array ? [value] : value });

function jsonSql(t: Target, op: FilterOperator, values: unknown[]): SqlFragment {
  const col = t.sql;
  // Containment (`@>`) rather than `->>` so a GIN (jsonb_path_ops) index serves equality.
  const contains = `(${values.map(() => `${col} @> ?::jsonb`).join(' or ')})`;
  const docs = values.map((v) => jsonDoc(t, v));
  const number = `(case when jsonb_typeof(${col} -> ?::text) = 'number' then (${col} ->> ?::text)::numeric end)`;
  switch (op) {
    case '=':
    case 'in':
      return { sql: contains, params: docs };
    case '!=':
    case 'not in':
      return { sql: `(not coalesce(${contains}, false))`, params: docs };
    case 'is null':
      return {
        sql: `(coalesce(jsonb_typeof(${col} -> ?::text), 'null') = 'null')`,
        params: [t.key],
      };
    case 'is not null':
      return { sql: `(jsonb_typeof(${col} -> ?::text) <> 'null')`, params: [t.key] };
    case 'like':
      return {
        sql: `((${col} ->> ?::text) ilike ? escape '\\')`,
        params: [t.key, likePattern(values[0] as string)],
      };
    default:
      return t.element === 'number'
        ? { sql: `(${number} ${op} ?::numeric)`, params: [t.key, t.key, values[0]] }
        : { sql: `((${col} ->> ?::text) ${op} ?)`, params: [t.key, values[0]] };
  }
}

/**
 * One array-literal parameter (`{"a","b"}`), not a JS array: MikroORM inlines a JS array as a
 * comma list. Text and numbers stay uncast so PostgreSQL reads the literal as the column's own
 * array type (`varchar[] @> text[]` has no operator).
 */
const arrayLiteral = (values: unknown[]) =>
  `{${values.map((v) => `"${String(v).replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;

function arraySql(
  { sql: col, element }: Target,
  op: FilterOperator,
  values: unknown[],
): SqlFragment {
  if (op === 'is null') return { sql: `(coalesce(cardinality(${col}), 0) = 0)`, params: [] };
  if (op === 'is not null') return { sql: `(cardinality(${col}) > 0)`, params: [] };
  // `@>` and `&&` (not `= any`) so a GIN index on the array column can serve them.
  const cast = CAST[element] && `${CAST[element]}[]`;
  const test = `${col} ${op === '=' || op === '!=' ? '@>' : '&&'} ?${cast}`;
  const params = [arrayLiteral(values)];
  if (op === '=' || op === 'in') return { sql: `(${test})`, params };
  return { sql: `(not coalesce(${test}, false))`, params };
}

function columnSql(t: Target, op: FilterOperator, values: unknown[]): SqlFragment {
  const col = t.sql;
  const period =
    t.element === 'datetime' && values.length === 1 && typeof values[0] === 'string'
      ? periodOf(values[0])
      : null;
  if (period && ['=', '!=', '<', '<=', '>', '>='].includes(op)) {
    // A whole day or second against a date-time is a range: [start, next).
    const [start, next] = period;
    const [from, to] = [`${col} >= ?::timestamptz`, `${col} < ?::timestamptz`];
    if (op === '=') return { sql: `(${from} and ${to})`, params: [start, next] };
    if (op === '!=')
      return {
        sql: `(${col} is null or ${to} or ${col} >= ?::timestamptz)`,
        params: [start, next],
      };
    const bound = op === '<' || op === '>=' ? start : next;
    return {
      sql: `(${col} ${op === '>' ? '>=' : op === '<=' ? '<' : op} ?::timestamptz)`,
      params: [bound],
    };
  }
  const lower = t.caseInsensitive && t.element === 'string';
  const lhs = lower ? `lower(${col})` : col;
  const value = lower ? 'lower(?)' : `?${CAST[t.element]}`;
  switch (op) {
    case 'is null':
    case 'is not null':
      return { sql: `(${col} ${op})`, params: [] };
    case 'like':
      return {
        sql: `(${col} ${lower ? 'ilike' : 'like'} ? escape '\\')`,
        params: [likePattern(values[0] as string)],
      };
    case 'in':
      return { sql: `(${lhs} in (${repeat(values.length, value)}))`, params: values };
    case 'not in':
      return {
        sql: `(${col} is null or ${lhs} not in (${repeat(values.length, value)}))`,
        params: values,
      };
    case '!=':
      return { sql: `(${lhs} is distinct from ${value})`, params: values };
    case '=':
      return { sql: `(${lhs} = ${value})`, params: values };
    default:
      return { sql: `(${col} ${op} ?${CAST[t.element]})`, params: values };
  }
}

function compileClause(
  spec: FilterSpec,
  clause: FilterClause,
): SqlFragment | Problem<'field' | 'operator' | 'value'> {
  const target =
    typeof clause.field === 'string' ? resolveField(spec, clause.field) : 'field must be a string';
  if (typeof target === 'string') return { member: 'field', message: target };
  const op =
    typeof clause.operator === 'string'
      ? clause.operator.trim().toLowerCase().replace(/\s+/g, ' ')
      : '';
  if (!FILTER_OPERATORS.includes(op as FilterOperator))
    return {
      member: 'operator',
      message: `operator must be one of: ${FILTER_OPERATORS.join(', ')}`,
    };
  const allowed = allowedOperators(target);
  if (!allowed.includes(op as FilterOperator))
    return {
      member: 'operator',
      message: `${op} does not apply to ${clause.field}; use one of: ${allowed.join(', ')}`,
    };
  const values = checkValues(target, op as FilterOperator, clause.value);
  if (typeof values === 'string') return { member: 'value', message: values };
  const build = target.json ? jsonSql : target.array ? arraySql : columnSql;
  return build(target, op as FilterOperator, values);
}

function fail<Member extends string>(
  problems: Array<Problem<Member> & { index: number }>,
  options: CompileOptions<Member>,
): never {
  throw new RequestValidationError(
    problems.map(({ index, member, message }) => ({
      pointer: options.pointer(index, member),
      message,
      ...(options.location === 'query' ? { in: 'query' as const } : {}),
    })) satisfies FieldError[],
  );
}

/**
 * Compiles search clauses into parenthesised SQL conditions to AND together, values always as
 * `?` parameters, field SQL only from the spec. `!=` and `not in` also match rows where the field
 * is null (`is distinct from`; a missing JSON key, an absent array), because "not Acme" should
 * include attendees with no company. A date given for a date-time field means that whole UTC day
 * (`>` it is after the day, `<=` up to its end). Throws a `RequestValidationError` listing every
 * rejected clause member.
 */
export function compileFilters(
  spec: FilterSpec,
  clauses: readonly FilterClause[],
  options: CompileOptions<'field' | 'operator' | 'value'>,
): SqlFragment[] {
  if (clauses.length > MAX_FILTERS)
    fail(
      [
        {
          index: MAX_FILTERS,
          member: 'field',
          message: `at most ${MAX_FILTERS} filters per request`,
        },
      ],
      options,
    );
  const problems: Array<Problem<'field' | 'operator' | 'value'> & { index: number }> = [];
  const fragments = clauses.flatMap((clause, index) => {
    const compiled = compileClause(spec, clause);
    if ('sql' in compiled) return [compiled];
    problems.push({ ...compiled, index });
    return [];
  });
  if (problems.length > 0) fail(problems, options);
  return fragments;
}

/** Turns sort clauses into trusted expressions; a field may appear once and must be sortable. */
export function compileSort(
  spec: FilterSpec,
  sort: readonly SortClause[],
  options: CompileOptions<'field' | 'direction'>,
): SortFragment[] {
  const problems: Array<Problem<'field' | 'direction'> & { index: number }> = [];
  const seen = new Set<string>();
  const sortable = Object.keys(spec.fields).filter((name) => spec.fields[name].sortable);
  sort.forEach(({ field, direction }, index) => {
    if (!Object.hasOwn(spec.fields, field) || !spec.fields[field].sortable)
      problems.push({
        index,
        member: 'field',
        message: `cannot sort by ${field}; sortable fields are: ${sortable.join(', ')}`,
      });
    else if (seen.has(field))
      problems.push({ index, member: 'field', message: `${field} is sorted on twice` });
    if (direction !== 'asc' && direction !== 'desc')
      problems.push({ index, member: 'direction', message: 'direction must be asc or desc' });
    seen.add(field);
  });
  if (problems.length > 0) fail(problems, options);
  return sort.map(({ field, direction }) => ({ sql: spec.fields[field].sql, direction }));
}
