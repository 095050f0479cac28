import { startTestApp, type TestApp } from '../support/test-app';
import {
  type Attendee,
  createProject,
  expectProblem,
  expectStatus,
  projectApi,
} from './project-fixture';

const ISO_SECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('seed 003: what a project defines for its attendees', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  describe('attendee types', () => {
    let api: ReturnType<typeof projectApi>;
    beforeAll(async () => {
      api = projectApi(t, await createProject(t));
    });

    it('creates, reads, lists, changes and deletes a type', async () => {
      const created = await api.post('/attendee-types', {
        name: 'VIP',
        description: 'Front rows',
        price_cents: 15000,
        price_currency: 'EUR',
        publicly_available: false,
      });
      const type = expectStatus(created, 201).body.data;
      expect(type).toEqual({
        id: expect.any(String),
        name: 'VIP',
        description: 'Front rows',
        price_cents: 15000,
        price_currency: 'EUR',
        publicly_available: false,
        created_at: expect.stringMatching(ISO_SECONDS),
        updated_at: expect.stringMatching(ISO_SECONDS),
      });
      expect(expectStatus(await api.get(`/attendee-types/${type.id}`), 200).body.data).toEqual(
        type,
      );
      const list = expectStatus(await api.get('/attendee-types'), 200).body;
      expect(list.data.map((item: { name: string }) => item.name)).toContain('VIP');
      expect(list.meta).toMatchObject({ current_page: 1, per_page: 25 });

      const changed = await api.patch(`/attendee-types/${type.id}`, {
        name: 'VIP+',
        price_cents: 0,
      });
      expect(expectStatus(changed, 200).body.data).toMatchObject({ name: 'VIP+', price_cents: 0 });
      expectStatus(await api.delete(`/attendee-types/${type.id}`), 204);
      expectProblem(await api.get(`/attendee-types/${type.id}`), 404, 'attendee-type-not-found');
    });

    it('fills defaults for a type given only a name', async () => {
      const res = expectStatus(await api.post('/attendee-types', { name: 'Plain' }), 201);
      expect(res.body.data).toMatchObject({
        description: null,
        price_cents: 0,
        publicly_available: true,
      });
    });

    it('refuses a second type of the same name (409), on create and rename', async () => {
      await api.type('Speaker');
      const other = await api.type('Panelist');
      expectProblem(
        await api.post('/attendee-types', { name: 'Speaker' }),
        409,
        'attendee-type-name-taken',
      );
      expectProblem(
        await api.patch(`/attendee-types/${other}`, { name: 'Speaker' }),
        409,
        'attendee-type-name-taken',
      );
      // Another project may use the name.
      await projectApi(t, await createProject(t)).type('Speaker');
    });

    it.each([
      [{}, '/name'],
      [{ name: '' }, '/name'],
      [{ name: 'X', price_cents: -1 }, '/price_cents'],
      [{ name: 'X', price_cents: 1.5 }, '/price_cents'],
      [{ name: 'X', price_currency: 'euro' }, '/price_currency'],
      [{ name: 'X', publicly_available: 'yes' }, '/publicly_available'],
      [{ name: 'X', color: 'red' }, '/color'],
    ])('refuses %j with a 400 pointing at %s', async (body, pointer) => {
      expectProblem(await api.post('/attendee-types', body), 400, 'validation', [pointer]);
    });

    it('refuses to delete a type attendees still have (409), and deletes it once they are reassigned', async () => {
      const used = await api.type('Crew');
      const spare = await api.type('Volunteer');
      const { id } = await api.attendee({ attendee_type_id: used });
      expectProblem(await api.delete(`/attendee-types/${used}`), 409, 'attendee-type-in-use');
      expectStatus(await api.get(`/attendee-types/${used}`), 200);

      expectStatus(await api.patch(`/attendees/${id}`, { attendee_type_id: spare }), 200);
      expectStatus(await api.delete(`/attendee-types/${used}`), 204);
      expect((await api.read(id)).attendee_type).toEqual({ id: spare, name: 'Volunteer' });
    });

    it('answers 404 for a type of another project', async () => {
      const foreign = await projectApi(t, await createProject(t)).type('Foreign');
      expectProblem(await api.get(`/attendee-types/${foreign}`), 404, 'attendee-type-not-found');
      expectProblem(await api.delete(`/attendee-types/${foreign}`), 404, 'attendee-type-not-found');
    });
  });

  describe('custom field definitions', () => {
    let api: ReturnType<typeof projectApi>;
    beforeAll(async () => {
      api = projectApi(t, await createProject(t));
    });

    it('creates, reads, lists, changes and deletes a definition', async () => {
      const created = await api.post('/custom-fields', {
        key: 'shirt_size',
        label: 'Shirt size',
        type: 'select',
        options: ['S', 'M'],
        required: true,
      });
      const field = expectStatus(created, 201).body.data;
      expect(field).toEqual({
        id: expect.any(String),
        key: 'shirt_size',
        label: 'Shirt size',
        type: 'select',
        options: ['S', 'M'],
        required: true,
        created_at: expect.stringMatching(ISO_SECONDS),
        updated_at: expect.stringMatching(ISO_SECONDS),
      });
      expect(expectStatus(await api.get(`/custom-fields/${field.id}`), 200).body.data).toEqual(
        field,
      );
      const changed = await api.patch(`/custom-fields/${field.id}`, {
        label: 'Size',
        options: ['S', 'M', 'L'],
        required: false,
      });
      expect(expectStatus(changed, 200).body.data).toMatchObject({
        key: 'shirt_size',
        label: 'Size',
        options: ['S', 'M', 'L'],
        required: false,
      });
      const list = expectStatus(await api.get('/custom-fields'), 200).body.data;
      expect(list.map((item: { key: string }) => item.key)).toContain('shirt_size');
      expect((await api.attendee({ custom_fields: { shirt_size: 'L' } })).custom_fields).toEqual({
        shirt_size: 'L',
      });

      expectStatus(await api.delete(`/custom-fields/${field.id}`), 204);
      expectProblem(await api.get(`/custom-fields/${field.id}`), 404, 'custom-field-not-found');
      const unknown = await api.post('/attendees', {
        first_name: 'A',
        last_name: 'B',
        custom_fields: { shirt_size: 'L' },
      });
      expectProblem(unknown, 422, 'invalid-custom-fields', ['/custom_fields/shirt_size']);
    });

    it.each(['Company', '1st', 'job-title', 'job title', '_x', '', 'x'.repeat(65)])(
      'refuses the key %j with a 400 pointing at key',
      async (key) => {
        const res = await api.post('/custom-fields', { key, label: 'L', type: 'text' });
        expectProblem(res, 400, 'validation', ['/key']);
      },
    );

    it('refuses an unknown type and a missing label (400)', async () => {
      expectProblem(
        await api.post('/custom-fields', { key: 'a', label: 'A', type: 'color' }),
        400,
        'validation',
        ['/type'],
      );
      expectProblem(
        await api.post('/custom-fields', { key: 'a', type: 'text' }),
        400,
        'validation',
        ['/label'],
      );
    });

    it('refuses a key the project already has (409), though another project may use it', async () => {
      await api.field('company', 'text');
      const again = await api.post('/custom-fields', {
        key: 'company',
        label: 'Firm',
        type: 'text',
      });
      expectProblem(again, 409, 'custom-field-key-taken');
      await projectApi(t, await createProject(t)).field('company', 'number');
    });

    it.each([
      [{ type: 'select' }],
      [{ type: 'select', options: [] }],
      [{ type: 'multiselect' }],
      [{ type: 'multiselect', options: ['a', 'a'] }],
      [{ type: 'text', options: ['a'] }],
      [{ type: 'number', options: ['1'] }],
    ])('refuses %j with a 422 pointing at options', async (definition) => {
      const res = await api.post('/custom-fields', {
        key: 'choice',
        label: 'Choice',
        ...definition,
      });
      expectProblem(res, 422, 'invalid-custom-field', ['/options']);
    });

    it('refuses to change the key or the type of a definition', async () => {
      await api.field('fixed', 'text');
      const fields = expectStatus(await api.get('/custom-fields'), 200).body.data;
      const { id } = fields.find((field: { key: string }) => field.key === 'fixed');
      expectProblem(await api.patch(`/custom-fields/${id}`, { key: 'moved' }), 400, 'validation', [
        '/key',
      ]);
      expectProblem(
        await api.patch(`/custom-fields/${id}`, { type: 'number' }),
        400,
        'validation',
        ['/type'],
      );
      expectProblem(
        await api.patch(`/custom-fields/${id}`, { options: ['a'] }),
        422,
        'invalid-custom-field',
        ['/options'],
      );
    });
  });

  describe('groups and their members', () => {
    let api: ReturnType<typeof projectApi>;
    beforeAll(async () => {
      api = projectApi(t, await createProject(t));
    });
    const members = async (groupId: string) =>
      (
        expectStatus(await api.get(`/groups/${groupId}/attendees?sort=first_name`), 200).body
          .data as Attendee[]
      ).map((a) => a.first_name);

    it('creates, reads, lists, renames and refuses a duplicate name (409)', async () => {
      const res = expectStatus(
        await api.post('/groups', { name: 'Press', description: 'Media' }),
        201,
      );
      const group = res.body.data;
      expect(group).toEqual({
        id: expect.any(String),
        name: 'Press',
        description: 'Media',
        created_at: expect.stringMatching(ISO_SECONDS),
        updated_at: expect.stringMatching(ISO_SECONDS),
      });
      expect(expectStatus(await api.get(`/groups/${group.id}`), 200).body.data).toEqual(group);
      const list = expectStatus(await api.get('/groups'), 200).body.data;
      expect(list.map((item: { name: string }) => item.name)).toContain('Press');
      expectProblem(await api.post('/groups', { name: 'Press' }), 409, 'group-name-taken');
      const renamed = await api.patch(`/groups/${group.id}`, { name: 'Media' });
      expect(expectStatus(renamed, 200).body.data.name).toBe('Media');
      expectProblem(await api.get(`/groups/${UNKNOWN}`), 404, 'group-not-found');
    });

    it('adds attendees (200, with their groups), again without change, lists and removes them', async () => {
      const groupId = await api.group('Staff');
      const ann = await api.attendee({ first_name: 'Ann' });
      const bob = await api.attendee({ first_name: 'Bob' });
      await api.attendee({ first_name: 'Out' });

      const added = expectStatus(
        await api.post(`/groups/${groupId}/attendees`, { attendee_ids: [ann.id, bob.id] }),
        200,
      );
      expect(added.body.data.map((a: Attendee) => [a.id, a.groups])).toEqual([
        [ann.id, [{ id: groupId, name: 'Staff' }]],
        [bob.id, [{ id: groupId, name: 'Staff' }]],
      ]);
      const again = expectStatus(
        await api.post(`/groups/${groupId}/attendees`, { attendee_ids: [ann.id, ann.id] }),
        200,
      );
      expect(again.body.data.map((a: Attendee) => a.groups)).toEqual([
        [{ id: groupId, name: 'Staff' }],
      ]);
      expect(await members(groupId)).toEqual(['Ann', 'Bob']);

      expectStatus(await api.delete(`/groups/${groupId}/attendees/${ann.id}`), 204);
      expectStatus(await api.delete(`/groups/${groupId}/attendees/${ann.id}`), 204);
      expect(await members(groupId)).toEqual(['Bob']);
      expect((await api.read(ann.id, '?include=groups')).groups).toEqual([]);
    });

    it('takes attendee ids in upper case, as the single-attendee routes do', async () => {
      const groupId = await api.group('Upper');
      const { id } = await api.attendee({ first_name: 'Upper' });
      const res = await api.post(`/groups/${groupId}/attendees`, {
        attendee_ids: [id.toUpperCase()],
      });
      expect(expectStatus(res, 200).body.data.map((a: Attendee) => a.id)).toEqual([id]);
      expect(await members(groupId)).toEqual(['Upper']);
    });

    it('adds nobody when any id is not an attendee of the project (404)', async () => {
      const groupId = await api.group('Closed');
      const ann = await api.attendee({ first_name: 'Ann' });
      const stranger = await projectApi(t, await createProject(t)).attendee();
      const res = await api.post(`/groups/${groupId}/attendees`, {
        attendee_ids: [ann.id, UNKNOWN, stranger.id],
      });
      expectProblem(res, 404, 'attendee-not-found', ['/attendee_ids/1', '/attendee_ids/2']);
      expect(await members(groupId)).toEqual([]);
      expectProblem(
        await api.post(`/groups/${groupId}/attendees`, { attendee_ids: ['nope'] }),
        400,
        'validation',
      );
      expectProblem(
        await api.post(`/groups/${UNKNOWN}/attendees`, { attendee_ids: [ann.id] }),
        404,
        'group-not-found',
      );
    });

    it('filters and pages a group’s members like the attendee list', async () => {
      const groupId = await api.group('Filtered');
      const people = await Promise.all(
        ['Al', 'Bea', 'Cy'].map((first_name) => api.attendee({ first_name })),
      );
      await api.join(
        groupId,
        people.map((a) => a.id),
      );
      const res = expectStatus(
        await api.get(`/groups/${groupId}/attendees?filter[first_name]=Bea&include=groups`),
        200,
      );
      expect(res.body.data.map((a: Attendee) => a.first_name)).toEqual(['Bea']);
      expect(res.body.meta.total).toBe(1);
      const paged = expectStatus(await api.get(`/groups/${groupId}/attendees?per_page=2`), 200);
      expect(paged.body.meta).toEqual({ current_page: 1, per_page: 2, total: 3, last_page: 2 });
    });

    it('takes a deleted group off its members', async () => {
      const doomed = await api.group('Doomed');
      const kept = await api.group('Kept');
      const { id } = await api.attendee();
      await api.join(doomed, [id]);
      await api.join(kept, [id]);

      expectStatus(await api.delete(`/groups/${doomed}`), 204);

      expect((await api.read(id, '?include=groups')).groups).toEqual([{ id: kept, name: 'Kept' }]);
      expectProblem(await api.get(`/groups/${doomed}`), 404, 'group-not-found');
      const filtered = await api.get(`/attendees?filter[group_id]=${doomed}`);
      expect(expectStatus(filtered, 200).body.data).toEqual([]);
    });
  });
});
