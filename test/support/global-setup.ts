import { ADMIN_URL_VARIABLE, createDatabase } from './test-database';

/** The databases of a run, one per jest worker, as JSON (read by ./worker-database). */
export const WORKER_DATABASES_VARIABLE = 'TURNOUT_TEST_WORKER_DATABASES';

/**
 * With DATABASE_URL set, each jest worker of the run gets its own database on that server
 * (dropped afterwards): runs never collide, and the test files of one worker run one after the
 * other on theirs, as the suites expect. Without it, each test file boots on an in-memory PGlite.
 */
export default async function globalSetup(globalConfig: { maxWorkers: number }): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return;
  process.env[ADMIN_URL_VARIABLE] = serverUrl;
  const workers = Math.max(1, globalConfig.maxWorkers);
  const urls = await Promise.all(Array.from({ length: workers }, () => createDatabase(serverUrl)));
  process.env[WORKER_DATABASES_VARIABLE] = JSON.stringify(urls);
}
