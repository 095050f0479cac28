/** The operators of the search DSL, as clients spell them (compared case-insensitively). */
export const FILTER_OPERATORS = [
  '=',
  '!=',
  '<',
  '>',
  '<=',
  '>=',
  'like',
  'in',
  'not in',
  'is null',
  'is not null',
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export type FieldType =
  'string' | 'number' | 'boolean' | 'uuid' | 'datetime' | 'date' | 'enum' | 'string[]';

/**
 * One allow-listed field. `sql` is spliced into the query as is, so it must come from code; it must
 * not contain `?` (every `?` is a placeholder, so write `jsonb_exists(…)` instead of `… ? 'key'`).
 */
export interface FieldSpec {
  type: FieldType;
  /** Trusted SQL expression (from code, never from a request), e.g. `a.email`. */
  sql: string;
  /** Allowed values for `enum`. */
  values?: readonly string[];
  /**
   * Column is an array of `type` (e.g. `uuid[]`): `=` means "contains", `!=` "does not contain",
   * `in` "overlaps", `is null` "is empty". A `string[]` type implies an array of text.
   */
  array?: boolean;
  /** Default false. */
  sortable?: boolean;
  /** Default true. */
  filterable?: boolean;
  /** `like`, `=`, `!=` and `in` on strings compare case-insensitively (ILIKE / lower()). */
  caseInsensitive?: boolean;
}

/** Dynamic keys inside one jsonb column, e.g. `custom_fields.company` → `a.fields ->> 'company'`. */
export interface JsonFieldsSpec {
  /** e.g. `custom_fields.` */
  prefix: string;
  /** Trusted SQL expression of the jsonb column, e.g. `a.fields`. */
  sql: string;
  /**
   * Type of a dynamic key, or undefined if the key is not allowed (400). Keys are passed as bound
   * parameters, never spliced into SQL. `uuid` and `datetime` keys compare as text (so date-times
   * are not ordered), `enum` keys as any string.
   */
  resolve(key: string): FieldType | undefined;
}

export interface FilterSpec {
  fields: Record<string, FieldSpec>;
  json?: JsonFieldsSpec;
}

/** One search condition as a client sent it; nothing about it is trusted yet. */
export interface FilterClause {
  field: string;
  operator: string;
  value?: unknown;
}

export interface SortClause {
  field: string;
  direction: 'asc' | 'desc';
}

/** A boolean SQL condition with `?` placeholders, one per entry of `params`, in order. */
export interface SqlFragment {
  sql: string;
  params: unknown[];
}

/** A trusted sort expression, ready for `order by`. */
export interface SortFragment {
  sql: string;
  direction: 'asc' | 'desc';
}
