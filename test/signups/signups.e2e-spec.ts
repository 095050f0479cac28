import { deserialiseJsonApi } from '@turnout/common/jsonapi/testing/deserialise';
import {
  appointManager,
  bearer,
  createEvent,
  createOrganization,
  createUser,
  type TestUser,
} from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

const JSON_API = 'application/vnd.api+json';

describe('seed 001: Planning Center signups and attendees (JSON:API)', () => {
  let t: TestApp;
  let organizer: TestUser;
  let manager: TestUser;
  let signupId: string;
  let otherSignupId: string;
  let team: string;
  const ids: Record<string, string> = {};

  const as = (user: TestUser) => ({ ...bearer(user.token), accept: JSON_API });
  const get = (path: string, user: TestUser = organizer) => t.http().get(path).set(as(user));
  const attendees = (query = '', signup = signupId) =>
    `/registrations/v2/signups/${signup}/attendees${query}`;

  beforeAll(async () => {
    t = await startTestApp();
    const organization = await createOrganization(t);
    team = organization.slug;
    organizer = await createUser(t, { role: 'ORGANIZER', organizationId: organization.id });
    manager = await createUser(t, { organizationId: organization.id });
    const event = await createEvent(t, organization.id, {
      title: 'Summer Camp',
      slug: 'summer-camp',
      capacity: 2,
    });
    signupId = event.id;
    otherSignupId = (await createEvent(t, organization.id, { slug: 'winter-camp' })).id;
    await appointManager(t, signupId, manager.id);

    const project = `/api/v1/projects/${team}/summer-camp`;
    const post = async (path: string, body: object) =>
      (await t.http().post(`${project}${path}`).set(bearer(organizer.token)).send(body).expect(201))
        .body.data;
    ids.type = (await post('/attendee-types', { name: 'Camper', price_cents: 12500 })).id;
    await post('/custom-fields', {
      key: 'allergies',
      label: 'Allergies',
      type: 'text',
      required: true,
    });
    const jane = await post('/attendees', {
      first_name: 'Jane',
      last_name: 'Smith',
      email: 'jane@example.com',
      attendee_type_id: ids.type,
      custom_fields: { allergies: 'none' },
      emergency_contact: { name: 'John Smith', phone_number: '+1 555 0100' },
    });
    ids.jane = jane.id;
    ids.bob = (
      await post('/attendees', {
        first_name: 'Bob',
        last_name: 'Jones',
        custom_fields: { allergies: 'nuts' },
      })
    ).id;
    // The signup holds 2: Cleo waits, is promoted when Bob leaves, and Dan then waits.
    ids.cleo = (
      await post('/attendees', {
        first_name: 'Cleo',
        last_name: 'Park',
        custom_fields: { allergies: 'none' },
      })
    ).id;
    await t
      .http()
      .delete(`${project}/attendees/${ids.bob}`)
      .set(bearer(organizer.token))
      .expect(204);
    ids.dan = (
      await post('/attendees', {
        first_name: 'Dan',
        last_name: 'Wu',
        custom_fields: { allergies: 'none' },
      })
    ).id;
  });
  afterAll(() => t.close());

  it('lists attendees as documented, with JSON:API content type, links and meta', async () => {
    const response = await get(attendees()).expect(200);
    // Exactly the media type: JSON:API forbids parameters on it.
    expect(response.headers['content-type']).toBe(JSON_API);
    const [first] = response.body.data;
    expect(first).toEqual({
      type: 'Attendee',
      id: ids.jane,
      attributes: {
        active: true,
        canceled: false,
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        updated_at: expect.stringMatching(/Z$/),
        waitlisted: false,
        waitlisted_at: null,
      },
      relationships: {
        emergency_contact: expect.objectContaining({
          data: { type: 'EmergencyContact', id: ids.jane },
        }),
        person: expect.objectContaining({ data: { type: 'Person', id: ids.jane } }),
        registration: expect.objectContaining({
          data: { type: 'Registration', id: expect.any(String) },
        }),
        selection_type: expect.objectContaining({ data: { type: 'SelectionType', id: ids.type } }),
      },
      links: { self: `/registrations/v2/signups/${signupId}/attendees/${ids.jane}` },
    });
    expect(response.body.meta).toEqual(
      expect.objectContaining({
        total_count: 3,
        count: 3,
        can_include: ['emergency_contact', 'person', 'registration', 'selection_type'],
        can_filter: ['active', 'canceled', 'waitlist'],
        parent: { id: signupId, type: 'Signup' },
      }),
    );
    expect(response.body.links.self).toContain(`/registrations/v2/signups/${signupId}/attendees`);
  });

  it('maps statuses to active / canceled / waitlisted and filters on them (AND)', async () => {
    const attributes = async (query: string) =>
      Object.fromEntries(
        (await get(attendees(query)).expect(200)).body.data.map(
          (a: { id: string; attributes: object }) => [a.id, a.attributes],
        ),
      );
    const all = await attributes('');
    expect(all[ids.cleo]).toMatchObject({ active: true, waitlisted: false, canceled: false });
    const waiting = await attributes('?filter=waitlist');
    expect(Object.keys(waiting)).toEqual([ids.dan]);
    expect(waiting[ids.dan]).toMatchObject({
      active: false,
      waitlisted: true,
      waitlisted_at: expect.any(String),
    });
    expect(Object.keys(await attributes('?filter=active'))).toEqual([ids.jane, ids.cleo]);
    expect(Object.keys(await attributes('?filter=active,waitlist'))).toEqual([]);
    expect(Object.keys(await attributes('?filter=canceled'))).toEqual([]);
  });

  it('pages with per_page and offset, and orders', async () => {
    const page = await get(attendees('?per_page=1&offset=1')).expect(200);
    expect(page.body.data.map((a: { id: string }) => a.id)).toEqual([ids.cleo]);
    expect(page.body.meta).toMatchObject({
      total_count: 3,
      count: 1,
      next: { offset: 2 },
      prev: { offset: 0 },
    });
    expect(page.body.links.next).toContain('offset=2');
    expect(page.body.links.prev).toContain('offset=0');
    const newest = await get(attendees('?order=-created_at')).expect(200);
    expect(newest.body.data.map((a: { id: string }) => a.id)).toEqual([
      ids.dan,
      ids.cleo,
      ids.jane,
    ]);
  });

  it('includes each related resource once, and a client library reads it', async () => {
    const response = await get(
      attendees('?include=emergency_contact,person,registration,selection_type'),
    ).expect(200);
    const types = response.body.included.map((r: { type: string }) => r.type);
    expect(types.filter((type: string) => type === 'SelectionType')).toHaveLength(1);
    expect(types.filter((type: string) => type === 'Person')).toHaveLength(3);
    const { data } = deserialiseJsonApi(response.body) as {
      data: Array<Record<string, { data: Record<string, unknown> }>>;
    };
    const jane = data.find((a) => (a as unknown as { id: string }).id === ids.jane)!;
    expect(jane.person.data).toMatchObject({
      first_name: 'Jane',
      last_name: 'Smith',
      name: 'Jane Smith',
      email: 'jane@example.com',
    });
    expect(jane.emergency_contact.data).toMatchObject({
      name: 'John Smith',
      phone_number: '+1 555 0100',
    });
    expect(jane.selection_type.data).toMatchObject({
      name: 'Camper',
      price_cents: 12500,
      price_currency: 'USD',
      publicly_available: true,
    });
    expect(jane.registration.data).toMatchObject({ created_at: expect.any(String) });
  });

  it('shows complete only when asked for with fields[Attendee]', async () => {
    const plain = await get(attendees()).expect(200);
    expect(plain.body.data[0].attributes).not.toHaveProperty('complete');
    await t
      .http()
      .patch(`/api/events/${signupId}`)
      .set(bearer(organizer.token))
      .send({ requiresEmergencyContact: true })
      .expect(200);
    const sparse = await get(attendees('?fields[Attendee]=complete')).expect(200);
    expect(sparse.body.data.map((a: { attributes: object }) => a.attributes)).toEqual([
      { complete: true },
      { complete: false },
      { complete: false },
    ]);
  });

  it('reads an attendee and its associations; a missing one is data: null', async () => {
    const one = await get(attendees(`/${ids.dan}`)).expect(200);
    expect(one.body.data).toMatchObject({ type: 'Attendee', id: ids.dan });
    const contact = await get(attendees(`/${ids.dan}/emergency_contact`)).expect(200);
    expect(contact.body.data).toBeNull();
    const type = await get(attendees(`/${ids.dan}/selection_type`)).expect(200);
    expect(type.body.data).toBeNull();
    const person = await get(attendees(`/${ids.jane}/person`)).expect(200);
    expect(person.body.data).toMatchObject({ type: 'Person', attributes: { first_name: 'Jane' } });
    const registration = await get(attendees(`/${ids.jane}/registration`)).expect(200);
    expect(registration.body.data).toMatchObject({ type: 'Registration' });
    const selection = await get(attendees(`/${ids.jane}/selection_type`)).expect(200);
    expect(selection.body.data).toMatchObject({ type: 'SelectionType', id: ids.type });
  });

  it('lists and reads signups', async () => {
    const list = await get('/registrations/v2/signups').expect(200);
    expect(list.body.data.map((s: { id: string }) => s.id).sort()).toEqual(
      [signupId, otherSignupId].sort(),
    );
    const one = await get(`/registrations/v2/signups/${signupId}`).expect(200);
    expect(one.body.data).toMatchObject({
      type: 'Signup',
      id: signupId,
      attributes: { name: 'Summer Camp', archived: false, created_at: expect.any(String) },
    });
  });

  it('scopes a signup manager to the signups they manage (others do not exist)', async () => {
    const list = await get('/registrations/v2/signups', manager).expect(200);
    expect(list.body.data.map((s: { id: string }) => s.id)).toEqual([signupId]);
    await get(attendees(), manager).expect(200);
    const other = await get(attendees('', otherSignupId), manager).expect(404);
    expect(other.body.errors[0]).toMatchObject({ status: '404', code: 'signup-not-found' });
    const plain = await createUser(t, { organizationId: organizer.organizationId });
    await get('/registrations/v2/signups', plain).expect(404);
    await get(attendees(), plain).expect(404);
    await t.http().get(attendees()).expect(401);
  });

  it('answers bad parameters with JSON:API errors naming the parameter', async () => {
    const cases: Array<[string, string]> = [
      ['?per_page=0', 'per_page'],
      ['?per_page=101', 'per_page'],
      ['?offset=-1', 'offset'],
      ['?include=friends', 'include'],
      ['?fields[Attendee]=shoe_size', 'fields[Attendee]'],
      ['?fields[Nope]=x', 'fields[Nope]'],
      ['?filter=deleted', 'filter'],
      ['?order=name', 'order'],
    ];
    for (const [query, parameter] of cases) {
      const response = await get(attendees(query)).expect(400);
      expect(response.headers['content-type']).toBe(JSON_API);
      expect(response.body.errors[0]).toMatchObject({ status: '400', source: { parameter } });
    }
  });

  it('answers JSON:API documents a generic client reads back (signups, single, association)', async () => {
    for (const path of [
      '/registrations/v2/signups',
      `/registrations/v2/signups/${signupId}`,
      attendees(`/${ids.jane}?include=person,selection_type`),
      attendees(`/${ids.jane}/person`),
      attendees(`/${ids.dan}/emergency_contact`),
    ]) {
      const response = await get(path).expect(200);
      const document = deserialiseJsonApi(response.body);
      expect(document.data === null || typeof document.data === 'object').toBe(true);
    }
  });
});
