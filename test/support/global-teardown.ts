import { WORKER_DATABASES_VARIABLE } from './global-setup';
import { ADMIN_URL_VARIABLE, dropDatabase } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env[ADMIN_URL_VARIABLE];
  const urls = JSON.parse(process.env[WORKER_DATABASES_VARIABLE] ?? '[]') as string[];
  if (adminUrl) await Promise.all(urls.map((url) => dropDatabase(adminUrl, url)));
}
