import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import {
  bearer,
  createEvent,
  createOccurrence,
  createOrganization,
  createUser,
  type TestUser,
} from '../support/factories';
import type { TestApp } from '../support/test-app';
import { itLogsNoSecrets, problemType, startSecurityApp } from './security-fixture';

const JSON_API = 'application/vnd.api+json';

/** SQL fragments that must stay inert wherever a client can put text. */
const FRAGMENTS = [
  "'; drop table attendees; --",
  'name) or 1=1 --',
  '" or ""="',
  '’ or ‘1’=‘1',
  "' or '1'='1",
  '1; select pg_sleep(0) --',
  '$1 ?? ? :name',
];

/** Where a 400 names the query parameter it refuses: problem `errors` or JSON:API `source`. */
function refusedParameters(res: Response): string[] {
  expect(res.status).toBe(400);
  const errors = res.body.errors as Array<{
    pointer?: string;
    in?: string;
    source?: { parameter?: string; pointer?: string };
  }>;
  return errors.map((error) => error.source?.parameter ?? error.source?.pointer ?? error.pointer!);
}

/**
 * Every search, filter, sort, field list and include a client can send is either allow-listed
 * (a 400 naming the parameter) or bound as a value, with LIKE wildcards escaped where the API
 * promises a literal match: SQL fragments find exactly the rows that contain them as text, and
 * drop nothing.
 */
