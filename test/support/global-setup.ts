import { ADMIN_URL_VARIABLE, createDatabase } from './test-database';

/**
 * With DATABASE_URL set, the whole run gets its own database on that server (dropped afterwards),
 * so runs never collide. Without it, each test file boots on an in-memory PGlite.
 */
export default async function globalSetup(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return;
  process.env[ADMIN_URL_VARIABLE] = serverUrl;
  process.env.DATABASE_URL = await createDatabase(serverUrl);
}
