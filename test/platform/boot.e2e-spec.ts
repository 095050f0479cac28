import { loadMigrations } from 'src/database/migration-loader';
import { startTestApp, type TestApp } from '../support/test-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const expectedDriver = process.env.DATABASE_URL ? 'PostgreSqlDriver' : 'PgliteDriver';

describe(`booting on ${expectedDriver}`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      env: { CORS_ORIGINS: 'https://app.example.com,https://admin.example.com' },
    });
  });
  afterAll(() => t.close());

  it('applies every committed migration at start-up', async () => {
    const rows: Array<{ name: string }> = await t.orm.em
      .getConnection()
      .execute('select name from mikro_orm_migrations order by id');
    const committed = loadMigrations().map((m) => m.name);
    expect(committed.length).toBeGreaterThan(0);
    expect(rows.map((row) => row.name)).toEqual(committed);
  });

  it('reports live and ready, naming the driver', async () => {
    const live = await t.http().get('/health/live');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'ok' });

    const ready = await t.http().get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ok');
    expect(ready.body.details.database).toEqual({ status: 'up', driver: expectedDriver });
  });

  describe('request ids', () => {
    it('echoes a sane incoming X-Request-Id', async () => {
      const res = await t.http().get('/health/live').set('x-request-id', 'edge-7f3a.42:b');
      expect(res.headers['x-request-id']).toBe('edge-7f3a.42:b');
    });

    it('replaces an insane one with a fresh UUID', async () => {
      const res = await t.http().get('/health/live').set('x-request-id', 'x'.repeat(300));
      expect(res.headers['x-request-id']).toMatch(UUID);
      const injected = await t.http().get('/health/live').set('x-request-id', 'a b<script>');
      expect(injected.headers['x-request-id']).toMatch(UUID);
    });

    it('generates a different one per request when none is sent', async () => {
      const [a, b] = await Promise.all([
        t.http().get('/health/live'),
        t.http().get('/health/live'),
      ]);
      expect(a.headers['x-request-id']).toMatch(UUID);
      expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
    });

    it('puts the same id in the problem body', async () => {
      const res = await t.http().get('/nowhere').set('x-request-id', 'abc-123');
      expect(res.body.requestId).toBe('abc-123');
      expect(res.headers['x-request-id']).toBe('abc-123');
    });
  });

  it('sends security headers on every response, errors included', async () => {
    for (const path of ['/health/live', '/nowhere']) {
      const res = await t.http().get(path);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['strict-transport-security']).toBeDefined();
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('allows only the configured CORS origins, without credentials', async () => {
    const allowed = await t
      .http()
      .options('/api/auth/me')
      .set('origin', 'https://admin.example.com')
      .set('access-control-request-method', 'GET');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://admin.example.com');
    expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();

    const refused = await t.http().get('/health/live').set('origin', 'https://evil.example.com');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('exposes Prometheus metrics with a duration histogram labelled by route pattern', async () => {
    await t.http().get('/health/live');
    await t.http().get('/no/such/thing/42');

    const res = await t.http().get('/metrics');

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toContain('process_cpu_user_seconds_total');
    expect(res.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/health\/live",status_code="200"\} \d+/,
    );
    expect(res.text).toMatch(/route="unmatched",status_code="404"/);
    expect(res.text).not.toContain('/no/such/thing/42');
  });
});

describe('metrics behind METRICS_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { METRICS_TOKEN: 'scrape-token-0123456789' } });
  });
  afterAll(() => t.close());

  it('refuses a scrape without the token and serves one with it', async () => {
    expect((await t.http().get('/metrics')).status).toBe(401);
    expect((await t.http().get('/metrics').set('authorization', 'Bearer wrong')).status).toBe(401);
    const res = await t
      .http()
      .get('/metrics')
      .set('authorization', 'Bearer scrape-token-0123456789');
    expect(res.status).toBe(200);
  });
});
