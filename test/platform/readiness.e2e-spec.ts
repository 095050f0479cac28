import { setTimeout as sleep } from 'node:timers/promises';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  ADMIN_URL_VARIABLE,
  createDatabase,
  dropDatabase,
  onPostgresServer,
} from '../support/test-database';

async function readyStatus(t: TestApp): Promise<number> {
  return (await t.http().get('/health/ready')).status;
}

async function eventuallyReady(t: TestApp): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    if ((await readyStatus(t)) === 200) return 200;
    await sleep(200);
  }
  return readyStatus(t);
}

const expectNotReady = async (t: TestApp) => {
  const res = await t.http().get('/health/ready');
  expect(res.status).toBe(503);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.type).toBe('https://turnout.dev/problems/not-ready');
  expect(res.body.checks.database.status).toBe('down');
};

const adminUrl = process.env[ADMIN_URL_VARIABLE];

(adminUrl ? describe : describe.skip)(
  'readiness through a PostgreSQL outage (runs when DATABASE_URL is set)',
  () => {
    let t: TestApp;
    let url: string;
    let name: string;
    const setConnections = (allowed: boolean) =>
      onPostgresServer(adminUrl!, async (client) => {
        await client.query(`alter database "${name}" allow_connections ${allowed}`);
        if (!allowed) {
          await client.query(
            'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1',
            [name],
          );
        }
      });

    beforeAll(async () => {
      url = await createDatabase(adminUrl!, 'turnout_outage');
      name = new URL(url).pathname.slice(1);
      t = await startTestApp({ env: { DATABASE_URL: url } });
    });
    afterAll(async () => {
      await t.close();
      await setConnections(true);
      await dropDatabase(adminUrl!, url);
    });

    it('is ready, then not ready while the database refuses connections, then ready again by itself', async () => {
      expect(await readyStatus(t)).toBe(200);

      await setConnections(false);
      await expectNotReady(t);
      expect((await t.http().get('/health/live')).status).toBe(200);

      await setConnections(true);
      expect(await eventuallyReady(t)).toBe(200);
    });
  },
);

describe('readiness when the database is unreachable from the start', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Nothing listens on port 1. Without start-up migrations the app boots and must say it is not ready.
    t = await startTestApp({
      env: { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/turnout', MIGRATE_ON_START: 'false' },
    });
  });
  afterAll(() => t.close());

  it('answers 503 not-ready on /health/ready while /health/live stays 200', async () => {
    await expectNotReady(t);
    expect((await t.http().get('/health/live')).status).toBe(200);
  });
});
