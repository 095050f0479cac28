import { bearer, createEvent, createOrganization, createUser } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/** Every curl example of seed 003, verbatim apart from ids, against one project. */
describe('seed 003: the documented examples', () => {
  let t: TestApp;
  let auth: { authorization: string; accept: string };
  const base = '/api/v1/projects/my-team/my-event';
  let typeId: string;
  let otherTypeId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const organization = await createOrganization(t, { slug: 'my-team' });
    await createEvent(t, organization.id, { slug: 'my-event', capacity: 100 });
    const organizer = await createUser(t, { role: 'ORGANIZER', organizationId: organization.id });
    auth = { ...bearer(organizer.token), accept: 'application/json' };
    const made = async (name: string) =>
      (await t.http().post(`${base}/attendee-types`).set(auth).send({ name }).expect(201)).body.data
        .id as string;
    typeId = await made('General Admission');
    otherTypeId = await made('VIP');
    for (const [key, label] of [
      ['company', 'Company'],
      ['job_title', 'Job title'],
    ]) {
      await t
        .http()
        .post(`${base}/custom-fields`)
        .set(auth)
        .send({ key, label, type: 'text' })
        .expect(201);
    }
  });
  afterAll(() => t.close());

  it('creates an attendee and answers it with its attendee type, as documented', async () => {
    const response = await t
      .http()
      .post(`${base}/attendees`)
      .set(auth)
      .send({
        first_name: 'Jane',
        last_name: 'Smith',
        email: 'jane.smith@example.com',
        attendee_type_id: typeId,
        custom_fields: { company: 'Acme Corp', job_title: 'Engineer' },
      })
      .expect(201);
    expect(response.body).toEqual({
      data: expect.objectContaining({
        id: expect.any(String),
        first_name: 'Jane',
        last_name: 'Smith',
        email: 'jane.smith@example.com',
        attendee_type_id: typeId,
        attendee_type: { id: typeId, name: 'General Admission' },
        custom_fields: { company: 'Acme Corp', job_title: 'Engineer' },
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      }),
    });
  });

  it('lists, filters, sorts and includes as in the filtered query example', async () => {
    const created = await t
      .http()
      .post(`${base}/attendees`)
      .set(auth)
      .send({ first_name: 'Vip', last_name: 'Person', attendee_type_id: otherTypeId })
      .expect(201);
    const id = created.body.data.id as string;
    await t.http().post(`${base}/attendees/${id}/credentials`).set(auth).send({}).expect(201);

    const list = await t
      .http()
      .get(
        `${base}/attendees?filter[attendee_type_id]=${otherTypeId}&sort=-created_at&include=credentials`,
      )
      .set(auth)
      .expect(200);
    expect(list.body.data.map((a: { id: string }) => a.id)).toEqual([id]);
    expect(list.body.data[0].credentials).toHaveLength(1);
    expect(list.body.meta).toEqual({ current_page: 1, per_page: 25, total: 1, last_page: 1 });
    expect(list.body.links).toEqual({
      first: expect.stringContaining('page=1'),
      last: expect.stringContaining('page=1'),
      prev: null,
      next: null,
    });
  });

  it('updates with PUT and PATCH, and deletes', async () => {
    const { body } = await t
      .http()
      .post(`${base}/attendees`)
      .set(auth)
      .send({ first_name: 'Up', last_name: 'Date', custom_fields: { company: 'Acme Corp' } })
      .expect(201);
    const path = `${base}/attendees/${body.data.id}`;
    const put = await t
      .http()
      .put(path)
      .set(auth)
      .send({ email: 'jane.updated@example.com', custom_fields: { job_title: 'Senior Engineer' } })
      .expect(200);
    expect(put.body.data.email).toBe('jane.updated@example.com');
    expect(put.body.data.custom_fields).toEqual({ job_title: 'Senior Engineer' });

    const patch = await t
      .http()
      .patch(path)
      .set(auth)
      .send({ custom_fields: { company: 'Initech' } })
      .expect(200);
    expect(patch.body.data.custom_fields).toEqual({
      job_title: 'Senior Engineer',
      company: 'Initech',
    });

    await t.http().delete(path).set(auth).expect(204);
    await t.http().get(path).set(auth).expect(404);
  });

  it('searches with the documented body', async () => {
    await t
      .http()
      .post(`${base}/attendees`)
      .set(auth)
      .send({
        first_name: 'Ann',
        last_name: 'Acme',
        email: 'ann@acme.com',
        attendee_type_id: typeId,
      })
      .expect(201);
    const response = await t
      .http()
      .post(`${base}/attendees/search`)
      .set(auth)
      .send({
        filters: [
          { field: 'email', operator: 'like', value: '%@acme.com' },
          { field: 'attendee_type_id', operator: '=', value: typeId },
        ],
        sort: [{ field: 'last_name', direction: 'asc' }],
      })
      .expect(200);
    expect(response.body.data.map((a: { email: string }) => a.email)).toEqual(['ann@acme.com']);
  });

  it('batch creates and batch updates', async () => {
    const created = await t
      .http()
      .post(`${base}/attendees/batch`)
      .set(auth)
      .send({
        resources: [
          { first_name: 'John', last_name: 'Doe' },
          { first_name: 'Jane', last_name: 'Smith' },
        ],
      })
      .expect(201);
    const ids = created.body.data.map((a: { id: string }) => a.id);
    expect(created.body.data.map((a: { first_name: string }) => a.first_name)).toEqual([
      'John',
      'Jane',
    ]);
    const updated = await t
      .http()
      .patch(`${base}/attendees/batch`)
      .set(auth)
      .send({
        resources: {
          [ids[0]]: { attendee_type_id: otherTypeId },
          [ids[1]]: { attendee_type_id: otherTypeId },
        },
      })
      .expect(200);
    expect(updated.body.data.map((a: { attendee_type_id: string }) => a.attendee_type_id)).toEqual([
      otherTypeId,
      otherTypeId,
    ]);
  });

  it('lists attendee types and a credential round trip', async () => {
    const types = await t.http().get(`${base}/attendee-types`).set(auth).expect(200);
    expect(types.body.data.map((type: { name: string }) => type.name)).toEqual([
      'General Admission',
      'VIP',
    ]);
    const { body } = await t
      .http()
      .post(`${base}/attendees`)
      .set(auth)
      .send({ first_name: 'Cred', last_name: 'Holder' })
      .expect(201);
    const credentials = `${base}/attendees/${body.data.id}/credentials`;
    const credentialTypes = await t.http().get(`${base}/credential-types`).set(auth).expect(200);
    const barcode = credentialTypes.body.data.find(
      (type: { code: string }) => type.code === 'barcode',
    );
    const added = await t
      .http()
      .post(credentials)
      .set(auth)
      .send({ credential_type_id: barcode.id, value: 'ABC123456' })
      .expect(201);
    expect((await t.http().get(credentials).set(auth).expect(200)).body.data).toHaveLength(1);
    await t.http().delete(`${credentials}/${added.body.data.id}`).set(auth).expect(204);
  });
});
