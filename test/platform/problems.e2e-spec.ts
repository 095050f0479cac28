import { PlatformFixturesController } from '../support/platform-fixtures.controller';
import { startTestApp, type TestApp } from '../support/test-app';

const PROBLEM = /^application\/problem\+json/;

describe('every error is application/problem+json', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      controllers: [PlatformFixturesController],
      env: { BODY_LIMIT: '2048' },
    });
  });
  afterAll(() => t.close());

  it('answers an unknown route with a 404 problem naming the path', async () => {
    const res = await t.http().get('/no/such/route?token=abc').set('x-request-id', 'trace-404');

    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toEqual({
      type: 'https://turnout.dev/problems/not-found',
      title: 'Not found',
      status: 404,
      detail: expect.stringContaining('/no/such/route'),
      instance: '/no/such/route',
      requestId: 'trace-404',
    });
  });

  it('answers malformed JSON with a 400 malformed-json problem', async () => {
    const res = await t
      .http()
      .post('/__fixtures/echo')
      .set('content-type', 'application/json')
      .send('{"name": "Ada",');

    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.type).toBe('https://turnout.dev/problems/malformed-json');
  });

  it('answers an empty JSON body with a 400 malformed-json problem', async () => {
    const res = await t
      .http()
      .post('/__fixtures/echo')
      .set('content-type', 'application/json')
      .send('');

    expect(res.status).toBe(400);
    expect(res.body.type).toBe('https://turnout.dev/problems/malformed-json');
  });

  it('answers a body over BODY_LIMIT with a 413 problem', async () => {
    const res = await t
      .http()
      .post('/__fixtures/echo')
      .send({ name: 'x'.repeat(4096) });

    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.type).toBe('https://turnout.dev/problems/payload-too-large');
  });

  it('answers an unsupported content type with a 415 problem', async () => {
    const res = await t
      .http()
      .post('/__fixtures/echo')
      .set('content-type', 'application/xml')
      .send('<name>Ada</name>');

    expect(res.status).toBe(415);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.type).toBe('https://turnout.dev/problems/unsupported-media-type');
  });

  it('lists each invalid body value with a JSON pointer, nested and unknown ones included', async () => {
    const res = await t
      .http()
      .post('/__fixtures/echo')
      .send({ name: 42, email: 'not-an-email', address: { city: 7 }, isAdmin: true });

    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.type).toBe('https://turnout.dev/problems/validation');
    const pointers = res.body.errors.map((e: { pointer: string }) => e.pointer).sort();
    expect(pointers).toEqual(['/address/city', '/email', '/isAdmin', '/name']);
    for (const error of res.body.errors) {
      expect(error.message).toEqual(expect.any(String));
      expect(error.in).toBeUndefined();
    }
  });

  it('marks an invalid query parameter with in: query', async () => {
    const res = await t.http().post('/__fixtures/echo?ms=-3').send({ name: 'Ada' });

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { pointer: '/ms', message: expect.stringMatching(/ms/), in: 'query' },
    ]);
  });

  it('rejects a body that is not an object', async () => {
    const res = await t
      .http()
      .post('/__fixtures/echo')
      .set('content-type', 'application/json')
      .send('"Ada"');

    expect(res.status).toBe(400);
    expect(res.body.type).toBe('https://turnout.dev/problems/validation');
  });

  it('passes a valid body through, converting query strings to numbers', async () => {
    const res = await t
      .http()
      .post('/__fixtures/echo?ms=5')
      .send({ name: 'Ada', address: { city: 'Oslo' } });

    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      body: { name: 'Ada', address: { city: 'Oslo' } },
      query: { ms: 5 },
    });
  });

  it('renders a module error with its own code, status, detail and extensions', async () => {
    const res = await t.http().get('/__fixtures/domain-error');

    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({
      type: 'https://turnout.dev/problems/seat-taken',
      title: 'The seat is taken',
      status: 409,
      detail: 'Seat 12A is taken',
      seat: '12A',
    });
  });

  it('answers an unexpected error with a generic 500 that reveals nothing but the request id', async () => {
    const res = await t.http().get('/__fixtures/boom');

    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toEqual({
      type: 'https://turnout.dev/problems/internal',
      title: 'Internal server error',
      status: 500,
      detail: expect.stringContaining('request id'),
      instance: '/__fixtures/boom',
      requestId: res.headers['x-request-id'],
    });
    expect(res.text).not.toMatch(/secret|postgres:|at .*\.ts/);
  });

  it('answers a missing token with 401 and a Bearer challenge', async () => {
    const res = await t.http().get('/api/auth/me');

    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });
});
