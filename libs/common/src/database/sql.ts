import type { EntityManager } from '@mikro-orm/core';

/**
 * Raw SQL, run where the ORM's own queries for `em` go: through the request's (or transaction's)
 * EntityManager when `em` is the global one, and inside its transaction when there is one (PGlite
 * has a single connection: a statement beside an open transaction would wait for it forever).
 * Values are `?` parameters, which MikroORM escapes and inlines; an array expands for `in (?)`.
 *
 * Going through the context, not `em`'s own driver, also keeps several apps in one process (the
 * tests) apart: passport keeps one JWT strategy per process, so the guard may reach another app's
 * services, whose `em` is not the request's.
 */
export function sqlRows<T = unknown>(
  em: EntityManager,
  query: string,
  params: readonly unknown[] = [],
): Promise<T[]> {
  const context = em.getContext(false);
  return context
    .getConnection()
    .execute(query, [...params], 'all', context.getTransactionContext());
}
