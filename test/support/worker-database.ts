import { WORKER_DATABASES_VARIABLE } from './global-setup';

/**
 * Runs before each test file (jest `setupFiles`): on PostgreSQL, points DATABASE_URL at the
 * database of the worker running the file (JEST_WORKER_ID counts from 1; in band it is 1).
 */
const urls = process.env[WORKER_DATABASES_VARIABLE];
if (urls) {
  const worker = Number(process.env.JEST_WORKER_ID ?? '1');
  const list = JSON.parse(urls) as string[];
  process.env.DATABASE_URL = list[(worker - 1) % list.length];
}
