import { createHash, createHmac, createSign, generateKeyPairSync } from 'node:crypto';
import {
  bearer,
  createEvent,
  createOrganization,
  createUser,
  type TestUser,
} from '../support/factories';
import { TEST_JWT_SECRET, type TestApp } from '../support/test-app';
import { itLogsNoSecrets, problemType, startSecurityApp, useSecurityApp } from './security-fixture';

/**
 * Attacks on authentication that test/platform/jwt.e2e-spec.ts and
 * test/identity/identity.e2e-spec.ts do not already make (SECURITY.md lists both).
 */
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT with any header, signed by `sign` over `header.payload` as the spec says. */
function forge(header: object, payload: object, sign: (input: string) => Buffer): string {
  const input = `${base64url(header)}.${base64url(payload)}`;
  return `${input}.${sign(input).toString('base64url')}`;
}
const nowSeconds = () => Math.floor(Date.now() / 1000);
const ATTACKER_SECRET = 'the-attackers-own-secret-of-at-least-32-chars';
const PASSWORD = 'correct-horse-battery-staple';

describe('authentication attacks', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await startSecurityApp({ env: { LOGIN_MAX_PER_IP: '1000', LOGIN_MAX_PER_EMAIL: '3' } });
    admin = await createUser(t, { role: 'ADMIN' });
  });
  afterAll(() => t.close());

  const claims = (user: TestUser) => ({
    sub: user.id,
    role: user.role,
    iss: t.config.jwt.issuer,
    aud: t.config.jwt.audience,
    iat: nowSeconds(),
    exp: nowSeconds() + 600,
  });
  const me = (token: string) => t.http().get('/api/auth/me').set(bearer(token));
  async function expectInvalidToken(token: string) {
    const res = await me(token);
    expect({ status: res.status, type: res.body.type }).toEqual({
      status: 401,
      type: problemType('invalid-token'),
    });
    expect(res.headers['www-authenticate']).toBe('Bearer');
  }

  describe('forged access tokens', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const hs256 = (secret: string | Buffer) => (input: string) =>
      createHmac('sha256', secret).update(input).digest();
    const rs256 = (input: string) => createSign('RSA-SHA256').update(input).sign(privateKey);

    it('accepts claims hand-signed HS256 with the real secret (positive control for this forger)', async () => {
      const token = forge({ alg: 'HS256', typ: 'JWT' }, claims(admin), hs256(TEST_JWT_SECRET));
      expect((await me(token)).status).toBe(200);
    });

    it('refuses alg none however it is spelled, with or without a signature', async () => {
      for (const alg of ['none', 'None', 'NONE', 'nOnE']) {
        await expectInvalidToken(forge({ alg, typ: 'JWT' }, claims(admin), () => Buffer.alloc(0)));
        await expectInvalidToken(
          forge({ alg, typ: 'JWT' }, claims(admin), () => Buffer.from('forged')),
        );
      }
    });

    it('refuses RS256, even signed by a key the token carries itself (jwk)', async () => {
      const jwk = publicKey.export({ format: 'jwk' });

      await expectInvalidToken(forge({ alg: 'RS256', typ: 'JWT' }, claims(admin), rs256));
      await expectInvalidToken(forge({ alg: 'RS256', typ: 'JWT', jwk }, claims(admin), rs256));
    });

    it('refuses HS256 signed with a public key as the secret (RS256/HS256 confusion)', async () => {
      const pem = publicKey.export({ type: 'spki', format: 'pem' });

      await expectInvalidToken(forge({ alg: 'HS256', typ: 'JWT' }, claims(admin), hs256(pem)));
    });

    it('ignores key hints in the header: an attacker secret named by jwk, kid or jku stays wrong', async () => {
      const k = Buffer.from(ATTACKER_SECRET).toString('base64url');
      const hints = [
        { jwk: { kty: 'oct', k } },
        { kid: '../../../../dev/null' },
        { kid: "x' union select 'secret" },
        { jku: 'https://attacker.example/jwks.json' },
      ];
      for (const hint of hints) {
        const header = { alg: 'HS256', typ: 'JWT', ...hint };
        await expectInvalidToken(forge(header, claims(admin), hs256(ATTACKER_SECRET)));
      }
    });

    it('takes tokens from the Authorization header only, never from the query string', async () => {
      const res = await t.http().get(`/api/auth/me?access_token=${admin.token}`);
      expect(res.status).toBe(401);
      expect(res.body.type).toBe(problemType('unauthenticated'));
    });
  });

  describe('stale privileges', () => {
    it("drops a demoted Admin's powers at once, though their token still says ADMIN", async () => {
      const demoted = await createUser(t, { role: 'ADMIN' });
      expect((await t.http().get('/api/users').set(bearer(demoted.token))).status).toBe(200);

      await t
        .http()
        .patch(`/api/users/${demoted.id}`)
        .set(bearer(admin.token))
        .send({ role: 'USER' })
        .expect(200);

      const res = await t.http().get('/api/users').set(bearer(demoted.token));
      expect(res.status).toBe(403);
      expect(res.body.type).toBe(problemType('insufficient-role'));
    });

    it("moves an organizer's reach with them when they change organization", async () => {
      const [first, second] = [await createOrganization(t), await createOrganization(t)];
      const draft = await createEvent(t, first.id, { status: 'DRAFT' });
      const organizer = await createUser(t, { role: 'ORGANIZER', organizationId: first.id });
      const read = () => t.http().get(`/api/events/${draft.id}`).set(bearer(organizer.token));
      expect((await read()).status).toBe(200);

      await t
        .http()
        .patch(`/api/users/${organizer.id}`)
        .set(bearer(admin.token))
        .send({ organizationId: second.id })
        .expect(200);

      expect((await read()).status).toBe(404);
    });
  });

  describe('API keys', () => {
    let organizer: TestUser;
    beforeAll(async () => {
      const organization = await createOrganization(t);
      organizer = await createUser(t, { role: 'ORGANIZER', organizationId: organization.id });
    });

    it('keeps only the SHA-256 of a key, so lookups compare digests and never the key itself', async () => {
      const created = await t
        .http()
        .post('/api/api-keys')
        .set(bearer(organizer.token))
        .send({ name: 'digest', role: 'ORGANIZER' })
        .expect(201);
      const key = created.body.key as string;

      const [row] = await t.orm.em
        .fork()
        .getConnection()
        .execute<Record<string, unknown>[]>('select * from api_keys where id = ?', [
          created.body.id,
        ]);

      expect(row.key_hash).toBe(createHash('sha256').update(key).digest('hex'));
      expect(JSON.stringify(row)).not.toContain(key);
    });

    it('refuses near misses: the same visible prefix, one character off, or another case', async () => {
      const { key } = (
        await t
          .http()
          .post('/api/api-keys')
          .set(bearer(organizer.token))
          .send({ name: 'near misses', role: 'ORGANIZER' })
          .expect(201)
      ).body as { key: string };
      const flip = (c: string) => (c === 'A' ? 'B' : 'A');
      const nearMisses = [
        `${key.slice(0, -1)}${flip(key.slice(-1))}`,
        `${key.slice(0, 12)}${flip(key[12])}${key.slice(13)}`,
        key.toUpperCase().replace(/^TK_/, 'tk_'),
        key.slice(0, -1),
        `${key}A`,
      ].filter((candidate) => candidate !== key);

      for (const candidate of nearMisses) {
        const res = await t.http().get('/api/auth/me').set('x-api-key', candidate);
        expect({ candidate, status: res.status, type: res.body.type }).toEqual({
          candidate,
          status: 401,
          type: problemType('invalid-api-key'),
        });
      }
      expect((await t.http().get('/api/auth/me').set('x-api-key', key)).status).toBe(200);
    });

    it('cannot mint, list or revoke keys with a key: a leaked key cannot entrench itself', async () => {
      const { id, key } = (
        await t
          .http()
          .post('/api/api-keys')
          .set(bearer(organizer.token))
          .send({ name: 'greedy', role: 'ORGANIZER' })
          .expect(201)
      ).body as { id: string; key: string };

      const attempts = [
        await t
          .http()
          .post('/api/api-keys')
          .set('x-api-key', key)
          .send({ name: 'successor', role: 'ORGANIZER' }),
        await t.http().get('/api/api-keys').set('x-api-key', key),
        await t.http().delete(`/api/api-keys/${id}`).set('x-api-key', key),
      ];

      expect(attempts.map((res) => res.status)).toEqual([403, 403, 403]);
      const keys = await t.http().get('/api/api-keys').set(bearer(organizer.token)).expect(200);
      expect(keys.body).toEqual(
        expect.not.arrayContaining([expect.objectContaining({ name: 'successor' })]),
      );
      expect(keys.body.find((k: { id: string }) => k.id === id).revokedAt).toBeNull();
    });
  });

  describe('login brute force', () => {
    const login = (email: string, password: string, headers: Record<string, string> = {}) =>
      t.http().post('/api/auth/login').set(headers).send({ email, password });

    it('counts an email however it is spelled', async () => {
      const email = `victim-${Date.now()}@example.com`;
      await t.http().post('/api/auth/register').send({ email, password: PASSWORD }).expect(201);
      const spellings = [
        email.toUpperCase(),
        email.replace('example.com', 'EXAMPLE.com'),
        email.replace('victim', 'Victim'),
      ];
      for (const spelling of spellings) {
        expect((await login(spelling, 'wrong-password-1')).status).toBe(401);
      }

      const res = await login(email, PASSWORD);

      expect(res.status).toBe(429);
      expect(res.body.type).toBe(problemType('too-many-attempts'));
    });

    describe('per client address', () => {
      const strict = useSecurityApp({ env: { LOGIN_MAX_PER_IP: '2' } });

      it('cannot be dodged by forging X-Forwarded-For (TRUST_PROXY is off)', async () => {
        const statuses: number[] = [];
        for (let i = 0; i < 4; i++) {
          const res = await strict()
            .http()
            .post('/api/auth/login')
            .set('x-forwarded-for', `198.51.100.${i}`)
            .send({ email: `nobody-${i}@example.com`, password: 'wrong-password-1' });
          statuses.push(res.status);
        }
        expect(statuses).toEqual([401, 401, 429, 429]);
      });
    });
  });

  itLogsNoSecrets(() => [PASSWORD, ATTACKER_SECRET, TEST_JWT_SECRET]);
});
