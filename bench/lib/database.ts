import pg from 'pg';

/** The benchmark's own database on the server DATABASE_URL names: created at the start, dropped at the end. */
export interface BenchDatabase {
  name: string;
  url: string;
  /** A pool for the harness's own queries (seeding, checks): never shared with the servers measured. */
  pool: pg.Pool;
  drop(): Promise<void>;
}

const withDatabase = (url: string, name: string) => {
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
};

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const name = `turnout_bench_${stamp}_${process.pid}`;
  await onServer(serverUrl, `create database "${name}"`);
  const url = withDatabase(serverUrl, name);
  const pool = new pg.Pool({ connectionString: url, max: 4, application_name: 'turnout-bench' });
  return {
    name,
    url,
    pool,
    drop: async () => {
      await pool.end();
      await onServer(serverUrl, `drop database if exists "${name}" with (force)`);
    },
  };
}

/** One row of a query, typed by the caller. */
export async function one<Row>(pool: pg.Pool, sql: string, values: unknown[] = []): Promise<Row> {
  const { rows } = await pool.query<Row & pg.QueryResultRow>(sql, values);
  if (rows.length !== 1) throw new Error(`Expected one row, got ${rows.length}: ${sql}`);
  return rows[0];
}
