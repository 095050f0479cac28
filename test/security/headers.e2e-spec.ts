import type { Response } from 'supertest';
import {
  bearer,
  createEvent,
  createOrganization,
  createUser,
  type TestUser,
} from '../support/factories';
import type { TestApp } from '../support/test-app';
import { itLogsNoSecrets, startSecurityApp, useSecurityApp } from './security-fixture';

const JSON_API = 'application/vnd.api+json';
const RATE_LIMIT_HEADERS = ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'];

/**
 * What every response carries, whatever produced it (test/platform/boot.e2e-spec.ts checks two),
 * but CORS preflights: empty 204s Nest answers before the security headers are set.
 */
function expectSecurityHeaders(res: Response) {
  const where = `${res.request.method} ${res.request.url} → ${res.status}`;
  const headers = res.headers;
  expect({
    where,
    nosniff: headers['x-content-type-options'],
    frames: headers['x-frame-options'],
    csp: headers['content-security-policy']?.includes("default-src 'self'"),
    frameAncestors: headers['content-security-policy']?.includes("frame-ancestors 'self'"),
    hsts: headers['strict-transport-security']?.startsWith('max-age='),
    referrer: headers['referrer-policy'],
    poweredBy: headers['x-powered-by'],
  }).toEqual({
    where,
    nosniff: 'nosniff',
    frames: 'SAMEORIGIN',
    csp: true,
    frameAncestors: true,
    hsts: true,
    referrer: 'no-referrer',
    poweredBy: undefined,
  });
}

describe('security headers and CORS', () => {
  let t: TestApp;
  let organizer: TestUser;
  let eventId: string;
  let address = 0;
  const client = () => ({ 'x-forwarded-for': `192.0.2.${++address}` });

  beforeAll(async () => {
    t = await startSecurityApp({
      env: { RATE_LIMIT_ANONYMOUS: '2', TRUST_PROXY: 'true', BODY_LIMIT: '2048' },
    });
    const organization = await createOrganization(t);
    organizer = await createUser(t, { role: 'ORGANIZER', organizationId: organization.id });
    eventId = (await createEvent(t, organization.id)).id;
  });
  afterAll(() => t.close());

  it('sends the security headers on every kind of response', async () => {
    const auth = bearer(organizer.token);
    const created = await t
      .http()
      .post(`/api/events/${eventId}/occurrences`)
      .set(auth)
      .send({ startDate: '2030-01-01T10:00:00Z', endDate: '2030-01-01T12:00:00Z' });
    const limitedClient = client();
    await t.http().get('/api/categories').set(limitedClient);
    await t.http().get('/api/categories').set(limitedClient);

    const responses = [
      created,
      await t.http().get(`/api/events/${eventId}`).set(client()),
      await t.http().delete(`/api/events/${eventId}/occurrences/${created.body.id}`).set(auth),
      await t.http().get('/api/auth/me').set(client()),
      await t.http().get('/api/users').set(auth),
      await t.http().get('/api/no-such-route').set(client()),
      await t.http().post('/api/events').set(auth).send({ capacity: -1 }),
      await t
        .http()
        .post('/api/events')
        .set(auth)
        .set('content-type', 'application/json')
        .send('{"title":'),
      await t
        .http()
        .post('/api/events')
        .set(auth)
        .send({ title: 'x'.repeat(4096) }),
      await t.http().post('/api/events').set(auth).set('content-type', 'text/plain').send('hi'),
      await t.http().get('/api/categories').set(limitedClient),
      await t.http().get(`/registrations/v2/signups/${eventId}`).set(auth).set('accept', JSON_API),
      await t.http().get('/registrations/v2/signups/nope').set(auth).set('accept', JSON_API),
      await t.http().get('/metrics'),
      await t.http().get('/docs-json'),
      await t.http().get('/docs/'),
      await t.http().get('/api/%E0%A4%A'),
    ];

    expect(responses.map((res) => res.status)).toEqual([
      201, 200, 204, 401, 403, 404, 400, 400, 413, 415, 429, 200, 400, 200, 200, 200, 400,
    ]);
    responses.forEach(expectSecurityHeaders);
  });

  describe('CORS with the default CORS_ORIGINS=*', () => {
    const origin = 'https://any-front-end.example';

    it('lets any origin read answers, errors included, but never with credentials', async () => {
      const answers = [
        await t.http().get('/api/events').set('origin', origin).set(client()),
        await t.http().get('/api/auth/me').set('origin', origin).set(client()),
      ];
      for (const res of answers) {
        expect(res.headers['access-control-allow-origin']).toBe('*');
        expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      }
      expect(answers.map((res) => res.status)).toEqual([200, 401]);
    });

    it('exposes the headers clients need to page, trace and back off', async () => {
      const limited = client();
      for (let i = 0; i < 2; i++) await t.http().get('/api/events').set(limited);

      const res = await t.http().get('/api/events').set('origin', origin).set(limited);

      expect(res.status).toBe(429);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      const exposed = String(res.headers['access-control-expose-headers']).split(/\s*,\s*/);
      expect(exposed).toEqual(
        expect.arrayContaining([
          'X-Request-Id',
          'X-Total-Count',
          'Link',
          'Retry-After',
          ...RATE_LIMIT_HEADERS,
        ]),
      );
    });

    it('allows every method the API uses in a preflight, with the headers asked for', async () => {
      const res = await t
        .http()
        .options('/api/v1/event-registrations')
        .set('origin', origin)
        .set('access-control-request-method', 'PUT')
        .set('access-control-request-headers', 'authorization,content-type,x-api-key');

      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(String(res.headers['access-control-allow-methods']).split(/\s*,\s*/)).toEqual(
        expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
      );
      expect(res.headers['access-control-allow-headers']).toBe(
        'authorization,content-type,x-api-key',
      );
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    });
  });

  describe('CORS with a list of origins', () => {
    const listed = useSecurityApp({
      env: { CORS_ORIGINS: 'https://admin.example.com,https://kiosk.example.com' },
    });

    it('answers each listed origin with itself, and varies the cache on Origin', async () => {
      for (const origin of ['https://admin.example.com', 'https://kiosk.example.com']) {
        const res = await listed().http().get('/api/events').set('origin', origin);
        expect(res.headers['access-control-allow-origin']).toBe(origin);
        expect(String(res.headers.vary)).toMatch(/origin/i);
      }
    });

    it('gives other origins, look-alikes included, nothing to read with', async () => {
      for (const origin of [
        'https://evil.example.com',
        'https://admin.example.com.evil.example',
        'http://admin.example.com',
        'null',
      ]) {
        const read = await listed().http().get('/api/events').set('origin', origin);
        const preflight = await listed()
          .http()
          .options('/api/events')
          .set('origin', origin)
          .set('access-control-request-method', 'POST');
        expect({ origin, read: read.headers['access-control-allow-origin'] }).toEqual({
          origin,
          read: undefined,
        });
        expect({ origin, preflight: preflight.headers['access-control-allow-origin'] }).toEqual({
          origin,
          preflight: undefined,
        });
      }
    });
  });

  itLogsNoSecrets();
});
