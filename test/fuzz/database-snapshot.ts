import type { TestApp } from '../support/test-app';

/**
 * Each table's row count and a digest of all its rows (the sum of their hashes: order-independent,
 * so no sort): equal snapshots mean nothing was written.
 */
export type Snapshot = Record<string, string>;

// The realtime adapter's transport buffer, which it prunes on its own clock: not data.
const NOT_DATA = new Set(['socket_io_attachments']);

async function tablesOf(t: TestApp): Promise<string[]> {
  const rows = (await t.orm.em
    .fork()
    .getConnection()
    .execute(
      `select table_name as name from information_schema.tables
       where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
    )) as Array<{ name: string }>;
  return rows.map((row) => row.name).filter((name) => !NOT_DATA.has(name));
}

/** Takes snapshots of every table of the app's database with one query (PGlite or PostgreSQL). */
export async function snapshotter(t: TestApp): Promise<() => Promise<Snapshot>> {
  const tables = await tablesOf(t);
  const sql = tables
    .map(
      (table) =>
        `select '${table}' as name, count(*) || ':' || coalesce(sum(hashtextextended(t::text, 0)), 0) as digest from "${table}" t`,
    )
    .join(' union all ');
  return async () => {
    const rows = (await t.orm.em.fork().getConnection().execute(sql)) as Array<{
      name: string;
      digest: string;
    }>;
    return Object.fromEntries(rows.map((row) => [row.name, row.digest]));
  };
}

/** The tables whose rows differ between two snapshots. */
export const changedTables = (before: Snapshot, after: Snapshot) =>
  Object.keys(after).filter((table) => before[table] !== after[table]);
