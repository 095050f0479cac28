import {
  appointManager,
  bearer,
  createCategory,
  createEvent,
  createOccurrence,
  createOrganization,
  createUser,
  holdSeats,
  type TestUser,
} from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

const problemType = (code: string) => `https://turnout.dev/problems/${code}`;
const ids = (body: { data: Array<{ id: string }> }) => body.data.map((item) => item.id);

describe('events', () => {
  let t: TestApp;
  let organizationId: string;
  let organizer: TestUser;
  beforeAll(async () => {
    t = await startTestApp();
    organizationId = (await createOrganization(t)).id;
    organizer = await createUser(t, { role: 'ORGANIZER', organizationId });
  });
  afterAll(() => t.close());

  const post = (path: string, body: object, token = organizer.token) =>
    t.http().post(path).set(bearer(token)).send(body);
  const patch = (path: string, body: object, token = organizer.token) =>
    t.http().patch(path).set(bearer(token)).send(body);

  describe('creating', () => {
    it('creates a draft in the organizer’s organization with a slug from the title', async () => {
      const res = await post('/api/events', {
        title: 'Annual Tech Conference 2025',
        capacity: 100,
      });

      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        organizationId,
        slug: 'annual-tech-conference-2025',
        status: 'DRAFT',
        capacity: 100,
        waitlistEnabled: true,
        waitlistPolicy: 'AUTO_CONFIRM',
        categoryIds: [],
        createdById: organizer.id,
      });
    });

    it('picks the next free slug when the title repeats', async () => {
      const first = await post('/api/events', { title: 'Repeat Me' });
      const second = await post('/api/events', { title: 'Repeat Me' });
      expect([first.body.slug, second.body.slug]).toEqual(['repeat-me', 'repeat-me-2']);
    });

    it('refuses an explicit slug already used in the organization with 409', async () => {
      await post('/api/events', { title: 'A', slug: 'unique-slug' }).expect(201);

      const res = await post('/api/events', { title: 'B', slug: 'unique-slug' });

      expect(res.status).toBe(409);
      expect(res.body.type).toBe(problemType('slug-taken'));
    });

    it('allows the same slug in another organization', async () => {
      const other = await createOrganization(t);
      const otherOrganizer = await createUser(t, { role: 'ORGANIZER', organizationId: other.id });
      await post('/api/events', { title: 'Shared', slug: 'shared-slug' }).expect(201);

      expect(
        (await post('/api/events', { title: 'Shared', slug: 'shared-slug' }, otherOrganizer.token))
          .status,
      ).toBe(201);
    });

    it('requires offerTtlMinutes with the OFFER policy, and a period that does not end before it starts', async () => {
      const offer = await post('/api/events', { title: 'Offer', waitlistPolicy: 'OFFER' });
      const backwards = await post('/api/events', {
        title: 'Backwards',
        startsAt: '2030-01-02T00:00:00Z',
        endsAt: '2030-01-01T00:00:00Z',
      });

      expect(offer.status).toBe(422);
      expect(offer.body.type).toBe(problemType('offer-ttl-required'));
      expect(backwards.status).toBe(422);
    });

    it('attaches categories of the same organization only', async () => {
      const mine = await createCategory(t, organizationId);
      const foreign = await createCategory(t, (await createOrganization(t)).id);

      const ok = await post('/api/events', { title: 'Categorised', categoryIds: [mine.id] });
      const refused = await post('/api/events', { title: 'Foreign', categoryIds: [foreign.id] });

      expect(ok.body.categoryIds).toEqual([mine.id]);
      expect(refused.status).toBe(422);
      expect(refused.body.type).toBe(problemType('unknown-category'));
    });
  });

  describe('listing', () => {
    let listOrg: string;
    let listOrganizer: TestUser;
    let published: string;
    let draft: string;
    let tagged: string;
    let categoryId: string;
    beforeAll(async () => {
      listOrg = (await createOrganization(t)).id;
      listOrganizer = await createUser(t, { role: 'ORGANIZER', organizationId: listOrg });
      categoryId = (await createCategory(t, listOrg)).id;
      published = (
        await createEvent(t, listOrg, {
          title: 'Rust Meetup',
          startsAt: new Date('2030-03-01T18:00:00Z'),
        })
      ).id;
      draft = (await createEvent(t, listOrg, { title: 'Secret Rust Planning', status: 'DRAFT' }))
        .id;
      tagged = (
        await post(
          '/api/events',
          {
            title: 'Go Workshop',
            status: 'PUBLISHED',
            categoryIds: [categoryId],
            startsAt: '2030-05-01T09:00:00Z',
          },
          listOrganizer.token,
        )
      ).body.id;
    });
    const list = (query: string, token?: string) => {
      const request = t.http().get(`/api/events?organizationId=${listOrg}&${query}`);
      return token ? request.set(bearer(token)) : request;
    };

    it('shows anonymous callers published events only', async () => {
      const res = await list('');
      expect(res.status).toBe(200);
      expect(ids(res.body).sort()).toEqual([published, tagged].sort());
    });

    it('shows the organization’s organizers their drafts too, filterable by status', async () => {
      expect(ids((await list('', listOrganizer.token)).body)).toContain(draft);
      expect(ids((await list('status=DRAFT', listOrganizer.token)).body)).toEqual([draft]);
      expect(ids((await list('status=DRAFT', organizer.token)).body)).toEqual([]);
    });

    it('shows a signup manager the draft they manage', async () => {
      const manager = await createUser(t, { organizationId: listOrg });
      await appointManager(t, draft, manager.id);
      expect(ids((await list('status=DRAFT', manager.token)).body)).toEqual([draft]);
    });

    it('searches title and description, case-insensitively', async () => {
      expect(ids((await list('q=rust')).body)).toEqual([published]);
      expect(ids((await list('q=RUST', listOrganizer.token)).body).sort()).toEqual(
        [published, draft].sort(),
      );
    });

    it('filters by category and by start date range', async () => {
      expect(ids((await list(`categoryId=${categoryId}`)).body)).toEqual([tagged]);
      expect(ids((await list('from=2030-04-01T00:00:00Z')).body)).toEqual([tagged]);
      expect(ids((await list('from=2030-01-01T00:00:00Z&to=2030-04-01T00:00:00Z')).body)).toEqual([
        published,
      ]);
    });

    it('pages, in start order', async () => {
      const first = await list('perPage=1');
      const second = await list('perPage=1&page=2');
      expect(first.body.meta).toEqual({ page: 1, perPage: 1, total: 2, totalPages: 2 });
      expect([...ids(first.body), ...ids(second.body)]).toEqual([published, tagged]);
    });

    it('refuses a page size over 100', async () => {
      const res = await list('perPage=101');
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ pointer: '/perPage', in: 'query' });
    });

    it('answers 401 to a public list called with a bad token, rather than ignoring it', async () => {
      expect((await list('', 'not-a-token')).status).toBe(401);
    });
  });

  describe('reading, changing and deleting', () => {
    it('reads a published event anonymously but hides a draft (404)', async () => {
      const published = await createEvent(t, organizationId);
      const draft = await createEvent(t, organizationId, { status: 'DRAFT' });

      expect((await t.http().get(`/api/events/${published.id}`)).status).toBe(200);
      const hidden = await t.http().get(`/api/events/${draft.id}`);
      expect(hidden.status).toBe(404);
      expect(hidden.body.type).toBe(problemType('event-not-found'));
    });

    it('publishes a draft', async () => {
      const draft = await createEvent(t, organizationId, { status: 'DRAFT' });
      const res = await patch(`/api/events/${draft.id}`, {
        status: 'PUBLISHED',
        title: 'Now Public',
      });
      expect(res.body).toMatchObject({ status: 'PUBLISHED', title: 'Now Public' });
      expect((await t.http().get(`/api/events/${draft.id}`)).status).toBe(200);
    });

    it('soft-deletes: the event disappears from reads and lists, and its slug stays taken', async () => {
      const event = await createEvent(t, organizationId, { slug: 'soon-gone' });

      await t.http().delete(`/api/events/${event.id}`).set(bearer(organizer.token)).expect(204);

      expect((await t.http().get(`/api/events/${event.id}`)).status).toBe(404);
      expect(
        ids((await t.http().get(`/api/events?organizationId=${organizationId}&perPage=100`)).body),
      ).not.toContain(event.id);
      const [row] = await t.orm.em
        .fork()
        .getConnection()
        .execute('select deleted_at from events where id = ?', [event.id]);
      expect(row.deleted_at).not.toBeNull();
      expect((await post('/api/events', { title: 'Again', slug: 'soon-gone' })).status).toBe(409);
    });

    it('refuses to lower an event’s capacity below the seats held (409), and allows it down to them', async () => {
      const event = await createEvent(t, organizationId, { capacity: 50 });
      await holdSeats(t, 'events', event.id, 30);

      const refused = await patch(`/api/events/${event.id}`, { capacity: 29 });
      const allowed = await patch(`/api/events/${event.id}`, { capacity: 30 });

      expect(refused.status).toBe(409);
      expect(refused.body.type).toBe(problemType('capacity-below-held'));
      expect(allowed.status).toBe(200);
    });
  });

  describe('occurrences', () => {
    it('creates, lists and reads occurrences with their seats held as `registrations`', async () => {
      const event = await createEvent(t, organizationId);
      const created = await post(`/api/events/${event.id}/occurrences`, {
        startDate: '2030-06-01T10:00:00Z',
        endDate: '2030-06-01T18:00:00Z',
        capacity: 100,
      });

      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ eventId: event.id, capacity: 100, registrations: 0 });
      const listed = await t.http().get(`/api/events/${event.id}/occurrences`);
      expect(listed.body.map((o: { id: string }) => o.id)).toEqual([created.body.id]);
      const read = await t.http().get(`/api/events/${event.id}/occurrences/${created.body.id}`);
      expect(read.body.startDate).toBe('2030-06-01T10:00:00.000Z');
    });

    it('refuses to lower capacity below the seats held with 409, and allows unlimited', async () => {
      const event = await createEvent(t, organizationId);
      const occurrence = await createOccurrence(t, event.id, { capacity: 100 });
      await holdSeats(t, 'occurrences', occurrence.id, 50);
      const path = `/api/events/${event.id}/occurrences/${occurrence.id}`;

      const refused = await patch(path, { capacity: 49 });
      const unlimited = await patch(path, { capacity: null });

      expect(refused.status).toBe(409);
      expect(refused.body.type).toBe(problemType('capacity-below-held'));
      expect(unlimited.status).toBe(200);
      expect(unlimited.body).toMatchObject({ capacity: null, registrations: 50 });
    });

    it('deletes an occurrence without registrations, but not one with', async () => {
      const event = await createEvent(t, organizationId);
      const empty = await createOccurrence(t, event.id);
      const busy = await createOccurrence(t, event.id);
      await holdSeats(t, 'occurrences', busy.id, 1);
      const remove = (id: string) =>
        t.http().delete(`/api/events/${event.id}/occurrences/${id}`).set(bearer(organizer.token));

      expect((await remove(empty.id)).status).toBe(204);
      expect((await remove(busy.id)).status).toBe(409);
      expect((await remove(empty.id)).status).toBe(404);
    });

    it('does not find an occurrence through another event', async () => {
      const event = await createEvent(t, organizationId);
      const other = await createEvent(t, organizationId);
      const occurrence = await createOccurrence(t, event.id);
      expect(
        (await t.http().get(`/api/events/${other.id}/occurrences/${occurrence.id}`)).status,
      ).toBe(404);
    });
  });

  describe('categories', () => {
    it('creates, renames and deletes a category; names are unique per organization', async () => {
      const created = await post('/api/categories', { name: 'Workshops' });
      expect(created.status).toBe(201);
      expect((await post('/api/categories', { name: 'Workshops' })).status).toBe(409);

      const renamed = await patch(`/api/categories/${created.body.id}`, { name: 'Hands-on' });
      expect(renamed.body.name).toBe('Hands-on');

      const event = await post('/api/events', { title: 'Tagged', categoryIds: [created.body.id] });
      await t
        .http()
        .delete(`/api/categories/${created.body.id}`)
        .set(bearer(organizer.token))
        .expect(204);
      const after = await t.http().get(`/api/events/${event.body.id}`).set(bearer(organizer.token));
      expect(after.body.categoryIds).toEqual([]);
    });

    it('lists an organization’s categories publicly', async () => {
      const org = await createOrganization(t);
      await createCategory(t, org.id, 'Talks');
      const res = await t.http().get(`/api/categories?organizationId=${org.id}`);
      expect(res.body.data.map((c: { name: string }) => c.name)).toEqual(['Talks']);
    });
  });

  describe('signup managers', () => {
    it('lets an organizer appoint a manager, who then manages that event and no other', async () => {
      const event = await createEvent(t, organizationId, { status: 'DRAFT' });
      const other = await createEvent(t, organizationId, { status: 'DRAFT' });
      const person = await createUser(t, { organizationId });

      await t
        .http()
        .put(`/api/events/${event.id}/managers/${person.id}`)
        .set(bearer(organizer.token))
        .expect(204);
      await t
        .http()
        .put(`/api/events/${event.id}/managers/${person.id}`)
        .set(bearer(organizer.token))
        .expect(204);

      const managers = await t
        .http()
        .get(`/api/events/${event.id}/managers`)
        .set(bearer(person.token));
      expect(managers.body).toEqual([
        expect.objectContaining({ userId: person.id, email: person.email }),
      ]);
      expect(
        (await patch(`/api/events/${event.id}`, { title: 'Managed' }, person.token)).status,
      ).toBe(200);
      expect(
        (await patch(`/api/events/${other.id}`, { title: 'Not mine' }, person.token)).status,
      ).toBe(404);
    });

    it('refuses a manager from outside the organization with 422', async () => {
      const event = await createEvent(t, organizationId);
      const outsider = await createUser(t);
      const res = await t
        .http()
        .put(`/api/events/${event.id}/managers/${outsider.id}`)
        .set(bearer(organizer.token));
      expect(res.status).toBe(422);
      expect(res.body.type).toBe(problemType('manager-not-in-organization'));
    });

    it('removes a manager, whose rights end at once', async () => {
      const event = await createEvent(t, organizationId, { status: 'DRAFT' });
      const person = await createUser(t, { organizationId });
      await appointManager(t, event.id, person.id);
      expect((await t.http().get(`/api/events/${event.id}`).set(bearer(person.token))).status).toBe(
        200,
      );

      await t
        .http()
        .delete(`/api/events/${event.id}/managers/${person.id}`)
        .set(bearer(organizer.token))
        .expect(204);

      expect((await t.http().get(`/api/events/${event.id}`).set(bearer(person.token))).status).toBe(
        404,
      );
    });
  });
});
