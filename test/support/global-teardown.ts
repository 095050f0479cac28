import { ADMIN_URL_VARIABLE, dropDatabase } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env[ADMIN_URL_VARIABLE];
  const runUrl = process.env.DATABASE_URL;
  if (adminUrl && runUrl) await dropDatabase(adminUrl, runUrl);
}
