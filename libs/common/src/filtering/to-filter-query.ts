import { raw, type FilterQuery, type QueryOrderMap } from '@mikro-orm/core';
import type { SortFragment, SqlFragment } from './filter-spec';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `raw()` takes a callback to learn the root alias the query really uses (`em.find` picks its own,
 * e.g. `a0`), so SQL written against `alias` (`a.email`) follows it. Without `alias` the SQL is
 * used as is, which suits a QueryBuilder created with the spec's alias.
 */
function rawSql(sql: string, params: unknown[], alias: string | undefined) {
  if (!alias) return raw(sql, params);
  const qualified = new RegExp(`(?<![\\w$."])${escapeRegExp(alias)}\\.`, 'g');
  return raw((root: string) => sql.replace(qualified, `${root}.`), params);
}

/**
 * Compiled filters as a MikroORM `FilterQuery` for `em.find`/`em.count`: raw keys whose value is
 * `[]`, ANDed. MikroORM 7 does not send `?` values as protocol parameters: it escapes and inlines
 * them (`platform.formatQuery`), spreading a JS array into a comma list, which is why the compiler
 * never binds arrays.
 */
export function toFilterQuery<T>(
  fragments: readonly SqlFragment[],
  alias?: string,
): FilterQuery<T> {
  if (fragments.length === 0) return {};
  return {
    $and: fragments.map(({ sql, params }) => ({ [rawSql(sql, params, alias)]: [] })),
  } as FilterQuery<T>;
}

/** Compiled filters as one raw condition, for `qb.andWhere(…)` on a QueryBuilder. */
export function toRawCondition(fragments: readonly SqlFragment[], alias?: string) {
  if (fragments.length === 0) return raw('true');
  const sql = fragments.map((fragment) => fragment.sql).join(' and ');
  return rawSql(
    sql,
    fragments.flatMap((fragment) => fragment.params),
    alias,
  );
}

/** Compiled sort as MikroORM `orderBy`: one object per key, since raw and named keys must not mix. */
export function toOrderBy<T>(sort: readonly SortFragment[], alias?: string): QueryOrderMap<T>[] {
  return sort.map(
    ({ sql, direction }) => ({ [rawSql(sql, [], alias)]: direction }) as QueryOrderMap<T>,
  );
}
