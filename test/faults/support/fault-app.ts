import { Client } from 'pg';
import { type BuiltServer, startBuilt } from '../../support/built-server';
import { createDatabase, dropDatabase } from '../../support/test-database';
import type { Teardown } from './teardown';

/** The PostgreSQL server the fault tests create their databases on. */
export const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The first Admin of every app started here; its token outlives restarts (same JWT secret). */
export const ADMIN = { email: 'faults-admin@turnout.test', password: 'faults-admin-password' };

/** Thirty attempts a second apart (the most allowed): a receiver down for seconds never exhausts them. */
const RETRY_SCHEDULE = Array.from({ length: 30 }, (_, index) => (index === 0 ? 0 : 1000)).join(',');

/**
 * Production settings, with the webhook timings compressed so a crash, a takeover and retries play
 * out in seconds, and the general rate limits off (the tests fire bursts from one address).
 */
export function faultEnv(databaseUrl: string, extra: Record<string, string> = {}) {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: 'faults-secret-that-is-at-least-32-characters',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    RATE_LIMIT_ANONYMOUS: '0',
    RATE_LIMIT_AUTHENTICATED: '0',
    WEBHOOK_ALLOW_HTTP: 'true',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    WEBHOOK_POLL_MS: '100',
    // The lease outlasts the receiver timeout, so a slow answer is never sent twice by two instances.
    WEBHOOK_LEASE_SECONDS: '5',
    WEBHOOK_TIMEOUT_MS: '2000',
    WEBHOOK_RETRY_SCHEDULE: RETRY_SCHEDULE,
    ...extra,
  };
}

/** A database of its own on SERVER_URL for one test file, dropped (connections and all) at the end. */
export async function scratchDatabase(teardown: Teardown, prefix: string): Promise<string> {
  const url = await createDatabase(SERVER_URL, prefix);
  return teardown.defer(url, () => dropDatabase(SERVER_URL, url));
}

/** Starts the built app on `databaseUrl`; it is killed at teardown if a test left it running. */
export async function startApp(
  teardown: Teardown,
  databaseUrl: string,
  extra: Record<string, string> = {},
): Promise<BuiltServer> {
  const app = await startBuilt(faultEnv(databaseUrl, extra));
  return teardown.defer(app, (started) => started.stop('SIGKILL'));
}

/** Reads the app's database directly: what was stored, whatever the API says. */
export async function query<T>(databaseUrl: string, text: string, params: unknown[] = []) {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}
