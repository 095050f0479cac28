import {
  bearer,
  createCategory,
  createEvent,
  createOccurrence,
  createOrganization,
  createUser,
  type TestUser,
} from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

const problemType = (code: string) => `https://turnout.dev/problems/${code}`;
const PATH = '/api/v1/event-registrations';
/** Emails unique to this run: on PostgreSQL one database serves every test file. */
const run = Date.now().toString(36);

describe('seed 002: /api/v1/event-registrations', () => {
  let t: TestApp;
  let organizationId: string;
  let organizer: TestUser;
  let apiKey: string;
  beforeAll(async () => {
    t = await startTestApp();
    organizationId = (await createOrganization(t, { name: 'ONLIVE Demo' })).id;
    organizer = await createUser(t, { role: 'ORGANIZER', organizationId });
    apiKey = (
      await t
        .http()
        .post('/api/api-keys')
        .set(bearer(organizer.token))
        .send({ name: 'onlive', role: 'ORGANIZER' })
    ).body.key;
  });
  afterAll(() => t.close());

  const asKey = () => ({ 'x-api-key': apiKey });
  const register = (occurrenceId: string, externalUserId: string, fields?: object) =>
    t.http().post(PATH).set(asKey()).send({ occurrenceId, externalUserId, fields });
  const occurrenceOf = async (
    capacity: number | null,
    event?: { waitlist?: boolean; title?: string },
  ) => {
    const created = await createEvent(t, organizationId, {
      title: event?.title ?? 'Annual Tech Conference 2025',
    });
    if (event?.waitlist === false) {
      await t
        .http()
        .patch(`/api/events/${created.id}`)
        .set(bearer(organizer.token))
        .send({ waitlistEnabled: false });
    }
    return { event: created, occurrence: await createOccurrence(t, created.id, { capacity }) };
  };

  describe('POST', () => {
    it('creates the documented EventRegistration, finding or creating the external user from fields', async () => {
      const { event, occurrence } = await occurrenceOf(100);
      const fields = {
        email: 'John@Example.com',
        firstName: 'John',
        lastName: 'Doe',
        company: 'Tech Corp',
        role: 'Developer',
      };

      const res = await register(occurrence.id, 'ext_user_12345', fields);

      expect(res.status).toBe(201);
      expect(Object.keys(res.body).sort()).toEqual(
        [
          'createdAt',
          'deletedAt',
          'event',
          'fields',
          'id',
          'occurrence',
          'organization',
          'status',
          'updatedAt',
          'user',
        ].sort(),
      );
      expect(res.body).toMatchObject({
        status: 'CONFIRMED',
        fields,
        deletedAt: null,
        user: {
          organizationId,
          email: 'john@example.com',
          firstName: 'John',
          lastName: 'Doe',
          role: 'attendee',
          avatar: null,
          isActive: true,
        },
        occurrence: { id: occurrence.id, capacity: 100, registrations: 1 },
        event: {
          id: event.id,
          name: 'Annual Tech Conference 2025',
          slug: event.slug,
          description: null,
        },
        organization: { id: organizationId, name: 'ONLIVE Demo' },
      });
      for (const key of ['createdAt', 'updatedAt'])
        expect(new Date(res.body[key]).toISOString()).toBe(res.body[key]);
      for (const key of ['id', 'createdAt', 'updatedAt']) expect(res.body.user).toHaveProperty(key);
      for (const key of ['id', 'createdAt', 'updatedAt', 'startDate', 'endDate'])
        expect(res.body.occurrence).toHaveProperty(key);
    });

    it('reuses the same user for the same externalUserId, and refuses a second active registration (409)', async () => {
      const { occurrence } = await occurrenceOf(10);
      const other = await occurrenceOf(10);
      const first = await register(occurrence.id, 'ext-same');
      const elsewhere = await register(other.occurrence.id, 'ext-same');
      const again = await register(occurrence.id, 'ext-same');

      expect(elsewhere.body.user.id).toBe(first.body.user.id);
      expect(again.status).toBe(409);
      expect(again.body.type).toBe(problemType('already-registered'));
    });

    it('does not give a new external user an email someone already registered with', async () => {
      const { occurrence } = await occurrenceOf(10);
      const owner = await createUser(t, { email: `taken-by-a-person-${run}@example.com` });

      const res = await register(occurrence.id, 'ext-email-taken', {
        email: `Taken-By-A-Person-${run}@example.com`,
        firstName: 'Eve',
      });

      expect(res.status).toBe(201);
      expect(res.body.user).toMatchObject({ email: null, firstName: 'Eve' });
      expect(res.body.user.id).not.toBe(owner.id);
      expect(res.body.fields.email).toBe(`Taken-By-A-Person-${run}@example.com`);
    });

    it('creates one user when the same new externalUserId registers in many places at once', async () => {
      const occurrences = await Promise.all(Array.from({ length: 6 }, () => occurrenceOf(10)));

      const responses = await Promise.all(
        occurrences.map(({ occurrence }) =>
          register(occurrence.id, 'ext-racing', { email: `racer-${run}@example.com` }),
        ),
      );

      expect(responses.map((res) => res.status)).toEqual(responses.map(() => 201));
      expect(new Set(responses.map((res) => res.body.user.id)).size).toBe(1);
      expect(responses[0].body.user.email).toBe(`racer-${run}@example.com`);
    });

    it('gives a free email to one of several new external users claiming it at once; the rest go without', async () => {
      // Each in an event of its own: one event takes an email once.
      const occurrences = await Promise.all(Array.from({ length: 6 }, () => occurrenceOf(10)));

      const responses = await Promise.all(
        occurrences.map(({ occurrence }, i) =>
          register(occurrence.id, `ext-same-email-${i}`, { email: `shared-${run}@example.com` }),
        ),
      );

      expect(responses.map((res) => res.status)).toEqual(responses.map(() => 201));
      expect(new Set(responses.map((res) => res.body.user.id)).size).toBe(6);
      const emails = responses.map((res) => res.body.user.email);
      expect(emails.filter((email) => email === `shared-${run}@example.com`)).toHaveLength(1);
      expect(emails.filter((email) => email === null)).toHaveLength(5);
    });
    it('puts newcomers to a full occurrence on the waiting list (201, status WAITING_LIST)', async () => {
      const { occurrence } = await occurrenceOf(1);
      await register(occurrence.id, 'ext-w1').expect(201);

      const res = await register(occurrence.id, 'ext-w2');

      expect(res.status).toBe(201);
      expect(res.body.status).toBe('WAITING_LIST');
      expect(res.body.occurrence.registrations).toBe(1);
    });

    it('refuses a newcomer to a full event without a waiting list with 409 event-full, changing nothing', async () => {
      const { occurrence } = await occurrenceOf(1, { waitlist: false });
      await register(occurrence.id, 'ext-f1').expect(201);

      const res = await register(occurrence.id, 'ext-f2');

      expect(res.status).toBe(409);
      expect(res.body.type).toBe(problemType('event-full'));
      const list = await t.http().get(`${PATH}?occurrenceId=${occurrence.id}`).set(asKey());
      expect(list.headers['x-total-count']).toBe('1');
    });

    it('answers 404 for an unknown occurrence and 400 for a bad body', async () => {
      expect((await register('00000000-0000-4000-8000-000000000000', 'x')).status).toBe(404);
      const bad = await t
        .http()
        .post(PATH)
        .set(asKey())
        .send({ occurrenceId: 'nope', fields: 'text' });
      expect(bad.status).toBe(400);
      expect(
        [...new Set(bad.body.errors.map((e: { pointer: string }) => e.pointer))].sort(),
      ).toEqual(['/externalUserId', '/fields', '/occurrenceId']);
    });
  });

  describe('GET, PUT and DELETE one', () => {
    it('reads, updates status and replaces fields', async () => {
      const { occurrence } = await occurrenceOf(10);
      const { body } = await register(occurrence.id, 'ext-u1', { ticketType: 'Basic', notes: 'x' });

      const read = await t.http().get(`${PATH}/${body.id}`).set(asKey());
      const updated = await t
        .http()
        .put(`${PATH}/${body.id}`)
        .set(asKey())
        .send({ status: 'ATTENDED', fields: { ticketType: 'VIP', notes: 'Arrived early' } });

      expect(read.body.id).toBe(body.id);
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({
        status: 'ATTENDED',
        fields: { ticketType: 'VIP', notes: 'Arrived early' },
      });
    });

    it('refuses a forbidden transition with 409 naming both states', async () => {
      const { occurrence } = await occurrenceOf(10);
      const { body } = await register(occurrence.id, 'ext-u2');
      await t
        .http()
        .put(`${PATH}/${body.id}`)
        .set(asKey())
        .send({ status: 'CANCELLED' })
        .expect(200);

      const res = await t
        .http()
        .put(`${PATH}/${body.id}`)
        .set(asKey())
        .send({ status: 'ATTENDED' });

      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        type: problemType('invalid-transition'),
        from: 'CANCELLED',
        to: 'ATTENDED',
      });
    });

    it('cancelling frees the seat for the earliest on the waiting list', async () => {
      const { occurrence } = await occurrenceOf(1);
      const holder = (await register(occurrence.id, 'ext-c1')).body;
      const firstWaiting = (await register(occurrence.id, 'ext-c2')).body;
      const secondWaiting = (await register(occurrence.id, 'ext-c3')).body;

      await t
        .http()
        .put(`${PATH}/${holder.id}`)
        .set(asKey())
        .send({ status: 'CANCELLED' })
        .expect(200);

      const statusOf = async (id: string) =>
        (await t.http().get(`${PATH}/${id}`).set(asKey())).body.status;
      expect(await statusOf(firstWaiting.id)).toBe('CONFIRMED');
      expect(await statusOf(secondWaiting.id)).toBe('WAITING_LIST');
    });

    it('soft-deletes, returning the deleted object; withTrashed shows it; the seat goes to the next in line', async () => {
      const { occurrence } = await occurrenceOf(1);
      const holder = (await register(occurrence.id, 'ext-d1')).body;
      const waiting = (await register(occurrence.id, 'ext-d2')).body;

      const deleted = await t.http().delete(`${PATH}/${holder.id}`).set(asKey());

      expect(deleted.status).toBe(200);
      expect(deleted.body.id).toBe(holder.id);
      expect(deleted.body.deletedAt).not.toBeNull();
      expect((await t.http().get(`${PATH}/${holder.id}`).set(asKey())).status).toBe(404);
      expect(
        (await t.http().get(`${PATH}/${holder.id}?withTrashed=true`).set(asKey())).body.deletedAt,
      ).toBe(deleted.body.deletedAt);
      expect((await t.http().get(`${PATH}/${waiting.id}`).set(asKey())).body.status).toBe(
        'CONFIRMED',
      );
      // Deleting again: 404, unless withTrashed=true, which answers it unchanged.
      expect((await t.http().delete(`${PATH}/${holder.id}`).set(asKey())).status).toBe(404);
      const again = await t.http().delete(`${PATH}/${holder.id}?withTrashed=true`).set(asKey());
      expect(again.status).toBe(200);
      expect(again.body.deletedAt).toBe(deleted.body.deletedAt);
    });

    it('hides registrations of other organizations (404)', async () => {
      const { occurrence } = await occurrenceOf(10);
      const { body } = await register(occurrence.id, 'ext-h1');
      const stranger = await createUser(t, {
        role: 'ORGANIZER',
        organizationId: (await createOrganization(t)).id,
      });

      expect((await t.http().get(`${PATH}/${body.id}`).set(bearer(stranger.token))).status).toBe(
        404,
      );
      expect(
        (
          await t
            .http()
            .put(`${PATH}/${body.id}`)
            .set(bearer(stranger.token))
            .send({ status: 'CANCELLED' })
        ).status,
      ).toBe(404);
    });
  });

  describe('GET list', () => {
    let eventId: string;
    let occurrenceId: string;
    let categoryId: string;
    const people = [
      {
        ext: 'l-1',
        fields: {
          firstName: 'Alice',
          lastName: 'Zeta',
          email: 'alice@corp.test',
          phone: '+34 600 111 222',
        },
      },
      {
        ext: 'l-2',
        fields: {
          firstName: 'Bob',
          lastName: 'Young',
          email: 'bob@corp.test',
          phone: '+34 600 333 444',
        },
      },
      {
        ext: 'l-3',
        fields: {
          firstName: 'Carol',
          lastName: 'Xu',
          email: 'carol@else.test',
          phone: '+1 555 0100',
        },
      },
    ];
    const ids: string[] = [];
    beforeAll(async () => {
      categoryId = (await createCategory(t, organizationId, 'Listing')).id;
      const { event, occurrence } = await occurrenceOf(2, { title: 'Quantum Listing Summit' });
      eventId = event.id;
      occurrenceId = occurrence.id;
      await t
        .http()
        .patch(`/api/events/${eventId}`)
        .set(bearer(organizer.token))
        .send({ categoryIds: [categoryId] });
      for (const person of people)
        ids.push((await register(occurrenceId, person.ext, person.fields)).body.id);
    });
    const list = (query: string) =>
      t.http().get(`${PATH}?eventId=${eventId}&${query}`).set(asKey());
    const listIds = async (query: string) =>
      (await list(query)).body.map((r: { id: string }) => r.id);

    it('answers an array, newest first by default, with X-Total-Count and Link headers', async () => {
      const res = await list('limit=2');

      expect(Array.isArray(res.body)).toBe(true);
      expect(res.body.map((r: { id: string }) => r.id)).toEqual([ids[2], ids[1]]);
      expect(res.headers['x-total-count']).toBe('3');
      expect(res.headers.link).toContain('rel="first"');
      const links = Object.fromEntries(
        res.headers.link.split(', ').map((part) => {
          const [, target, rel] = /^<([^>]+)>; rel="(\w+)"$/.exec(part)!;
          return [rel, new URL(target, 'http://x').searchParams];
        }),
      );
      expect(links.next.get('page')).toBe('2');
      expect(links.last.get('page')).toBe('2');
      expect(links.first.get('limit')).toBe('2');
      expect(links.next.get('eventId')).toBe(eventId);
      expect(res.headers.link).not.toContain('rel="prev"');
      expect(await listIds('limit=2&page=2')).toEqual([ids[0]]);
    });

    it('sorts by an allowed field and refuses others', async () => {
      expect(await listIds('sort=lastName ASC')).toEqual([ids[2], ids[1], ids[0]]);
      expect(await listIds('sort=firstName DESC')).toEqual([ids[2], ids[1], ids[0]]);
      expect((await list('sort=password ASC')).status).toBe(400);
      expect((await list('sort=createdAt; drop table users')).status).toBe(400);
    });

    it('filters by occurrence and status', async () => {
      expect(await listIds(`occurrenceId=${occurrenceId}&status=WAITING_LIST`)).toEqual([ids[2]]);
      expect(await listIds('status=CONFIRMED&sort=createdAt ASC')).toEqual([ids[0], ids[1]]);
    });

    it('searches event name, event id, user id, email, phone, first and last name, case-insensitively', async () => {
      const userId = (await t.http().get(`${PATH}/${ids[1]}`).set(asKey())).body.user.id as string;
      const search = async (term: string) =>
        (await listIds(`search=${encodeURIComponent(term)}&sort=createdAt ASC`)).sort();
      expect(await search('quantum listing')).toEqual([...ids].sort());
      expect(await search(eventId)).toEqual([...ids].sort());
      expect(await search(userId)).toEqual([ids[1]]);
      expect(await search('@CORP.test')).toEqual([ids[0], ids[1]].sort());
      expect(await search('555 0100')).toEqual([ids[2]]);
      expect(await search('alic')).toEqual([ids[0]]);
      expect(await search('YOUNG')).toEqual([ids[1]]);
      expect(await search('%')).toEqual([]);
      expect((await list(`search=${'x'.repeat(256)}`)).status).toBe(400);
    });

    it('filters by categories (any of them)', async () => {
      const other = (await createCategory(t, organizationId)).id;
      expect((await listIds(`categories=${categoryId}`)).length).toBe(3);
      expect((await listIds(`categories=${other},${categoryId}`)).length).toBe(3);
      expect(await listIds(`categories=${other}`)).toEqual([]);
    });

    it('includes soft-deleted registrations only with withTrashed=true', async () => {
      const extra = (await register(occurrenceId, 'l-4')).body.id as string;
      await t.http().delete(`${PATH}/${extra}`).set(asKey()).expect(200);
      expect(await listIds('')).not.toContain(extra);
      expect(await listIds('withTrashed=true')).toContain(extra);
    });

    it('refuses a limit over 100 or under 1', async () => {
      expect((await list('limit=101')).status).toBe(400);
      expect((await list('limit=0')).status).toBe(400);
    });

    it('shows nothing of other organizations', async () => {
      const stranger = await createUser(t, {
        role: 'ORGANIZER',
        organizationId: (await createOrganization(t)).id,
      });
      const res = await t.http().get(`${PATH}?eventId=${eventId}`).set(bearer(stranger.token));
      expect(res.body).toEqual([]);
      expect(res.headers['x-total-count']).toBe('0');
    });
  });
});
