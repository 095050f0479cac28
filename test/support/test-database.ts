import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The server-level URL the run was started with, kept by the global setup. */
export const ADMIN_URL_VARIABLE = 'TURNOUT_TEST_ADMIN_URL';

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function onServer<T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: withDatabase(adminUrl, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database with a unique name and returns its URL. */
export async function createDatabase(adminUrl: string, prefix = 'turnout_test'): Promise<string> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await onServer(adminUrl, (client) => client.query(`create database "${name}"`));
  return withDatabase(adminUrl, name);
}

export async function dropDatabase(adminUrl: string, url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await onServer(adminUrl, (client) =>
    client.query(`drop database if exists "${name}" with (force)`),
  );
}

/** Runs SQL against the server's `postgres` database (to block or release another database). */
export function onPostgresServer<T>(
  adminUrl: string,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  return onServer(adminUrl, work);
}
