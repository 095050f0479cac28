import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBuilt, startBuilt } from '../support/built-server';
import { ADMIN_URL_VARIABLE, createDatabase, dropDatabase } from '../support/test-database';

const tempDir = () => mkdtempSync(join(tmpdir(), 'turnout-process-'));

describe('the built server as a process', () => {
  describe('on the embedded database', () => {
    let dataDir: string;
    beforeAll(() => (dataDir = tempDir()));
    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

    it('logs which database it uses and where the docs are, serves, and exits 0 on SIGTERM', async () => {
      const server = await startBuilt({ DATA_DIR: dataDir });

      expect(server.output()).toMatch(
        new RegExp(
          `using embedded PGlite at ${join(dataDir, 'pglite')}; API docs at ${server.url}/docs`,
        ),
      );
      expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);

      expect(await server.stop('SIGTERM')).toBe(0);
      expect(server.output()).toContain('Shutdown complete');
    });

    it('logs each request as JSON with its request id, never the query string or credentials', async () => {
      const server = await startBuilt({ DATA_DIR: dataDir });
      await fetch(`${server.url}/api/auth/me?token=query-secret`, {
        headers: { 'x-request-id': 'trace-log-1', authorization: 'Bearer header-secret' },
      });
      await server.stop();

      const lines = server
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map(
          (line) =>
            JSON.parse(line) as { req?: { id: string; url: string }; res?: { statusCode: number } },
        );
      const requestLine = lines.find((line) => line.req?.id === 'trace-log-1');
      expect(requestLine).toMatchObject({ req: { url: '/api/auth/me' }, res: { statusCode: 401 } });
      expect(server.output()).not.toMatch(/query-secret|header-secret/);
    });

    it('keeps its generated JWT secret (owner-only) so tokens survive a restart', async () => {
      const first = await startBuilt({ DATA_DIR: dataDir });
      const secretFile = join(dataDir, 'jwt-secret');
      const secret = readFileSync(secretFile, 'utf8').trim();
      expect(secret.length).toBeGreaterThanOrEqual(32);
      expect(statSync(secretFile).mode & 0o077).toBe(0);
      // The first Admin's generated password sits beside the secret; its token is issued by this process.
      const password = readFileSync(join(dataDir, 'admin-password'), 'utf8').trim();
      const login = await fetch(`${first.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@turnout.local', password }),
      });
      const { accessToken: token } = (await login.json()) as { accessToken: string };
      const me = (url: string) =>
        fetch(`${url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
      expect((await me(first.url)).status).toBe(200);
      await first.stop();

      const second = await startBuilt({ DATA_DIR: dataDir });
      expect((await me(second.url)).status).toBe(200);
      expect(second.output()).toContain('Database schema is up to date');
      await second.stop();
    });
  });

  const adminUrl = process.env[ADMIN_URL_VARIABLE];
  (adminUrl ? describe : describe.skip)('on PostgreSQL (runs when DATABASE_URL is set)', () => {
    let url: string;
    beforeAll(async () => {
      const withPassword = new URL(adminUrl!);
      url = await createDatabase(withPassword.toString(), 'turnout_process');
    });
    afterAll(() => dropDatabase(adminUrl!, url));

    it('migrates the database, logs it without the password, and serves', async () => {
      const withPassword = new URL(url);
      withPassword.password = 'not-needed-with-trust-auth';
      const server = await startBuilt({
        DATABASE_URL: withPassword.toString(),
        JWT_SECRET: 'a-production-like-secret-of-32-characters',
      });

      expect(server.output()).toMatch(/Applied \d+ migration\(s\)/);
      expect(server.output()).toMatch(/using PostgreSQL at postgres:\/\/postgres:\*\*\*@/);
      expect(server.output()).not.toContain('not-needed-with-trust-auth');
      const ready = (await (await fetch(`${server.url}/health/ready`)).json()) as {
        details: Record<string, unknown>;
      };
      expect(ready.details.database).toEqual({ status: 'up', driver: 'PostgreSqlDriver' });
      expect(await server.stop()).toBe(0);
    });
  });

  describe('the migration CLI (npm run migrate)', () => {
    const MIGRATE = join(process.cwd(), 'dist', 'src', 'database', 'migrate.js');

    it('applies every migration to a new database, after which nothing is pending', async () => {
      const dataDir = tempDir();
      try {
        const pendingBefore = runBuilt({ DATA_DIR: dataDir }, MIGRATE, ['pending']);
        expect(await pendingBefore.exited).toBe(0);
        expect(pendingBefore.output()).toMatch(/Pending: Migration\d+_init/);

        const up = runBuilt({ DATA_DIR: dataDir }, MIGRATE, ['up']);
        expect(await up.exited).toBe(0);
        expect(up.output()).toMatch(/Applied \d+ migration\(s\)/);

        const pendingAfter = runBuilt({ DATA_DIR: dataDir }, MIGRATE, ['pending']);
        expect(await pendingAfter.exited).toBe(0);
        expect(pendingAfter.output()).toContain('Nothing pending');
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    });

    it('create generates nothing while the entities match the committed migrations', async () => {
      const migrationsDir = join(process.cwd(), 'src', 'database', 'migrations');
      const before = readdirSync(migrationsDir);

      const create = runBuilt({ DATA_DIR: tempDir() }, MIGRATE, ['create', 'probe']);

      expect(await create.exited).toBe(0);
      expect(create.output()).toContain('The entities match the migrations: nothing to generate');
      expect(readdirSync(migrationsDir)).toEqual(before);
    });

    it('explains its commands when given an unknown one', async () => {
      const run = runBuilt({ DATA_DIR: tempDir() }, MIGRATE, ['sideways']);
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain('usage: migrate.js <command>');
    });
  });

  describe('with bad configuration', () => {
    it('stops with exit code 1 and one line naming each bad variable', async () => {
      const run = runBuilt({ PORT: 'eighty', LOG_LEVEL: 'chatty', DATA_DIR: tempDir() });

      expect(await run.exited).toBe(1);
      const lines = run.output().trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^Invalid configuration: /);
      expect(lines[0]).toContain('PORT must be a whole number from 0 to 65535 (got "eighty")');
      expect(lines[0]).toContain('LOG_LEVEL must be one of');
    });

    it('requires JWT_SECRET with DATABASE_URL, before touching the database', async () => {
      const run = runBuilt({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nothing' });

      expect(await run.exited).toBe(1);
      expect(run.output().trim()).toBe(
        'Invalid configuration: JWT_SECRET is required when DATABASE_URL is set (32+ random characters)',
      );
    });
  });
});
