import { JwtService } from '@nestjs/jwt';
import { createOrganization, createUser, type TestUser } from '../support/factories';
import { PlatformFixturesController } from '../support/platform-fixtures.controller';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app';

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('JWT authentication', () => {
  let t: TestApp;
  let organizer: TestUser;
  let admin: TestUser;
  const jwt = new JwtService({ secret: TEST_JWT_SECRET });
  const claims = () => ({
    sub: organizer.id,
    role: 'ORGANIZER',
    org: organizer.organizationId,
    iss: t.config.jwt.issuer,
    aud: t.config.jwt.audience,
    iat: nowSeconds(),
    exp: nowSeconds() + 600,
  });
  const me = (token: string) =>
    t.http().get('/api/auth/me').set('authorization', `Bearer ${token}`);
  const expectRejected = async (token: string, type = 'invalid-token') => {
    const res = await me(token);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.type).toBe(`https://turnout.dev/problems/${type}`);
    expect(res.headers['www-authenticate']).toBe('Bearer');
  };

  beforeAll(async () => {
    t = await startTestApp({ controllers: [PlatformFixturesController] });
    const organization = await createOrganization(t);
    organizer = await createUser(t, { role: 'ORGANIZER', organizationId: organization.id });
    admin = await createUser(t, { role: 'ADMIN' });
  });
  afterAll(() => t.close());

  it('hands the caller to the controller for a token it issued', async () => {
    const res = await me(organizer.token);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      via: 'jwt',
      role: 'ORGANIZER',
      organizationId: organizer.organizationId,
      readOnly: false,
      user: { id: organizer.id, email: organizer.email },
    });
  });

  it('rejects a well-signed token whose user does not exist', async () => {
    await expectRejected(jwt.sign({ ...claims(), sub: '6f1c1b1e-6f1c-4b1e-8f1c-1b1e6f1c1b1e' }));
  });

  it('accepts a hand-signed HS256 token with every required claim (positive control)', async () => {
    const res = await me(jwt.sign(claims(), { algorithm: 'HS256' }));
    expect(res.status).toBe(200);
  });

  it('answers no credentials with unauthenticated', async () => {
    const res = await t.http().get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.type).toBe('https://turnout.dev/problems/unauthenticated');
  });

  it('rejects alg: none', async () => {
    await expectRejected(`${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims())}.`);
  });

  it('rejects a bad signature', async () => {
    const token = new JwtService({ secret: 'another-secret-of-at-least-32-characters!!' }).sign(
      claims(),
    );
    await expectRejected(token);
  });

  it('rejects a token without exp', async () => {
    const withoutExp: Partial<ReturnType<typeof claims>> = claims();
    delete withoutExp.exp;
    await expectRejected(jwt.sign(withoutExp, { algorithm: 'HS256' }));
  });

  it('rejects an expired token as expired-token', async () => {
    const token = jwt.sign({ ...claims(), iat: nowSeconds() - 120, exp: nowSeconds() - 60 });
    await expectRejected(token, 'expired-token');
  });

  it('rejects another algorithm signed with the same secret', async () => {
    await expectRejected(jwt.sign(claims(), { algorithm: 'HS512' }));
  });

  it('rejects a wrong issuer and a wrong audience', async () => {
    await expectRejected(jwt.sign({ ...claims(), iss: 'someone-else' }));
    await expectRejected(jwt.sign({ ...claims(), aud: 'another-api' }));
  });

  it('rejects a token with an unknown role', async () => {
    await expectRejected(jwt.sign({ ...claims(), role: 'SUPERUSER' }));
  });

  it('rejects a malformed token', async () => {
    await expectRejected('not.a.jwt');
  });

  describe('@Auth({ roles })', () => {
    it('lets a caller with the role through', async () => {
      const res = await t
        .http()
        .get('/__fixtures/admin-only')
        .set('authorization', `Bearer ${admin.token}`);
      expect(res.status).toBe(200);
    });

    it('answers an authenticated caller without the role with 403', async () => {
      const res = await t
        .http()
        .get('/__fixtures/admin-only')
        .set('authorization', `Bearer ${organizer.token}`);
      expect(res.status).toBe(403);
      expect(res.body.type).toBe('https://turnout.dev/problems/insufficient-role');
      expect(res.headers['www-authenticate']).toBeUndefined();
    });

    it('answers an anonymous caller with 401 before looking at roles', async () => {
      const res = await t.http().get('/__fixtures/admin-only');
      expect(res.status).toBe(401);
    });
  });
});
