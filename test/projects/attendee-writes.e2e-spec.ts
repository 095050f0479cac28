import { createOccurrence } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  createProject,
  expectProblem,
  expectStatus,
  pointers,
  projectApi,
} from './project-fixture';

const ISO_SECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

describe('seed 003: one attendee (POST, GET, PUT, PATCH, DELETE)', () => {
  let t: TestApp;
  let api: ReturnType<typeof projectApi>;
  beforeAll(async () => {
    t = await startTestApp();
    api = projectApi(t, await createProject(t));
    await api.field('company', 'text');
    await api.field('age', 'number');
    await api.field('vip', 'boolean');
    await api.field('joined', 'date');
    await api.field('contact', 'email');
    await api.field('size', 'select', { options: ['S', 'M', 'L'] });
    await api.field('topics', 'multiselect', { options: ['ai', 'web', 'db'] });
  });
  afterAll(() => t.close());

  describe('create and read', () => {
    it('answers the created attendee in full, and GET answers the same', async () => {
      const typeId = await api.type('Speaker');
      const res = expectStatus(
        await api.post('/attendees', {
          first_name: ' Jane ',
          last_name: 'Smith',
          email: 'jane@writes.test',
          phone: '+1 555 0100',
          attendee_type_id: typeId,
          custom_fields: { company: 'Acme', age: 33, vip: true, topics: ['ai'] },
          emergency_contact: { name: 'John Smith', phone_number: '+1 555 0199' },
        }),
        201,
      );
      expect(res.body.data).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        first_name: 'Jane',
        last_name: 'Smith',
        email: 'jane@writes.test',
        phone: '+1 555 0100',
        attendee_type_id: typeId,
        attendee_type: { id: typeId, name: 'Speaker' },
        custom_fields: { company: 'Acme', age: 33, vip: true, topics: ['ai'] },
        emergency_contact: { name: 'John Smith', phone_number: '+1 555 0199' },
        status: 'CONFIRMED',
        checked_in_at: null,
        created_at: expect.stringMatching(ISO_SECONDS),
        updated_at: expect.stringMatching(ISO_SECONDS),
      });
      expect(await api.read(res.body.data.id)).toEqual(res.body.data);
    });

    it('answers 404 for an unknown attendee and 400 for an id that is not a uuid', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      expectProblem(await api.get(`/attendees/${unknown}`), 404, 'attendee-not-found');
      expectProblem(await api.get('/attendees/42'), 400, 'validation', ['/attendeeId']);
    });
  });

  describe('shape of the body (400)', () => {
    it.each([
      [{ last_name: 'Smith' }, '/first_name'],
      [{ first_name: 'Jane' }, '/last_name'],
      [{ first_name: '', last_name: 'Smith' }, '/first_name'],
      [{ first_name: 42, last_name: 'Smith' }, '/first_name'],
      [{ first_name: 'Jane', last_name: ['Smith'] }, '/last_name'],
      [{ first_name: 'Jane', last_name: 'Smith', email: 'not-an-email' }, '/email'],
      [{ first_name: 'Jane', last_name: 'Smith', email: 7 }, '/email'],
      [{ first_name: 'Jane', last_name: 'Smith', attendee_type_id: 1 }, '/attendee_type_id'],
      [{ first_name: 'Jane', last_name: 'Smith', custom_fields: 'Acme' }, '/custom_fields'],
      [{ first_name: 'Jane', last_name: 'Smith', custom_fields: ['Acme'] }, '/custom_fields'],
      [{ first_name: 'Jane', last_name: 'Smith', status: 'CONFIRMED' }, '/status'],
      [{ first_name: 'Jane', last_name: 'Smith', id: 'mine' }, '/id'],
      [
        { first_name: 'Jane', last_name: 'Smith', emergency_contact: { phone_number: '1' } },
        '/emergency_contact/name',
      ],
    ])('refuses %j with a 400 pointing at %s', async (body, pointer) => {
      const before = await api.total();
      expectProblem(await api.post('/attendees', body), 400, 'validation', [pointer]);
      expect(await api.total()).toBe(before);
    });

    it('refuses a null or empty first_name on PATCH and PUT, and unknown properties', async () => {
      const { id } = await api.attendee();
      expectProblem(await api.patch(`/attendees/${id}`, { first_name: null }), 400, 'validation', [
        '/first_name',
      ]);
      expectProblem(await api.put(`/attendees/${id}`, { last_name: '' }), 400, 'validation', [
        '/last_name',
      ]);
      expectProblem(
        await api.patch(`/attendees/${id}`, { status: 'CANCELLED' }),
        400,
        'validation',
        ['/status'],
      );
      expect((await api.read(id)).status).toBe('CONFIRMED');
    });

    it('refuses a name holding NUL, which the database cannot store, with a 400 (never a 500)', async () => {
      const before = await api.total();
      const res = await api.post('/attendees', { first_name: 'Nul\u0000l', last_name: 'Byte' });
      expectProblem(res, 400, 'validation', ['/first_name']);
      expect(await api.total()).toBe(before);
    });

    it('refuses a custom field answer holding NUL as invalid (never a 500)', async () => {
      const before = await api.total();
      const res = await api.post('/attendees', {
        first_name: 'Nul',
        last_name: 'Byte',
        custom_fields: { company: 'Ac\u0000me' },
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(pointers(res)).toEqual(['/custom_fields/company']);
      expect(await api.total()).toBe(before);
    });
  });

  describe('custom fields (422)', () => {
    const create = (custom_fields: object) =>
      api.post('/attendees', { first_name: 'Cf', last_name: 'Check', custom_fields });

    it.each([
      [{ nope: 'x' }, 'nope'],
      [{ company: 5 }, 'company'],
      [{ age: '33' }, 'age'],
      [{ age: 'many' }, 'age'],
      [{ vip: 'yes' }, 'vip'],
      [{ joined: '2024-02-30' }, 'joined'],
      [{ joined: '15/01/2024' }, 'joined'],
      [{ contact: 'not an email' }, 'contact'],
      [{ size: 'XL' }, 'size'],
      [{ size: ['S'] }, 'size'],
      [{ topics: 'ai' }, 'topics'],
      [{ topics: ['ai', 'zz'] }, 'topics'],
      [{ topics: ['ai', 'ai'] }, 'topics'],
    ])('refuses %j with a 422 pointing at /custom_fields/%s', async (fields, key) => {
      const before = await api.total();
      expectProblem(await create(fields), 422, 'invalid-custom-fields', [`/custom_fields/${key}`]);
      expect(await api.total()).toBe(before);
    });

    it('points at every bad key at once', async () => {
      expectProblem(await create({ nope: 1, age: 'x', size: 'XL' }), 422, 'invalid-custom-fields', [
        '/custom_fields/age',
        '/custom_fields/nope',
        '/custom_fields/size',
      ]);
    });

    it('takes a valid answer of every type', async () => {
      const fields = {
        company: 'Acme',
        age: 33.5,
        vip: false,
        joined: '2024-02-29',
        contact: 'boss@acme.com',
        size: 'L',
        topics: [],
      };
      expect(expectStatus(await create(fields), 201).body.data.custom_fields).toEqual(fields);
    });

    describe('a required field', () => {
      let strict: ReturnType<typeof projectApi>;
      beforeAll(async () => {
        strict = projectApi(t, await createProject(t));
        await strict.field('badge', 'text', { required: true });
        await strict.field('note', 'text');
      });

      it('is required on create, on PUT with custom_fields, and may not be set to null by PATCH', async () => {
        const missing = await strict.post('/attendees', { first_name: 'R', last_name: 'Q' });
        expectProblem(missing, 422, 'invalid-custom-fields', ['/custom_fields/badge']);
        const { id } = await strict.attendee({ custom_fields: { badge: 'B1', note: 'n' } });

        const put = await strict.put(`/attendees/${id}`, { custom_fields: { note: 'm' } });
        expectProblem(put, 422, 'invalid-custom-fields', ['/custom_fields/badge']);
        const nulled = await strict.patch(`/attendees/${id}`, { custom_fields: { badge: null } });
        expectProblem(nulled, 422, 'invalid-custom-fields', ['/custom_fields/badge']);
        expect((await strict.read(id)).custom_fields).toEqual({ badge: 'B1', note: 'n' });

        // Leaving it out of a PATCH, or out of a PUT without custom_fields, keeps it.
        expectStatus(
          await strict.patch(`/attendees/${id}`, { custom_fields: { note: null } }),
          200,
        );
        expectStatus(await strict.put(`/attendees/${id}`, { last_name: 'Q2' }), 200);
        expect((await strict.read(id)).custom_fields).toEqual({ badge: 'B1' });
      });
    });
  });

  describe('PUT and PATCH', () => {
    it('PATCH merges custom_fields key by key, and null removes a key', async () => {
      const { id } = await api.attendee({ custom_fields: { company: 'Acme', age: 30 } });
      const res = await api.patch(`/attendees/${id}`, {
        custom_fields: { age: 31, vip: true, company: null },
      });
      expect(expectStatus(res, 200).body.data.custom_fields).toEqual({ age: 31, vip: true });
      expect((await api.read(id)).custom_fields).toEqual({ age: 31, vip: true });
    });

    it('PUT replaces custom_fields as a whole', async () => {
      const { id } = await api.attendee({ custom_fields: { company: 'Acme', age: 30 } });
      const res = await api.put(`/attendees/${id}`, { custom_fields: { size: 'S' } });
      expect(expectStatus(res, 200).body.data.custom_fields).toEqual({ size: 'S' });
      expect((await api.read(id)).custom_fields).toEqual({ size: 'S' });
    });

    it('changes only the fields given, and leaves the others as they were', async () => {
      const created = await api.attendee({ first_name: 'Old', email: 'old@writes.test' });
      const res = expectStatus(
        await api.patch(`/attendees/${created.id}`, { first_name: 'New' }),
        200,
      );
      expect(res.body.data).toMatchObject({
        first_name: 'New',
        last_name: created.last_name,
        email: 'old@writes.test',
      });
      const removed = await api.patch(`/attendees/${created.id}`, { email: null, phone: null });
      expect(expectStatus(removed, 200).body.data).toMatchObject({ email: null, phone: null });
    });

    it('sets and clears the emergency contact', async () => {
      const { id } = await api.attendee();
      const set = await api.patch(`/attendees/${id}`, { emergency_contact: { name: 'Mum' } });
      expect(expectStatus(set, 200).body.data.emergency_contact).toEqual({
        name: 'Mum',
        phone_number: null,
      });
      const cleared = await api.put(`/attendees/${id}`, { emergency_contact: null });
      expect(expectStatus(cleared, 200).body.data.emergency_contact).toBeNull();
      expect((await api.read(id)).emergency_contact).toBeNull();
    });

    it('answers 404 for an attendee that is not there', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      expectProblem(await api.patch(`/attendees/${unknown}`, {}), 404, 'attendee-not-found');
      expectProblem(await api.put(`/attendees/${unknown}`, {}), 404, 'attendee-not-found');
      expectProblem(await api.delete(`/attendees/${unknown}`), 404, 'attendee-not-found');
    });
  });

  describe('emails and attendee types', () => {
    it('refuses an email already in the project, whatever its case (409)', async () => {
      await api.attendee({ email: 'taken@writes.test' });
      const again = await api.post('/attendees', {
        first_name: 'Dup',
        last_name: 'Licate',
        email: 'TAKEN@Writes.Test',
      });
      expectProblem(again, 409, 'email-taken', ['/email']);
      const other = await api.attendee({ email: 'other@writes.test' });
      const patched = await api.patch(`/attendees/${other.id}`, { email: 'Taken@writes.test' });
      expectProblem(patched, 409, 'email-taken', ['/email']);
      const own = await api.patch(`/attendees/${other.id}`, { email: 'OTHER@writes.test' });
      expect(expectStatus(own, 200).body.data.email).toBe('OTHER@writes.test');
    });

    it('takes the same email in another project', async () => {
      await api.attendee({ email: 'shared@writes.test' });
      const elsewhere = projectApi(t, await createProject(t));
      expect((await elsewhere.attendee({ email: 'shared@writes.test' })).email).toBe(
        'shared@writes.test',
      );
    });

    it('frees the email once its holder is deleted', async () => {
      const holder = await api.attendee({ email: 'freed@writes.test' });
      expectStatus(await api.delete(`/attendees/${holder.id}`), 204);
      expect((await api.attendee({ email: 'freed@writes.test' })).email).toBe('freed@writes.test');
    });

    it('refuses an attendee type that is not one of the project’s (422)', async () => {
      const foreign = await projectApi(t, await createProject(t)).type('Foreign');
      const body = { first_name: 'T', last_name: 'Ype', attendee_type_id: foreign };
      expectProblem(await api.post('/attendees', body), 422, 'invalid-attendees', [
        '/attendee_type_id',
      ]);
      const { id } = await api.attendee();
      expectProblem(
        await api.patch(`/attendees/${id}`, { attendee_type_id: foreign }),
        422,
        'invalid-attendees',
        ['/attendee_type_id'],
      );
      expect((await api.read(id)).attendee_type_id).toBeNull();
    });
  });

  describe('seats', () => {
    it('puts attendees beyond the capacity on the waiting list', async () => {
      const full = projectApi(t, await createProject(t, { capacity: 1 }));
      expect((await full.attendee()).status).toBe('CONFIRMED');
      expect((await full.attendee()).status).toBe('WAITING_LIST');
    });

    it('refuses an attendee beyond the capacity with 409 event-full when there is no waiting list', async () => {
      const full = projectApi(t, await createProject(t, { capacity: 1, waitlist: false }));
      await full.attendee();
      const res = await full.post('/attendees', { first_name: 'Late', last_name: 'Comer' });
      expectProblem(res, 409, 'event-full');
      expect(await full.total()).toBe(1);
    });

    it('gives a deleted attendee’s seat to the first on the waiting list', async () => {
      const full = projectApi(t, await createProject(t, { capacity: 1 }));
      const seated = await full.attendee();
      const first = await full.attendee();
      const second = await full.attendee();

      expectStatus(await full.delete(`/attendees/${seated.id}`), 204);

      expectProblem(await full.get(`/attendees/${seated.id}`), 404, 'attendee-not-found');
      expect((await full.read(first.id)).status).toBe('CONFIRMED');
      expect((await full.read(second.id)).status).toBe('WAITING_LIST');
      expect((await full.attendee()).status).toBe('WAITING_LIST');
    });

    it('gives the seat of an attendee registered for an occurrence to that occurrence’s waiting list', async () => {
      const mine = await createProject(t);
      const occurrence = await createOccurrence(t, mine.eventId, { capacity: 1 });
      const register = async (externalUserId: string) =>
        expectStatus(
          await t
            .http()
            .post('/api/v1/event-registrations')
            .set(mine.auth)
            .send({ occurrenceId: occurrence.id, externalUserId, fields: { firstName: 'Occ' } }),
          201,
        ).body as { id: string; status: string };
      const seated = await register('ext-seated');
      const waiting = await register('ext-waiting');
      expect([seated.status, waiting.status]).toEqual(['CONFIRMED', 'WAITING_LIST']);

      const own = projectApi(t, mine);
      expectStatus(await own.delete(`/attendees/${seated.id}`), 204);

      expect((await own.read(waiting.id)).status).toBe('CONFIRMED');
      const late = await register('ext-late');
      expect(late.status).toBe('WAITING_LIST');
    });

    // Negative control: run one at a time, these requests would all get a seat (or the email).
    it('gives concurrent requests no more seats than there are, and one email once', async () => {
      const full = projectApi(t, await createProject(t, { capacity: 2, waitlist: false }));
      const seats = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          full.post('/attendees', { first_name: `C${i}`, last_name: 'Rush' }),
        ),
      );
      expect(seats.map((res) => res.status).sort()).toEqual([201, 201, 409, 409, 409, 409]);
      for (const res of seats.filter((r) => r.status === 409))
        expectProblem(res, 409, 'event-full');
      expect(await full.total()).toBe(2);

      const open = projectApi(t, await createProject(t));
      const emails = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          open.post('/attendees', {
            first_name: `E${i}`,
            last_name: 'Rush',
            email: `Rush@race.test`,
          }),
        ),
      );
      expect(emails.map((res) => res.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      for (const res of emails.filter((r) => r.status === 409))
        expectProblem(res, 409, 'email-taken');
      expect(await open.total()).toBe(1);
    });
  });

  describe('DELETE', () => {
    it('removes the credentials (their values can be used again) and group memberships', async () => {
      const groupId = await api.group(`Crew ${Date.now()}`);
      const gone = await api.attendee();
      const stays = await api.attendee();
      const value = `DEL-${gone.id.slice(0, 8)}`;
      expectStatus(await api.post(`/attendees/${gone.id}/credentials`, { value }), 201);
      await api.join(groupId, [gone.id, stays.id]);
      expect((await api.post(`/attendees/${stays.id}/credentials`, { value })).status).toBe(409);

      expectStatus(await api.delete(`/attendees/${gone.id}`), 204);

      expectStatus(await api.post(`/attendees/${stays.id}/credentials`, { value }), 201);
      const members = expectStatus(await api.get(`/groups/${groupId}/attendees`), 200);
      expect(members.body.data.map((a: { id: string }) => a.id)).toEqual([stays.id]);
      expectProblem(await api.delete(`/attendees/${gone.id}`), 404, 'attendee-not-found');
    });

    it('is the same registration seed 000 shows among the event’s attendances', async () => {
      const mine = await createProject(t);
      const own = projectApi(t, mine);
      const { id } = await own.attendee({ first_name: 'Cross', last_name: 'Dialect' });
      const event = () => t.http().get(`/api/events/${mine.eventId}`).set(mine.auth);
      const before = expectStatus(await event(), 200).body;
      expect(before.attendances).toEqual([
        expect.objectContaining({ id, userName: 'Cross Dialect', state: 'CONFIRMADO' }),
      ]);
      expectStatus(await own.delete(`/attendees/${id}`), 204);
      expect(expectStatus(await event(), 200).body.attendances).toEqual([]);
    });
  });
});
