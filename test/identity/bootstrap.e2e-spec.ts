import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp } from '../support/test-app';

// Each case needs an empty database: the embedded one, fresh (DATABASE_URL blanked).
const embedded = (env: Record<string, string>) =>
  startTestApp({ env: { DATABASE_URL: '', ...env } });

const login = (t: Awaited<ReturnType<typeof embedded>>, email: string, password: string) =>
  t.http().post('/api/auth/login').send({ email, password });

describe('the first Admin', () => {
  it('is created from ADMIN_EMAIL and ADMIN_PASSWORD on an empty database', async () => {
    const t = await embedded({
      ADMIN_EMAIL: 'Boss@Example.com',
      ADMIN_PASSWORD: 'a-long-admin-password',
    });
    try {
      const res = await login(t, 'boss@example.com', 'a-long-admin-password');
      expect(res.status).toBe(200);
      const me = await t
        .http()
        .get('/api/auth/me')
        .set('authorization', `Bearer ${res.body.accessToken}`);
      expect(me.body.user).toMatchObject({ email: 'boss@example.com', role: 'ADMIN' });
    } finally {
      await t.close();
    }
  });

  describe('without ADMIN_PASSWORD', () => {
    let dataDir: string;
    beforeAll(() => (dataDir = mkdtempSync(join(tmpdir(), 'turnout-bootstrap-'))));
    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

    it('is admin@turnout.local with a random password written (owner-only) to DATA_DIR/admin-password', async () => {
      const t = await embedded({ DATA_DIR: dataDir });
      try {
        const file = join(dataDir, 'admin-password');
        const password = readFileSync(file, 'utf8').trim();
        expect(password.length).toBeGreaterThanOrEqual(20);
        expect(statSync(file).mode & 0o077).toBe(0);
        expect((await login(t, 'admin@turnout.local', password)).status).toBe(200);
      } finally {
        await t.close();
      }
    });

    it('is not created again on the next start', async () => {
      const password = readFileSync(join(dataDir, 'admin-password'), 'utf8').trim();
      const t = await embedded({ DATA_DIR: dataDir });
      try {
        const admins: Array<{ n: string }> = await t.orm.em
          .fork()
          .getConnection()
          .execute("select count(*) as n from users where role = 'ADMIN'");
        expect(Number(admins[0].n)).toBe(1);
        expect(readFileSync(join(dataDir, 'admin-password'), 'utf8').trim()).toBe(password);
        expect((await login(t, 'admin@turnout.local', password)).status).toBe(200);
      } finally {
        await t.close();
      }
    });
  });
});
