import type { FieldError } from '../problems/problem';
import { RequestValidationError } from '../validation/request-validation.error';
import type { CompileOptions } from './compile-filters';
import type { FieldType, FilterClause, FilterSpec, SortClause } from './filter-spec';

const FILTER_KEY = /^filter\[(.*)\]$/s;
const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
/** Types whose values never contain a comma, so `a,b` can only mean a list. */
const LISTABLE: readonly FieldType[] = ['uuid', 'enum', 'number', 'date'];

const queryError = (pointer: string, message: string): FieldError => ({
  pointer,
  message,
  in: 'query',
});
const filterPointer = (field: string) => `/filter[${field}]`;

/** Compile options pointing errors at `filter[field]` in the query string. */
export const filterParamOptions = (
  clauses: readonly FilterClause[],
): CompileOptions<'field' | 'operator' | 'value'> => ({
  pointer: (index) => filterPointer(clauses[index]?.field ?? ''),
  location: 'query',
});

/** Compile options pointing errors at the `sort` query parameter. */
export const SORT_PARAM_OPTIONS: CompileOptions<'field' | 'direction'> = {
  pointer: () => '/sort',
  location: 'query',
};

function typeOf(spec: FilterSpec, field: string): FieldType | undefined {
  if (Object.hasOwn(spec.fields, field)) return spec.fields[field].type;
  const json = spec.json;
  const key = json && field.startsWith(json.prefix) ? field.slice(json.prefix.length) : '';
  return key ? json?.resolve(key) : undefined;
}

/** Query strings carry text only: give numbers and booleans back their JSON type. */
function scalar(type: FieldType, text: string): unknown {
  if (type === 'number' && NUMBER.test(text)) return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

function toClause(field: string, type: FieldType, raw: string | string[]): FilterClause {
  if (Array.isArray(raw)) {
    return { field, operator: 'in', value: raw.map((text) => scalar(type, text)) };
  }
  if (raw === 'null') return { field, operator: 'is null' };
  if (LISTABLE.includes(type) && raw.includes(',')) {
    return {
      field,
      operator: 'in',
      value: raw.split(',').map((text) => scalar(type, text.trim())),
    };
  }
  return { field, operator: '=', value: scalar(type, raw) };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string | string[] =>
  typeof value === 'string' ||
  (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string'));

/**
 * Reads `filter[field]=value` (as Fastify leaves it) or an already nested `filter` object into
 * equality clauses: `null` means `is null`, a comma list of ids, enums, numbers or dates and a
 * repeated parameter mean `in`. Strings are matched exactly, commas and all.
 */
export function parseFilterParams(
  query: Record<string, unknown>,
  spec: FilterSpec,
): FilterClause[] {
  const entries: Array<[string, unknown]> = [];
  const errors: FieldError[] = [];
  for (const [name, value] of Object.entries(query)) {
    const field = FILTER_KEY.exec(name)?.[1];
    if (field !== undefined) entries.push([field, value]);
  }
  if (isRecord(query.filter)) entries.push(...Object.entries(query.filter));
  else if (query.filter !== undefined) {
    errors.push(queryError('/filter', 'filter takes the form filter[field]=value'));
  }
  const clauses: FilterClause[] = [];
  for (const [field, value] of entries) {
    const type = typeOf(spec, field);
    if (!type) errors.push(queryError(filterPointer(field), `unknown filter field ${field}`));
    else if (!isText(value)) {
      errors.push(queryError(filterPointer(field), `filter[${field}] takes a single value`));
    } else clauses.push(toClause(field, type, value));
  }
  if (errors.length > 0) throw new RequestValidationError(errors);
  return clauses;
}

/** Reads `sort=-created_at,last_name`: comma-separated fields, `-` for descending. */
export function parseSortParam(value: unknown): SortClause[] {
  if (value === undefined) return [];
  const pieces = typeof value === 'string' ? value.split(',').map((piece) => piece.trim()) : [];
  if (pieces.length === 0 || pieces.some((piece) => piece === '' || piece === '-')) {
    throw new RequestValidationError([
      queryError('/sort', 'sort takes comma-separated field names, each optionally prefixed by -'),
    ]);
  }
  return pieces.map((piece) =>
    piece.startsWith('-')
      ? { field: piece.slice(1), direction: 'desc' }
      : { field: piece, direction: 'asc' },
  );
}
