import { bearer, createOrganization, createUser, type TestUser } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

const problemType = (code: string) => `https://turnout.dev/problems/${code}`;

describe('identity', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_MAX_PER_EMAIL: '3', LOGIN_MAX_PER_IP: '1000' } });
    admin = await createUser(t, { role: 'ADMIN' });
  });
  afterAll(() => t.close());

  const register = (body: object) => t.http().post('/api/auth/register').send(body);
  const login = (email: string, password: string) =>
    t.http().post('/api/auth/login').send({ email, password });

  describe('registration and login', () => {
    it('registers a USER and never returns the password', async () => {
      const res = await register({
        email: 'Grace@Example.com',
        password: 'correct-horse-1',
        name: 'Grace Hopper',
      });

      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        email: 'grace@example.com',
        name: 'Grace Hopper',
        role: 'USER',
        isActive: true,
      });
      expect(JSON.stringify(res.body)).not.toMatch(/password|argon2/i);
    });

    it('refuses a taken email, whatever its case, with 409', async () => {
      await register({ email: 'taken@example.com', password: 'correct-horse-1' }).expect(201);

      const res = await register({ email: 'TAKEN@example.com', password: 'another-password-2' });

      expect(res.status).toBe(409);
      expect(res.body.type).toBe(problemType('email-taken'));
    });

    it('refuses a short password and a bad email with pointers', async () => {
      const res = await register({ email: 'not-an-email', password: 'short' });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
        '/email',
        '/password',
      ]);
    });

    it('logs in with the right password, case-insensitively on the email, and the token works', async () => {
      await register({ email: 'linus@example.com', password: 'correct-horse-1' }).expect(201);

      const res = await login('LINUS@example.com', 'correct-horse-1');

      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        accessToken: expect.any(String),
        tokenType: 'Bearer',
        expiresIn: 3600,
      });
      const me = await t.http().get('/api/auth/me').set(bearer(res.body.accessToken));
      expect(me.body.user.email).toBe('linus@example.com');
    });

    it('answers a wrong email and a wrong password with the same 401', async () => {
      await register({ email: 'ken@example.com', password: 'correct-horse-1' }).expect(201);

      const wrongPassword = await login('ken@example.com', 'wrong-password-1');
      const wrongEmail = await login('nobody-here@example.com', 'wrong-password-1');

      for (const res of [wrongPassword, wrongEmail]) {
        expect(res.status).toBe(401);
        expect(res.body.type).toBe(problemType('invalid-credentials'));
        expect(res.body.detail).toBe(wrongPassword.body.detail);
      }
    });

    it('limits attempts per email with 429 and Retry-After, and other emails are unaffected', async () => {
      await register({ email: 'dennis@example.com', password: 'correct-horse-1' }).expect(201);
      for (let i = 0; i < 3; i++)
        expect((await login('dennis@example.com', 'wrong-password-1')).status).toBe(401);

      const limited = await login('dennis@example.com', 'correct-horse-1');

      expect(limited.status).toBe(429);
      expect(limited.body.type).toBe(problemType('too-many-attempts'));
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect((await login('linus@example.com', 'correct-horse-1')).status).toBe(200);
    });
  });

  describe('rate limit per client address', () => {
    let limited: TestApp;
    beforeAll(async () => {
      limited = await startTestApp({ env: { LOGIN_MAX_PER_IP: '2' } });
    });
    afterAll(() => limited.close());

    it('answers 429 once one address has used its attempts, whichever emails it tries', async () => {
      const attempt = (email: string) =>
        limited.http().post('/api/auth/login').send({ email, password: 'whatever-pass' });
      expect((await attempt('a@example.com')).status).toBe(401);
      expect((await attempt('b@example.com')).status).toBe(401);

      const res = await attempt('c@example.com');

      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toBeDefined();
    });
  });

  describe('Admin user management', () => {
    it('lists users with search and paging', async () => {
      const marker = `zz${Date.now()}`;
      for (const n of [1, 2, 3]) await createUser(t, { email: `${marker}-${n}@example.com` });

      const page1 = await t.http().get(`/api/users?q=${marker}&perPage=2`).set(bearer(admin.token));
      const page2 = await t
        .http()
        .get(`/api/users?q=${marker}&perPage=2&page=2`)
        .set(bearer(admin.token));

      expect(page1.status).toBe(200);
      expect(page1.body.meta).toEqual({ page: 1, perPage: 2, total: 3, totalPages: 2 });
      expect(page1.body.data).toHaveLength(2);
      expect(page2.body.data).toHaveLength(1);
      expect(
        [...page1.body.data, ...page2.body.data].map((u: { email: string }) => u.email).sort(),
      ).toEqual([1, 2, 3].map((n) => `${marker}-${n}@example.com`));
    });

    it('treats search wildcards literally', async () => {
      const res = await t.http().get('/api/users?q=%25').set(bearer(admin.token));
      expect(res.status).toBe(200);
      expect(res.body.meta.total).toBe(0);
    });

    it('makes a user an organizer of an organization, effective on their next request', async () => {
      const organization = await createOrganization(t);
      const user = await createUser(t);

      const res = await t
        .http()
        .patch(`/api/users/${user.id}`)
        .set(bearer(admin.token))
        .send({ role: 'ORGANIZER', organizationId: organization.id });

      expect(res.status).toBe(200);
      const me = await t.http().get('/api/auth/me').set(bearer(user.token));
      expect(me.body).toMatchObject({ role: 'ORGANIZER', organizationId: organization.id });
    });

    it('refuses an unknown organization with 422', async () => {
      const user = await createUser(t);
      const res = await t
        .http()
        .patch(`/api/users/${user.id}`)
        .set(bearer(admin.token))
        .send({ organizationId: '00000000-0000-4000-8000-000000000000' });
      expect(res.status).toBe(422);
    });

    it('deactivates a user: their existing token stops working and they cannot log in', async () => {
      await register({ email: 'margaret@example.com', password: 'correct-horse-1' }).expect(201);
      const token = (await login('margaret@example.com', 'correct-horse-1')).body
        .accessToken as string;
      const id = (await t.http().get('/api/auth/me').set(bearer(token))).body.user.id as string;

      await t
        .http()
        .patch(`/api/users/${id}`)
        .set(bearer(admin.token))
        .send({ isActive: false })
        .expect(200);

      const me = await t.http().get('/api/auth/me').set(bearer(token));
      expect(me.status).toBe(401);
      expect(me.body.type).toBe(problemType('inactive-user'));
      expect((await login('margaret@example.com', 'correct-horse-1')).status).toBe(401);
    });

    it('lets users change their own profile but not their role', async () => {
      const user = await createUser(t);

      const renamed = await t
        .http()
        .patch(`/api/users/${user.id}`)
        .set(bearer(user.token))
        .send({ name: 'New Name' });
      const promoted = await t
        .http()
        .patch(`/api/users/${user.id}`)
        .set(bearer(user.token))
        .send({ role: 'ADMIN' });

      expect(renamed.status).toBe(200);
      expect(renamed.body.name).toBe('New Name');
      expect(promoted.status).toBe(403);
    });
  });

  describe('memberships', () => {
    it('shows the membership whose period contains now as the active one', async () => {
      const organization = await createOrganization(t);
      const organizer = await createUser(t, { role: 'ORGANIZER', organizationId: organization.id });
      const member = await createUser(t, { organizationId: organization.id });
      const day = 24 * 3600 * 1000;
      const add = (name: string, startsAt: number, endsAt: number | null) =>
        t
          .http()
          .post(`/api/users/${member.id}/memberships`)
          .set(bearer(organizer.token))
          .send({
            name,
            startsAt: new Date(startsAt),
            endsAt: endsAt === null ? null : new Date(endsAt),
          })
          .expect(201);
      const now = Date.now();
      await add('Expired', now - 30 * day, now - day);
      await add('Gold', now - day, null);
      await add('Future', now + day, now + 30 * day);

      const profile = await t.http().get(`/api/users/${member.id}`).set(bearer(member.token));
      const list = await t
        .http()
        .get(`/api/users/${member.id}/memberships`)
        .set(bearer(member.token));

      expect(profile.body.membership).toMatchObject({ name: 'Gold', endsAt: null });
      expect(list.body.map((m: { name: string }) => m.name)).toEqual(['Future', 'Gold', 'Expired']);
    });

    it('has no active membership once the period has ended', async () => {
      const member = await createUser(t);
      const past = Date.now() - 3600_000;
      await t
        .http()
        .post(`/api/users/${member.id}/memberships`)
        .set(bearer(admin.token))
        .send({ name: 'Trial', startsAt: new Date(past - 3600_000), endsAt: new Date(past) })
        .expect(201);

      expect(
        (await t.http().get(`/api/users/${member.id}`).set(bearer(member.token))).body.membership,
      ).toBeNull();
    });

    it('refuses a period that ends before it starts with 422', async () => {
      const member = await createUser(t);
      const res = await t
        .http()
        .post(`/api/users/${member.id}/memberships`)
        .set(bearer(admin.token))
        .send({
          name: 'Backwards',
          startsAt: '2026-02-01T00:00:00Z',
          endsAt: '2026-01-01T00:00:00Z',
        });
      expect(res.status).toBe(422);
    });
  });

  describe('API keys', () => {
    let organizer: TestUser;
    let organizationId: string;
    beforeAll(async () => {
      organizationId = (await createOrganization(t)).id;
      organizer = await createUser(t, { role: 'ORGANIZER', organizationId });
    });

    const createKey = (body: object) =>
      t.http().post('/api/api-keys').set(bearer(organizer.token)).send(body);

    it('shows the key once, stores only what lists need, and authenticates with either header', async () => {
      const created = await createKey({ name: 'ticketing sync', role: 'ORGANIZER' });

      expect(created.status).toBe(201);
      expect(created.body.key).toMatch(/^tk_[A-Za-z0-9_-]{40,}$/);
      expect(created.body).toMatchObject({
        name: 'ticketing sync',
        role: 'ORGANIZER',
        organizationId,
        lastUsedAt: null,
      });
      const listed = await t.http().get('/api/api-keys').set(bearer(organizer.token));
      expect(JSON.stringify(listed.body)).not.toContain(created.body.key);
      expect(listed.body.map((k: { id: string }) => k.id)).toContain(created.body.id);

      const viaHeader = await t.http().get('/api/auth/me').set('x-api-key', created.body.key);
      const viaBearer = await t.http().get('/api/auth/me').set(bearer(created.body.key));
      for (const res of [viaHeader, viaBearer]) {
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          via: 'api-key',
          role: 'ORGANIZER',
          organizationId,
          user: null,
        });
      }
      const after = await t.http().get('/api/api-keys').set(bearer(organizer.token));
      expect(
        after.body.find((k: { id: string }) => k.id === created.body.id).lastUsedAt,
      ).not.toBeNull();
    });

    it('stops a revoked key with 401', async () => {
      const { body } = await createKey({ name: 'to revoke', role: 'ORGANIZER' });
      await t.http().delete(`/api/api-keys/${body.id}`).set(bearer(organizer.token)).expect(204);

      const res = await t.http().get('/api/auth/me').set('x-api-key', body.key);

      expect(res.status).toBe(401);
      expect(res.body.type).toBe(problemType('invalid-api-key'));
    });

    it('stops an expired key with 401', async () => {
      const { body } = await createKey({
        name: 'short-lived',
        role: 'ORGANIZER',
        expiresAt: new Date(Date.now() + 60_000),
      });
      expect((await t.http().get('/api/auth/me').set('x-api-key', body.key)).status).toBe(200);
      await t.orm.em
        .fork()
        .getConnection()
        .execute(`update api_keys set expires_at = now() - interval '1 second' where id = ?`, [
          body.id,
        ]);

      expect((await t.http().get('/api/auth/me').set('x-api-key', body.key)).status).toBe(401);
    });

    it('lets a read-only key read but nothing else', async () => {
      const { body } = await createKey({ name: 'dashboard', role: 'READ_ONLY' });

      const read = await t
        .http()
        .get(`/api/organizations/${organizationId}`)
        .set('x-api-key', body.key);
      const write = await t
        .http()
        .post('/api/events')
        .set('x-api-key', body.key)
        .send({ title: 'Nope' });

      expect(read.status).toBe(200);
      expect(write.status).toBe(403);
      expect(write.body.type).toBe(problemType('read-only-key'));
    });

    it('rejects an unknown key', async () => {
      const res = await t.http().get('/api/auth/me').set('x-api-key', 'tk_not-a-real-key');
      expect(res.status).toBe(401);
    });
  });
});
