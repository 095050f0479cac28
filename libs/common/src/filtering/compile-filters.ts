import type { FieldError } from '../problems/problem';
import { RequestValidationError } from '../validation/request-validation.error';
import {
  FILTER_OPERATORS,
  type FilterClause,
  type FilterOperator,
  type FilterSpec,
  type SortClause,
  type SortFragment,
  type SqlFragment,
} from './filter-spec';

import { arraySql, columnSql, jsonSql } from './filter-sql';
import { allowedOperators, checkValues, resolveField } from './filter-values';
import { MAX_FILTERS } from './limits';

export { MAX_FILTERS, MAX_LIST_VALUES, MAX_STRING_LENGTH } from './limits';

/** How to point at a clause member in the request, e.g. `(1, 'operator')` → `/filters/1/operator`. */
export interface CompileOptions<Member extends string> {
  pointer: (index: number, member: Member) => string;
  /** Where the clauses came from; errors outside the body say so (`in: 'query'`). Default `body`. */
  location?: 'body' | 'query';
}

type Problem<Member> = { member: Member; message: string };

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
