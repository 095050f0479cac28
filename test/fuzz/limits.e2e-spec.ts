import type { Response } from 'supertest';
// The app first: it loads reflect-metadata, which the DTO module below needs.
import { startTestApp, type TestApp } from '../support/test-app';
import { bearer, createOccurrence, createUser } from '../support/factories';
import { MAX_PAGE } from '@turnout/common/pagination/page-query.dto';
import { MAX_NESTING_DEPTH } from '@turnout/common/validation/unreadable-input';
import {
  type Attendee,
  createProject,
  expectProblem,
  expectStatus,
  type Headers,
  projectApi,
} from '../projects/project-fixture';

/**
 * Every limit the README documents, at its boundary: the largest value is accepted and one more is
 * refused with a 400 that names the parameter, before anything is written.
 */
const BODY_LIMIT = 64 * 1024;
const JSON_API = 'application/vnd.api+json';

type Api = ReturnType<typeof projectApi>;

/** A JSON:API error naming `parameter` (the seed 001 dialect's 400). */
function expectJsonApiRefusal(res: Response, parameter: string) {
  expect({ status: res.status, type: res.headers['content-type'] }).toEqual({
    status: 400,
    type: JSON_API,
  });
  expect(res.body.errors).toContainEqual(expect.objectContaining({ source: { parameter } }));
}

/** `{ a: { a: … } }`, `levels` objects deep. */
const nested = (levels: number): object => (levels === 1 ? {} : { a: nested(levels - 1) });

