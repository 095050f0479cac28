import type { FilterOperator, SqlFragment } from './filter-spec';
import { CAST, likePattern, periodOf, type Target } from './filter-values';

// The SQL of a checked clause: the spec's trusted expressions, and a `?` for every value.

const repeat = (count: number, placeholder: string) => Array(count).fill(placeholder).join(', ');
const jsonDoc = (t: Target, value: unknown) =>
  JSON.stringify({ [t.key]: t.array ? [value] : value });

export function jsonSql(t: Target, op: FilterOperator, values: unknown[]): SqlFragment {
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

export function arraySql(
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

export function columnSql(t: Target, op: FilterOperator, values: unknown[]): SqlFragment {
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
