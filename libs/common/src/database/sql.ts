import { DriverException, type EntityManager } from '@mikro-orm/core';
import { PostgreSqlConnection } from '@mikro-orm/postgresql';

/**
 * A statement of a hot path, prepared once per connection on PostgreSQL: the server parses and
 * plans it once, then only binds and runs it, as a hand-written `pg` service does. MikroORM sends
 * every other statement with its values inlined, parsed and planned each time; the benchmark
 * measured that at half of PostgreSQL's CPU time per check-in (bench/README.md).
 *
 * `text` takes `?` parameters like any raw SQL here, but never an array (a prepared statement's
 * text cannot grow an `in (…)` list); where PostgreSQL cannot tell a parameter's type from the
 * text, cast it (`?::int`). On PGlite it runs as plain raw SQL.
 */
export class Statement {
  /** Every statement's text by name: pg refuses a name prepared for another text on a connection. */
  private static readonly texts = new Map<string, string>();

  /** `text` with `$1`, `$2`, … for its `?`s, as PostgreSQL's protocol takes parameters. */
  readonly numbered: string;

  constructor(
    readonly name: string,
    readonly text: string,
  ) {
    const known = Statement.texts.get(name);
    if (known !== undefined && known !== text) {
      throw new Error(`Statement name ${name} is already taken by another statement`);
    }
    Statement.texts.set(name, text);
    let n = 0;
    this.numbered = text.replace(/\?/g, () => `$${++n}`);
  }
}

/** What `sqlRows` needs of a Kysely instance or transaction. */
interface KyselyExecutor {
  executeQuery<R>(query: unknown): Promise<{ rows: R[] }>;
}

/** MikroORM's timing and query log around a statement (protected in its typings). */
interface LoggingConnection {
  executeQuery<T>(query: string, run: () => Promise<T>): Promise<T>;
}

/**
 * Raw SQL, run where the ORM's own queries for `em` go: through the request's (or transaction's)
 * EntityManager when `em` is the global one, and inside its transaction when there is one (PGlite
 * has a single connection: a statement beside an open transaction would wait for it forever).
 * Values are `?` parameters, which MikroORM escapes and inlines; an array expands for `in (?)`.
 * A {@link Statement} goes to PostgreSQL as a prepared statement, its values bound.
 *
 * Going through the context, not `em`'s own driver, also keeps several apps in one process (the
 * tests) apart: passport keeps one JWT strategy per process, so the guard may reach another app's
 * services, whose `em` is not the request's.
 *
 * A failure comes as the ORM's own exception (`UniqueConstraintViolationException`, …), as for a
 * flush: the driver's raw errors are converted here, once, for every caller.
 */
export function sqlRows<T = unknown>(
  em: EntityManager,
  query: string | Statement,
  params: readonly unknown[] = [],
): Promise<T[]> {
  return run<T>(em, query, params).catch((error: unknown) => {
    throw error instanceof Error && !(error instanceof DriverException)
      ? em.getPlatform().getExceptionConverter().convertException(error)
      : error;
  });
}

function run<T>(
  em: EntityManager,
  query: string | Statement,
  params: readonly unknown[],
): Promise<T[]> {
  const context = em.getContext(false);
  const connection = context.getConnection();
  const transaction = context.getTransactionContext<object>();
  if (typeof query === 'string' || !(connection instanceof PostgreSqlConnection)) {
    const text = typeof query === 'string' ? query : query.text;
    return connection.execute(text, [...params], 'all', transaction);
  }
  const executor = (transaction ?? connection.getClient()) as unknown as KyselyExecutor;
  // Kysely hands `sql` and `parameters` to pg's `client.query(sql, values)`, which also takes a
  // `{ name, text }`: the name makes pg prepare the statement on a connection's first use of it.
  const compiled = {
    sql: { name: query.name, text: query.numbered },
    parameters: [...params],
    query: { kind: 'RawNode', sqlFragments: [query.numbered], parameters: [] },
    queryId: { queryId: query.name },
  };
  // MikroORM's log shows the statement with its values inlined (the benchmark's --explain reads it).
  const logged = em.config.getLogger().isEnabled('query')
    ? connection.getPlatform().formatQuery(query.text, [...params])
    : query.text;
  return (connection as unknown as LoggingConnection).executeQuery(logged, async () => {
    const result = await executor.executeQuery<T>(compiled);
    return result.rows;
  });
}
