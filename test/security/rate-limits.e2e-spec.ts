import type { Response } from 'supertest';
import { JSON_API_MEDIA_TYPE } from '@turnout/common/jsonapi/document';
import {
  bearer,
  createEvent,
  createOrganization,
  createUser,
  type TestUser,
} from '../support/factories';
import type { TestApp } from '../support/test-app';
import { itLogsNoSecrets, problemType, startSecurityApp, useSecurityApp } from './security-fixture';

const ANONYMOUS_LIMIT = 5;
const AUTHENTICATED_LIMIT = 3;

/** Each test calls from its own client address (TRUST_PROXY is on), so budgets never mix. */
let lastAddress = 0;
const newClientAddress = () => `203.0.113.${++lastAddress}`;

function expectRateLimited(res: Response, limit: number) {
  expect(res.status).toBe(429);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.type).toBe(problemType('rate-limited'));
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  expect(res.headers['ratelimit-limit']).toBe(String(limit));
  expect(res.headers['ratelimit-remaining']).toBe('0');
}

describe('rate limits', () => {
  let t: TestApp;
  let organizationId: string;
  beforeAll(async () => {
    t = await startSecurityApp({
      env: {
        RATE_LIMIT_ANONYMOUS: String(ANONYMOUS_LIMIT),
        RATE_LIMIT_AUTHENTICATED: String(AUTHENTICATED_LIMIT),
        RATE_LIMIT_WINDOW_SECONDS: '600',
        TRUST_PROXY: 'true',
      },
    });
    organizationId = (await createOrganization(t)).id;
  });
  afterAll(() => t.close());

  const from = (address: string) => ({ 'x-forwarded-for': address });

  describe('anonymous callers, per client address', () => {
    it('cannot scrape the public attendance list past the limit', async () => {
      const client = from(newClientAddress());
      const pages: Response[] = [];
      for (let page = 1; page <= ANONYMOUS_LIMIT; page++) {
        pages.push(await t.http().get(`/api/attendances?page=${page}`).set(client));
      }

      const scraped = await t
        .http()
        .get(`/api/attendances?page=${ANONYMOUS_LIMIT + 1}`)
        .set(client);

      expect(pages.map((res) => res.status)).toEqual(Array(ANONYMOUS_LIMIT).fill(200));
      expect(pages.map((res) => res.headers['ratelimit-remaining'])).toEqual([
        '4',
        '3',
        '2',
        '1',
        '0',
      ]);
      for (const res of pages) {
        expect(res.headers['ratelimit-limit']).toBe(String(ANONYMOUS_LIMIT));
        expect(Number(res.headers['ratelimit-reset'])).toBeGreaterThan(0);
        expect(Number(res.headers['ratelimit-reset'])).toBeLessThanOrEqual(600);
      }
      expectRateLimited(scraped, ANONYMOUS_LIMIT);
    });

    it('counts every public route against the same address, and other addresses keep theirs', async () => {
      const client = from(newClientAddress());
      for (let i = 0; i < ANONYMOUS_LIMIT; i++) {
        await t.http().get('/api/categories').set(client).expect(200);
      }

      const events = await t.http().get('/api/events').set(client);
      const login = await t
        .http()
        .post('/api/auth/login')
        .set(client)
        .send({ email: 'someone@example.com', password: 'whatever-password' });
      const neighbour = await t.http().get('/api/events').set(from(newClientAddress()));

      expectRateLimited(events, ANONYMOUS_LIMIT);
      expectRateLimited(login, ANONYMOUS_LIMIT);
      expect(neighbour.status).toBe(200);
    });

    it('never limits health probes and metrics scrapes, which carry no RateLimit headers', async () => {
      const client = from(newClientAddress());
      for (let i = 0; i < ANONYMOUS_LIMIT; i++) await t.http().get('/api/events').set(client);
      expect((await t.http().get('/api/events').set(client)).status).toBe(429);

      for (const path of ['/health/live', '/health/ready', '/metrics']) {
        for (let i = 0; i < 3; i++) {
          const res = await t.http().get(path).set(client);
          expect({ path, status: res.status }).toEqual({ path, status: 200 });
          expect(res.headers['ratelimit-limit']).toBeUndefined();
        }
      }
    });
  });

  describe('authenticated callers, per user or API key', () => {
    let user: TestUser;
    beforeEach(async () => {
      user = await createUser(t, { organizationId });
    });

    it('limits a user wherever they call from, and only that user', async () => {
      const calls: Response[] = [];
      for (let i = 0; i < AUTHENTICATED_LIMIT; i++) {
        calls.push(
          await t.http().get('/api/auth/me').set(bearer(user.token)).set(from(newClientAddress())),
        );
      }

      const limited = await t
        .http()
        .get('/api/auth/me')
        .set(bearer(user.token))
        .set(from(newClientAddress()));
      const colleague = await createUser(t, { organizationId });
      const other = await t.http().get('/api/auth/me').set(bearer(colleague.token));

      expect(calls.map((res) => res.status)).toEqual(Array(AUTHENTICATED_LIMIT).fill(200));
      expect(calls.map((res) => res.headers['ratelimit-limit'])).toEqual(
        Array(AUTHENTICATED_LIMIT).fill(String(AUTHENTICATED_LIMIT)),
      );
      expectRateLimited(limited, AUTHENTICATED_LIMIT);
      expect(other.status).toBe(200);
    });

    it('counts a caller with a token by who they are, not by the address they share', async () => {
      const office = from(newClientAddress());
      for (let i = 0; i < ANONYMOUS_LIMIT; i++) await t.http().get('/api/events').set(office);
      expect((await t.http().get('/api/events').set(office)).status).toBe(429);

      // The same public-or-authenticated route, with a token, from the exhausted address.
      const withToken = await t.http().get('/api/events').set(office).set(bearer(user.token));

      expect(withToken.status).toBe(200);
      expect(withToken.headers['ratelimit-limit']).toBe(String(AUTHENTICATED_LIMIT));
    });

    it('gives each API key its own budget, apart from the organizer who made it', async () => {
      const organizer = await createUser(t, { role: 'ORGANIZER', organizationId });
      const key = (
        await t
          .http()
          .post('/api/api-keys')
          .set(bearer(organizer.token))
          .send({ name: 'sync', role: 'READ_ONLY' })
          .expect(201)
      ).body.key as string;
      for (let i = 1; i < AUTHENTICATED_LIMIT; i++) {
        await t.http().get('/api/auth/me').set(bearer(organizer.token)).expect(200);
      }
      expect((await t.http().get('/api/auth/me').set(bearer(organizer.token))).status).toBe(429);

      const byKey: number[] = [];
      for (let i = 0; i <= AUTHENTICATED_LIMIT; i++) {
        byKey.push((await t.http().get('/api/auth/me').set('x-api-key', key)).status);
      }

      expect(byKey).toEqual([...Array(AUTHENTICATED_LIMIT).fill(200), 429]);
    });

    it('answers the JSON:API dialect in its own error format', async () => {
      const event = await createEvent(t, organizationId);
      const admin = await createUser(t, { role: 'ADMIN' });
      const signup = () =>
        t
          .http()
          .get(`/registrations/v2/signups/${event.id}`)
          .set(bearer(admin.token))
          .set('accept', JSON_API_MEDIA_TYPE);
      for (let i = 0; i < AUTHENTICATED_LIMIT; i++) expect((await signup()).status).toBe(200);

      const res = await signup();

      expect(res.status).toBe(429);
      expect(res.headers['content-type']).toBe(JSON_API_MEDIA_TYPE);
      expect(res.body.errors[0]).toMatchObject({ status: '429', code: 'rate-limited' });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    });
  });

  describe('behind no proxy (TRUST_PROXY=false)', () => {
    const direct = useSecurityApp({ env: { RATE_LIMIT_ANONYMOUS: '2' } });

    it('ignores X-Forwarded-For, so a client cannot pose as many', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await direct().http().get('/api/categories').set(from(newClientAddress()));
        statuses.push(res.status);
      }
      expect(statuses).toEqual([200, 200, 429, 429]);
    });
  });

  describe('turned off (0)', () => {
    const unlimited = useSecurityApp({
      env: { RATE_LIMIT_ANONYMOUS: '0', RATE_LIMIT_AUTHENTICATED: '0' },
    });

    it('counts nothing and sends no RateLimit headers', async () => {
      const user = await createUser(unlimited());
      const answers: Response[] = [];
      for (let i = 0; i < 20; i++) {
        answers.push(await unlimited().http().get('/api/attendances'));
        answers.push(await unlimited().http().get('/api/auth/me').set(bearer(user.token)));
      }
      expect(answers.filter((res) => res.status !== 200)).toEqual([]);
      expect(answers.filter((res) => res.headers['ratelimit-limit'] !== undefined)).toEqual([]);
    });
  });

  itLogsNoSecrets();
});