describe('injection', () => {
  let t: TestApp;
  let organizer: TestUser;
  let admin: TestUser;
  let organizationId: string;
  let eventId: string;
  let project: string;
  const m = randomUUID().slice(0, 8);
  // Each literal name has a decoy that only a wildcard (or a swallowed escape) would also match.
  const names = {
    percent: `100%${m}`,
    percentDecoy: `100x${m}`,
    underscore: `a_b${m}`,
    underscoreDecoy: `axb${m}`,
    backslash: `c\\d${m}`,
    backslashDecoy: `cd${m}`,
    quote: `O'Brien${m}`,
    payload: `${FRAGMENTS[0]}${m}`,
  };
  const byName = new Map<string, string>();

  const sql = <T = unknown>(query: string, params: unknown[] = []) =>
    t.orm.em.fork().getConnection().execute(query, params) as Promise<T>;
  const counts = async () => ({
    tables: await sql<{ name: string | null }[]>(
      `select to_regclass(name) as name from unnest(array['attendees', 'users', 'events',
        'registrations', 'api_keys', 'webhook_subscriptions', 'custom_fields']) as name`,
    ),
    attendees: await sql('select count(*)::int as n from attendees where event_id = ?', [eventId]),
    users: await sql('select count(*)::int as n from users where name like ?', [`%${m}`]),
    events: await sql('select count(*)::int as n from events where organization_id = ?', [
      organizationId,
    ]),
  });
  let before: Awaited<ReturnType<typeof counts>>;

  beforeAll(async () => {
    t = await startSecurityApp();
    admin = await createUser(t, { role: 'ADMIN' });
    const organization = await createOrganization(t);
    organizationId = organization.id;
    organizer = await createUser(t, { role: 'ORGANIZER', organizationId });
    const event = await createEvent(t, organizationId, { title: `Injection Day ${m}` });
    eventId = event.id;
    await createOccurrence(t, eventId);
    project = `/api/v1/projects/${organization.slug}/${event.slug}`;
    await t
      .http()
      .post(`${project}/custom-fields`)
      .set(bearer(organizer.token))
      .send({ key: 'company', label: 'Company', type: 'text' })
      .expect(201);
    for (const name of Object.values(names)) {
      const created = await t
        .http()
        .post(`${project}/attendees`)
        .set(bearer(organizer.token))
        .send({ first_name: 'Literal', last_name: name, custom_fields: { company: name } })
        .expect(201);
      byName.set(created.body.data.id as string, name);
      await createUser(t, { name, email: `user-${randomUUID()}@example.com` });
      await createEvent(t, organizationId, { title: name });
    }
    before = await counts();
  });
  afterAll(() => t.close());

  /** Search terms, and the names a literal (escaped) match finds: a wildcard would find decoys. */
  const LITERAL_SEARCHES: [term: string, finds: string[]][] = [
    [names.percent, [names.percent]],
    [names.underscore, [names.underscore]],
    [names.backslash, [names.backslash]],
    [names.quote, [names.quote]],
    [names.payload, [names.payload]],
    ...FRAGMENTS.slice(1).map((fragment): [string, string[]] => [`${fragment}${m}`, []]),
  ];

  describe('searches match text literally', () => {
    const attendeeNames = (ids: string[]) => ids.map((id) => byName.get(id)).sort();

    it.each(LITERAL_SEARCHES)('GET /api/attendances?searchTerm=%s', async (term, finds) => {
      const res = await t.http().get('/api/attendances').query({ searchTerm: term });
      expect(res.status).toBe(200);
      expect(attendeeNames(res.body.data.map((a: { id: string }) => a.id))).toEqual(finds);
    });

    it.each(LITERAL_SEARCHES)('GET /api/v1/event-registrations?search=%s', async (term, finds) => {
      const res = await t
        .http()
        .get('/api/v1/event-registrations')
        .query({ search: term, limit: 100 })
        .set(bearer(organizer.token));
      expect(res.status).toBe(200);
      expect(attendeeNames(res.body.map((r: { id: string }) => r.id))).toEqual(finds);
    });

    it.each(LITERAL_SEARCHES)('GET /api/users?q=%s', async (term, finds) => {
      const res = await t.http().get('/api/users').query({ q: term }).set(bearer(admin.token));
      expect(res.status).toBe(200);
      expect(res.body.data.map((u: { name: string }) => u.name).sort()).toEqual(finds);
    });

    it.each(LITERAL_SEARCHES)('GET /api/events?q=%s', async (term, finds) => {
      const res = await t.http().get('/api/events').query({ q: term, perPage: 100 });
      expect(res.status).toBe(200);
      expect(res.body.data.map((e: { title: string }) => e.title).sort()).toEqual(finds);
    });

    it('GxP filter[...] compares whole values, fragments included', async () => {
      for (const [field, value] of [
        ['last_name', names.payload],
        ['custom_fields.company', names.quote],
        ['last_name', names.percent],
      ]) {
        const res = await t
          .http()
          .get(`${project}/attendees`)
          .query({ [`filter[${field}]`]: value })
          .set(bearer(organizer.token));
        expect(res.status).toBe(200);
        expect(attendeeNames(res.body.data.map((a: { id: string }) => a.id))).toEqual([value]);
      }
    });

    it('GxP like takes % as its only wildcard: _ and \\ stay literal', async () => {
      const like = async (field: string, value: string) => {
        const res = await t
          .http()
          .post(`${project}/attendees/search`)
          .set(bearer(organizer.token))
          .send({ filters: [{ field, operator: 'like', value }] });
        expect(res.status).toBe(200);
        return attendeeNames(res.body.data.map((a: { id: string }) => a.id));
      };

      expect(await like('last_name', names.underscore)).toEqual([names.underscore]);
      expect(await like('last_name', names.backslash)).toEqual([names.backslash]);
      expect(await like('custom_fields.company', `%${names.payload.slice(3)}`)).toEqual([
        names.payload,
      ]);
      // Positive control: % is the documented wildcard.
      expect(await like('last_name', `100%`)).toEqual([names.percent, names.percentDecoy].sort());
    });
  });

  describe('names of columns, fields and relations come from allow-lists', () => {
    const organizerGet = (path: string, query: Record<string, string>) =>
      t.http().get(path).query(query).set(bearer(organizer.token));

    it.each(FRAGMENTS)('event registrations refuse sort=%s', async (fragment) => {
      for (const sort of [fragment, `createdAt ${fragment}`, `${fragment} ASC`]) {
        const res = await organizerGet('/api/v1/event-registrations', { sort });
        expect(refusedParameters(res)).toEqual(['/sort']);
      }
    });

    it('event registrations sort by an allowed field in any case', async () => {
      const res = await organizerGet('/api/v1/event-registrations', {
        sort: 'LASTNAME asc',
        eventId,
        limit: '100',
      });
      expect(res.status).toBe(200);
      expect(res.body).toHaveLength(Object.keys(names).length);
    });

    it.each(FRAGMENTS)(
      'GxP refuses sort, include and filter names made of %s',
      async (fragment) => {
        const sort = await organizerGet(`${project}/attendees`, {
          sort: `-created_at,${fragment}`,
        });
        const include = await organizerGet(`${project}/attendees`, {
          include: `credentials,${fragment}`,
        });
        const filter = await organizerGet(`${project}/attendees`, { [`filter[${fragment}]`]: 'x' });
        const custom = await organizerGet(`${project}/attendees`, {
          [`filter[custom_fields.${fragment}]`]: 'x',
        });

        expect(refusedParameters(sort)).toEqual(['/sort']);
        expect(refusedParameters(include)).toEqual(['/include']);
        expect(refusedParameters(filter)).toHaveLength(1);
        expect(refusedParameters(custom)).toHaveLength(1);
      },
    );

    it.each(FRAGMENTS)(
      'GxP search refuses fields, operators and sorts made of %s',
      async (fragment) => {
        const res = await t
          .http()
          .post(`${project}/attendees/search`)
          .set(bearer(organizer.token))
          .send({
            filters: [
              { field: fragment, operator: '=', value: 'x' },
              { field: 'last_name', operator: fragment, value: 'x' },
            ],
            sort: [{ field: fragment, direction: 'asc' }],
          });

        expect(res.status).toBe(400);
        expect(res.body.type).toBe(problemType('validation'));
        const pointers = (res.body.errors as { pointer: string }[]).map((e) => e.pointer);
        expect(pointers).toEqual(
          expect.arrayContaining(['/filters/0/field', '/filters/1/operator']),
        );
      },
    );

    it.each(FRAGMENTS)(
      'the JSON:API dialect refuses fields, include, filter and order made of %s',
      async (fragment) => {
        const path = `/registrations/v2/signups/${eventId}/attendees`;
        const get = (query: Record<string, string>) =>
          t.http().get(path).query(query).set(bearer(organizer.token)).set('accept', JSON_API);

        for (const [parameter, value] of [
          ['fields[Attendee]', `active,${fragment}`],
          [`fields[${fragment}]`, 'active'],
          ['include', `person,${fragment}`],
          ['filter', `active,${fragment}`],
          ['order', fragment],
        ]) {
          const res = await get({ [parameter]: value });
          expect({ parameter, status: res.status }).toEqual({ parameter, status: 400 });
          expect(res.headers['content-type']).toBe(JSON_API);
          expect(res.body.errors[0].source.parameter).toEqual(
            parameter.startsWith('fields[') ? expect.stringMatching(/^fields\[/) : parameter,
          );
        }
      },
    );

    it.each(FRAGMENTS)('typed query values refuse %s', async (fragment) => {
      const refusals = [
        await t.http().get('/api/events').query({ status: fragment }),
        await t.http().get('/api/events').query({ organizationId: fragment }),
        await t.http().get('/api/users').query({ role: fragment }).set(bearer(admin.token)),
        await organizerGet('/api/v1/event-registrations', { status: fragment }),
        await organizerGet('/api/v1/event-registrations', { categories: fragment }),
        await organizerGet(`${project}/check-ins`, { direction: fragment }),
      ];
      for (const res of refusals) {
        expect({ url: res.request.url, status: res.status }).toEqual({
          url: res.request.url,
          status: 400,
        });
      }
    });
  });

  it('left every table in place, with the same rows', async () => {
    const after = await counts();
    expect(after.tables.map((row) => row.name)).not.toContain(null);
    expect(after).toEqual(before);
  });

  itLogsNoSecrets();
});