describe('documented limits', () => {
  let t: TestApp;
  let api: Api;
  let admin: Headers;
  let occurrenceId: string;
  let signupId: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { BODY_LIMIT: String(BODY_LIMIT) } });
    const project = await createProject(t);
    api = projectApi(t, project);
    admin = bearer((await createUser(t, { role: 'ADMIN' })).token);
    occurrenceId = (await createOccurrence(t, project.eventId)).id;
    signupId = project.eventId;
  });
  afterAll(() => t.close());

  const get = (path: string) => t.http().get(path).set(admin);

  describe('BODY_LIMIT', () => {
    it('reads a body of exactly BODY_LIMIT bytes and refuses one byte more with a 413 problem', async () => {
      const json = JSON.stringify({ resources: [{ first_name: 'Max', last_name: 'Body' }] });
      // Whitespace after the JSON keeps it valid while making it exactly as long as wanted.
      const body = (bytes: number) => json.padEnd(bytes, ' ');
      const post = (bytes: number) =>
        t
          .http()
          .post(`${api.path}/attendees/batch`)
          .set(api.auth)
          .set('content-type', 'application/json')
          .send(body(bytes));

      expectStatus(await post(BODY_LIMIT), 201);
      expectProblem(await post(BODY_LIMIT + 1), 413, 'payload-too-large');
      expect(await api.total()).toBe(1);
    });
  });

  describe('page sizes', () => {
    it('management API lists: perPage up to 100', async () => {
      expect((await get('/api/events?perPage=100').expect(200)).body.meta.perPage).toBe(100);
      expectProblem(await get('/api/events?perPage=101'), 400, 'validation', ['/perPage']);
    });

    it('GxP lists: per_page up to 100', async () => {
      expect((await api.get('/attendees?per_page=100')).body.meta.per_page).toBe(100);
      expectProblem(await api.get('/attendees?per_page=101'), 400, 'validation', ['/per_page']);
    });

    it('Planning Center lists: per_page up to 100', async () => {
      const attendees = `/registrations/v2/signups/${signupId}/attendees`;
      await get(`${attendees}?per_page=100`).expect(200);
      expectJsonApiRefusal(await get(`${attendees}?per_page=101`), 'per_page');
    });

    it('event registrations: limit up to 100', async () => {
      await get('/api/v1/event-registrations?limit=100').expect(200);
      expectProblem(await get('/api/v1/event-registrations?limit=101'), 400, 'validation', [
        '/limit',
      ]);
    });
  });

  describe(`page numbers and offsets (up to ${MAX_PAGE})`, () => {
    it.each([
      ['/api/events?page=', '/page'],
      ['/api/attendances?page=', '/page'],
      ['/api/v1/event-registrations?page=', '/page'],
    ])('%s answers an empty last page, and refuses one further', async (path, pointer) => {
      expect((await get(`${path}${MAX_PAGE}`).expect(200)).text).toMatch(/\[\]/);
      expectProblem(await get(`${path}${MAX_PAGE + 1}`), 400, 'validation', [pointer]);
    });

    it('GxP lists: page', async () => {
      expect((await api.get(`/attendees?page=${MAX_PAGE}`)).body.data).toEqual([]);
      expectProblem(await api.get(`/attendees?page=${MAX_PAGE + 1}`), 400, 'validation', ['/page']);
    });

    it('Planning Center lists: offset', async () => {
      const attendees = `/registrations/v2/signups/${signupId}/attendees`;
      expect((await get(`${attendees}?offset=${MAX_PAGE}`).expect(200)).body.data).toEqual([]);
      expectJsonApiRefusal(await get(`${attendees}?offset=${MAX_PAGE + 1}`), 'offset');
    });
  });

  describe('batches of 1 to 1000 attendees', () => {
    const people = (count: number) =>
      Array.from({ length: count }, (_, i) => ({ first_name: `P${i}`, last_name: 'Limit' }));

    it('creates 1000 at once and refuses 1001', async () => {
      const before = await api.total();
      expectProblem(
        await api.post('/attendees/batch', { resources: people(1001) }),
        400,
        'validation',
        ['/resources'],
      );
      expect(await api.total()).toBe(before);
      const created = expectStatus(
        await api.post('/attendees/batch', { resources: people(1000) }),
        201,
      );
      expect(created.body.data).toHaveLength(1000);
    });

    it('changes 1000 at once and refuses 1001', async () => {
      const all: Attendee[] = [];
      for (let page = 1; all.length < 1000; page += 1) {
        all.push(...(await api.get(`/attendees?per_page=100&page=${page}`)).body.data);
      }
      const changes = Object.fromEntries(all.slice(0, 1000).map((a) => [a.id, { phone: '1' }]));
      const tooMany = { ...changes, '00000000-0000-4000-8000-000000000000': { phone: '1' } };
      expectProblem(
        await api.patch('/attendees/batch', { resources: tooMany }),
        400,
        'validation',
        ['/resources'],
      );
      const changed = expectStatus(
        await api.patch('/attendees/batch', { resources: changes }),
        200,
      );
      expect(changed.body.data).toHaveLength(1000);
    });
  });

  describe('search terms', () => {
    it.each([
      ['/api/events?q=', 255, '/q'],
      ['/api/users?q=', 255, '/q'],
      ['/api/v1/event-registrations?search=', 255, '/search'],
      ['/api/attendances?searchTerm=', 200, '/searchTerm'],
    ])('%s takes %i characters', async (path, max, pointer) => {
      await get(`${path}${'x'.repeat(max)}`).expect(200);
      expectProblem(await get(`${path}${'x'.repeat(max + 1)}`), 400, 'validation', [pointer]);
    });
  });

  describe('GxP filters and sorts', () => {
    const search = (body: object) => api.post('/attendees/search', body);
    const filter = (value: unknown, operator = '=') => ({ field: 'first_name', operator, value });

    it('takes 20 filters and refuses 21', async () => {
      expectStatus(await search({ filters: Array.from({ length: 20 }, () => filter('x')) }), 200);
      expectProblem(
        await search({ filters: Array.from({ length: 21 }, () => filter('x')) }),
        400,
        'validation',
        ['/filters'],
      );
    });

    it('takes 20 filter[field] parameters and refuses 21', async () => {
      for (let i = 1; i <= 11; i += 1) await api.field(`extra_${i}`, 'text');
      const fields = [
        'id',
        'attendee_type_id',
        'email',
        'first_name',
        'last_name',
        'status',
        'group_id',
        'created_at',
        'updated_at',
        'checked_in_at',
        ...Array.from({ length: 11 }, (_, i) => `custom_fields.extra_${i + 1}`),
      ];
      // `null` suits every field: "is null" on ids, statuses and dates, plain text on the rest.
      const query = (count: number) =>
        fields
          .slice(0, count)
          .map((field) => `filter[${field}]=null`)
          .join('&');
      expectStatus(await api.get(`/attendees?${query(20)}`), 200);
      const refused = await api.get(`/attendees?${query(21)}`);
      expectProblem(refused, 400, 'validation');
      expect(refused.body.errors[0]).toMatchObject({
        in: 'query',
        message: expect.stringContaining('20 filters'),
      });
    });

    it('takes 1000 values in a list and refuses 1001', async () => {
      const values = (count: number) => Array.from({ length: count }, (_, i) => `v${i}`);
      expectStatus(await search({ filters: [filter(values(1000), 'in')] }), 200);
      expectProblem(await search({ filters: [filter(values(1001), 'in')] }), 400, 'validation', [
        '/filters/0/value',
      ]);
    });

    it('takes a value of 500 characters and refuses 501', async () => {
      expectStatus(await search({ filters: [filter('x'.repeat(500))] }), 200);
      expectProblem(await search({ filters: [filter('x'.repeat(501))] }), 400, 'validation', [
        '/filters/0/value',
      ]);
    });

    it('takes 5 sort keys and refuses 6', async () => {
      const fields = ['last_name', 'first_name', 'email', 'status', 'created_at', 'updated_at'];
      const sort = (count: number) =>
        fields.slice(0, count).map((field) => ({ field, direction: 'asc' }));
      expectStatus(await search({ sort: sort(5) }), 200);
      expectProblem(await search({ sort: sort(6) }), 400, 'validation', ['/sort']);
    });
  });

  describe('include depth: one level, nested paths refused', () => {
    it('GxP include', async () => {
      expectStatus(await api.get('/attendees?include=credentials'), 200);
      expectProblem(
        await api.get('/attendees?include=credentials.credential_type'),
        400,
        'invalid-include',
        ['/include'],
      );
    });

    it('Planning Center include', async () => {
      const attendees = `/registrations/v2/signups/${signupId}/attendees`;
      await get(`${attendees}?include=person`).expect(200);
      expectJsonApiRefusal(await get(`${attendees}?include=person.person`), 'include');
    });
  });

  describe(`bodies nest up to ${MAX_NESTING_DEPTH} levels`, () => {
    it('stores free-form fields nested to the limit and refuses one level more', async () => {
      const register = (fields: object, externalUserId: string) =>
        t
          .http()
          .post('/api/v1/event-registrations')
          .set(admin)
          .send({ occurrenceId, externalUserId, fields });
      // The body is one level, `fields` the second.
      const deepest = nested(MAX_NESTING_DEPTH - 1);
      const accepted = expectStatus(await register(deepest, 'deep-1'), 201);
      expect(accepted.body.fields).toEqual(deepest);
      expectProblem(await register(nested(MAX_NESTING_DEPTH), 'deep-2'), 400, 'validation', ['']);
    });
  });

  describe('custom fields: 100 per project', () => {
    it('defines the 100th and refuses the 101st', async () => {
      const fresh = projectApi(t, await createProject(t));
      for (let i = 1; i <= 100; i += 1) await fresh.field(`field_${i}`, 'text');
      expectProblem(
        await fresh.post('/custom-fields', { key: 'field_101', label: 'One more', type: 'text' }),
        422,
        'invalid-custom-field',
      );
    });
  });

  describe('X-Request-Id', () => {
    it('echoes an id of 128 characters and replaces a longer one', async () => {
      const id = (length: number) => 'r'.repeat(length);
      const echoed = await t.http().get('/health/live').set('x-request-id', id(128));
      expect(echoed.headers['x-request-id']).toBe(id(128));
      const replaced = await t.http().get('/health/live').set('x-request-id', id(129));
      expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });
});
