import { bearer, createOccurrence, createUser } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  createProject,
  expectProblem,
  expectStatus,
  type Headers,
  projectApi,
} from '../projects/project-fixture';
import { sendRaw } from './raw-http';

type Api = ReturnType<typeof projectApi>;

/** `{ "a": { "a": … } }`, `levels` objects deep, as JSON text. */
const deepObject = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

/**
 * Input the fuzzing suite (operations.e2e-spec.ts) found mishandled, each pinned by the request
 * that showed it and what a client must see instead.
 */
describe('bad input the fuzzer caught', () => {
  let t: TestApp;
  let origin: string;
  let admin: Headers;
  let api: Api;
  let eventId: string;
  let occurrenceId: string;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    origin = await t.app.getUrl();
    admin = bearer((await createUser(t, { role: 'ADMIN' })).token);
    const project = await createProject(t);
    api = projectApi(t, project);
    eventId = project.eventId;
    occurrenceId = (await createOccurrence(t, eventId)).id;
  });
  afterAll(() => t.close());

  const get = (path: string) => t.http().get(path).set(admin);

  it('refuses a page or offset past what PostgreSQL can count with 400 (it answered 500)', async () => {
    expectProblem(await get('/api/events?page=1e20'), 400, 'validation', ['/page']);
    expectProblem(await get('/api/v1/event-registrations?page=1e20'), 400, 'validation', ['/page']);
    expectProblem(await api.get('/attendees?page=1e20'), 400, 'validation', ['/page']);
    const offset = await get(`/registrations/v2/signups?offset=1e20`).expect(400);
    expect(offset.body.errors[0].source).toEqual({ parameter: 'offset' });
  });

  it('refuses brackets where a number belongs, page[$gt]=1 or page[]=1, with 400 (it answered 500)', async () => {
    expectProblem(await get('/api/events?page[$gt]=1'), 400, 'validation', ['/page']);
    expectProblem(await api.get('/attendees?per_page[]=1'), 400, 'validation', ['/per_page']);
  });

  it('answers a URL it cannot route with a problem and the request id (Fastify answered its own JSON)', async () => {
    for (const path of [
      '/api/events/%E0%A4%A',
      '/api/events/%ZZ',
      `/api/events/${'x'.repeat(101)}`,
    ]) {
      const res = await sendRaw(origin, { method: 'GET', path, query: [], headers: {} });
      expect({ status: res.status, type: res.headers['content-type'] }).toEqual({
        status: 400,
        type: 'application/problem+json; charset=utf-8',
      });
      expect(JSON.parse(res.text)).toMatchObject({
        type: 'https://turnout.dev/problems/bad-request',
        requestId: res.headers['x-request-id'],
      });
    }
  });

  it('answers such a URL under /registrations/v2 with a JSON:API error', async () => {
    const res = await sendRaw(origin, {
      method: 'GET',
      path: '/registrations/v2/signups/%ZZ/attendees',
      query: [],
      headers: {},
    });
    expect({ status: res.status, type: res.headers['content-type'] }).toEqual({
      status: 400,
      type: 'application/vnd.api+json',
    });
    expect(JSON.parse(res.text).errors[0]).toMatchObject({ status: '400', code: 'bad-request' });
  });

  it('refuses a body nested thousands of levels deep with 400 (the validators overflowed the stack: 500)', async () => {
    const before = await api.total();
    for (const body of [deepObject(5000), `${'['.repeat(20_000)}${']'.repeat(20_000)}`]) {
      const res = await t
        .http()
        .post(`${api.path}/attendees`)
        .set(api.auth)
        .set('content-type', 'application/json')
        .send(body);
      expectProblem(res, 400, 'validation', ['']);
    }
    expect(await api.total()).toBe(before);
  });

  it('refuses lone surrogates, which are not text (500 in JSON columns, U+FFFD in text ones)', async () => {
    const registration = await t
      .http()
      .post('/api/v1/event-registrations')
      .set(admin)
      .send({ occurrenceId, externalUserId: 'surrogate', fields: { note: 'ok' } })
      .expect(201);
    const put = (fields: object) =>
      t
        .http()
        .put(`/api/v1/event-registrations/${registration.body.id}`)
        .set(admin)
        .send({ fields });
    expectProblem(await put({ note: '\uD800' }), 400, 'validation', ['/fields/note']);
    expectProblem(await put({ '\uDFFF': 'x' }), 400, 'validation', ['/fields/\uDFFF']);
    expectProblem(
      await api.post('/attendees', { first_name: 'A\uD800', last_name: 'B' }),
      400,
      'validation',
      ['/first_name'],
    );
    const kept = await get(`/api/v1/event-registrations/${registration.body.id}`).expect(200);
    expect(kept.body.fields).toEqual({ note: 'ok' });
  });

  it('refuses null for a property that is not nullable (500s, or silently ignored)', async () => {
    const patchEvent = (body: object) =>
      t.http().patch(`/api/events/${eventId}`).set(admin).send(body);
    expectProblem(await patchEvent({ status: null }), 400, 'validation', ['/status']);
    expectProblem(await patchEvent({ title: null }), 400, 'validation', ['/title']);
    const webhook = await t
      .http()
      .post('/api/webhooks')
      .set(api.auth)
      .send({ url: 'https://example.com/hook', events: ['attendee.created'] })
      .expect(201);
    expectProblem(
      await t.http().patch(`/api/webhooks/${webhook.body.id}`).set(admin).send({ events: null }),
      400,
      'validation',
      ['/events'],
    );
    const attendee = await api.attendee();
    expectProblem(
      await api.patch(`/attendees/${attendee.id}`, { custom_fields: null }),
      400,
      'validation',
      ['/custom_fields'],
    );
  });

  it('still takes null where the API documents it (positive control)', async () => {
    const unlimited = await t
      .http()
      .patch(`/api/events/${eventId}`)
      .set(admin)
      .send({ capacity: null });
    expect(expectStatus(unlimited, 200).body.capacity).toBeNull();
    const attendee = await api.attendee({ email: 'null.control@example.com' });
    const cleared = await api.patch(`/attendees/${attendee.id}`, { email: null });
    expect(expectStatus(cleared, 200).body.data.email).toBeNull();
  });

  it('refuses a body that is not a JSON object with 400 (null was "no changes"; [] answered 500)', async () => {
    const send = (method: 'patch' | 'post', path: string, text: string) =>
      t.http()[method](path).set(admin).set('content-type', 'application/json').send(text);
    expectProblem(await send('patch', `/api/events/${eventId}`, 'null'), 400, 'validation', ['']);
    expectProblem(await send('post', `${api.path}/attendees/search`, '[]'), 400, 'validation', [
      '',
    ]);
  });

  it('refuses form and plain-text bodies with 415 (a form-encoded login was accepted)', async () => {
    const user = await createUser(t, { password: 'correct-horse-battery' });
    const login = (type: string, body: string) =>
      t.http().post('/api/auth/login').set('content-type', type).send(body);
    const form = new URLSearchParams({ email: user.email, password: 'correct-horse-battery' });
    expectProblem(
      await login('application/x-www-form-urlencoded', form.toString()),
      415,
      'unsupported-media-type',
    );
    const json = JSON.stringify({ email: user.email, password: 'correct-horse-battery' });
    expectProblem(await login('text/plain', json), 415, 'unsupported-media-type');
    expectStatus(await login('application/json', json), 200);
  });

  it('refuses inherited property names, which were dropped in silence while other unknown ones are refused', async () => {
    const attendee = await api.attendee();
    expectProblem(
      await api.patch(`/attendees/${attendee.id}`, { constructor: 'x' }),
      400,
      'validation',
      ['/constructor'],
    );
    expectProblem(
      await api.patch(`/attendees/${attendee.id}`, {
        emergency_contact: { name: 'A', toString: 'x' },
      }),
      400,
      'validation',
      ['/emergency_contact/toString'],
    );
    expectProblem(
      await api.patch(`/attendees/${attendee.id}`, { prototype: 'x' }),
      400,
      'validation',
      ['/prototype'],
    );
    expectProblem(await get('/api/events?constructor=1'), 400, 'validation', ['/constructor']);
  });
});
