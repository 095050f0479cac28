import { startTestApp, type TestApp } from '../support/test-app';
import {
  type Attendee,
  createProject,
  expectProblem,
  expectStatus,
  projectApi,
} from './project-fixture';

const person = (first_name: string, extra: object = {}) => ({
  first_name,
  last_name: 'Batch',
  ...extra,
});

describe('seed 003: .../attendees/batch', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** A fresh project with a text field `company`. */
  const project = async (options: { capacity?: number; waitlist?: boolean } = {}) => {
    const api = projectApi(t, await createProject(t, options));
    await api.field('company', 'text');
    return api;
  };

  describe('POST (create)', () => {
    it('answers each created attendee, with its id, in input order', async () => {
      const api = await project();
      const res = await api.post('/attendees/batch', {
        resources: [
          person('Cy', { custom_fields: { company: 'Acme' } }),
          person('Al'),
          person('Bo'),
        ],
      });
      const data = expectStatus(res, 201).body.data as Attendee[];
      expect(data.map((a) => a.first_name)).toEqual(['Cy', 'Al', 'Bo']);
      expect(new Set(data.map((a) => a.id)).size).toBe(3);
      expect(data[0]).toMatchObject({ custom_fields: { company: 'Acme' }, attendee_type: null });
      for (const attendee of data) expect(await api.read(attendee.id)).toEqual(attendee);
    });

    it('refuses an empty batch and one of 1001 items', async () => {
      const api = await project();
      expectProblem(await api.post('/attendees/batch', { resources: [] }), 400, 'validation', [
        '/resources',
      ]);
      const resources = Array.from({ length: 1001 }, (_, i) => person(`P${i}`));
      expectProblem(await api.post('/attendees/batch', { resources }), 400, 'validation', [
        '/resources',
      ]);
      expectProblem(await api.post('/attendees/batch', {}), 400, 'validation', ['/resources']);
      expect(await api.total()).toBe(0);
    });

    it('writes nothing when one item has a bad shape, and points at it (400)', async () => {
      const api = await project();
      const resources = [person('A'), person('B'), person('C'), { last_name: 'X' }, person('E')];
      expectProblem(await api.post('/attendees/batch', { resources }), 400, 'validation', [
        '/resources/3/first_name',
      ]);
      expect(await api.total()).toBe(0);
    });

    it('writes nothing when custom fields are wrong, and points at each failing item (422)', async () => {
      const api = await project();
      const resources = [
        person('A'),
        person('B'),
        person('C', { custom_fields: { x: 1 } }),
        person('D'),
        person('E', { custom_fields: { company: 5 } }),
      ];
      expectProblem(
        await api.post('/attendees/batch', { resources }),
        422,
        'invalid-custom-fields',
        ['/resources/2/custom_fields/x', '/resources/4/custom_fields/company'],
      );
      expect(await api.total()).toBe(0);
    });

    it('refuses an email twice in the batch or already in the project (409), writing nothing', async () => {
      const api = await project();
      await api.attendee({ email: 'held@batch.test' });
      const resources = [
        person('A', { email: 'a@batch.test' }),
        person('B', { email: 'HELD@batch.test' }),
        person('C', { email: 'A@Batch.test' }),
        person('D', { email: 'd@batch.test' }),
      ];
      expectProblem(await api.post('/attendees/batch', { resources }), 409, 'email-taken', [
        '/resources/1/email',
        '/resources/2/email',
      ]);
      expect(await api.total()).toBe(1);
    });

    it('lets one of several racing batches with the same email in and refuses the rest (409)', async () => {
      const api = await project();
      // Each batch passes the email check before any has written: on PostgreSQL the
      // one-active-per-email index decides, inside the batch's INSERT.
      const responses = await Promise.all(
        [0, 1, 2, 3].map((i) =>
          api.post('/attendees/batch', {
            resources: [
              person(`Own${i}`, { email: `own${i}@race.test` }),
              person(`Shared${i}`, { email: 'shared@race.test' }),
            ],
          }),
        ),
      );
      expect(responses.map((res) => res.status).sort()).toEqual([201, 409, 409, 409]);
      for (const res of responses.filter((candidate) => candidate.status === 409)) {
        expectProblem(res, 409, 'email-taken');
      }
      expect(await api.total()).toBe(2);
    });

    it('refuses an attendee type that is not the project’s (422), writing nothing', async () => {
      const api = await project();
      const typeId = await api.type('Guest');
      const foreign = await (await project()).type('Foreign');
      const resources = [
        person('A', { attendee_type_id: typeId }),
        person('B', { attendee_type_id: foreign }),
        person('C', { attendee_type_id: '00000000-0000-4000-8000-000000000000' }),
      ];
      expectProblem(await api.post('/attendees/batch', { resources }), 422, 'invalid-attendees', [
        '/resources/1/attendee_type_id',
        '/resources/2/attendee_type_id',
      ]);
      expect(await api.total()).toBe(0);
    });

    it('fills the free seats in input order and puts the rest on the waiting list', async () => {
      const api = await project({ capacity: 4 });
      await api.attendee();
      const resources = ['A', 'B', 'C', 'D', 'E'].map((name) => person(name));
      const res = expectStatus(await api.post('/attendees/batch', { resources }), 201);
      expect(res.body.data.map((a: Attendee) => [a.first_name, a.status])).toEqual([
        ['A', 'CONFIRMED'],
        ['B', 'CONFIRMED'],
        ['C', 'CONFIRMED'],
        ['D', 'WAITING_LIST'],
        ['E', 'WAITING_LIST'],
      ]);
      const waiting = await api.get('/attendees?filter[status]=WAITING_LIST&sort=first_name');
      expect(waiting.body.data.map((a: Attendee) => a.first_name)).toEqual(['D', 'E']);
    });

    it('refuses the whole batch with 409 event-full when it does not fit and there is no waiting list', async () => {
      const api = await project({ capacity: 4, waitlist: false });
      await api.attendee();
      const resources = ['A', 'B', 'C', 'D', 'E'].map((name) => person(name));
      expectProblem(await api.post('/attendees/batch', { resources }), 409, 'event-full');
      expect(await api.total()).toBe(1);
      const fits = expectStatus(
        await api.post('/attendees/batch', { resources: resources.slice(2) }),
        201,
      );
      expect(fits.body.data.map((a: Attendee) => a.status)).toEqual(Array(3).fill('CONFIRMED'));
    });

    it('creates 1000 attendees at once', async () => {
      const api = await project();
      const resources = Array.from({ length: 1000 }, (_, i) =>
        person(`P${i}`, { email: `p${i}@batch.test`, custom_fields: { company: `C${i % 7}` } }),
      );
      const res = expectStatus(await api.post('/attendees/batch', { resources }), 201);
      expect(res.body.data).toHaveLength(1000);
      expect(res.body.data[999]).toMatchObject({ first_name: 'P999', email: 'p999@batch.test' });
      expect(await api.total()).toBe(1000);
    });
  });

  describe('PATCH (update)', () => {
    let api: Awaited<ReturnType<typeof project>>;
    let ids: string[];
    beforeAll(async () => {
      api = await project();
      const res = await api.post('/attendees/batch', {
        resources: ['A', 'B', 'C'].map((name) =>
          person(name, {
            email: `${name.toLowerCase()}@patch.test`,
            custom_fields: { company: name },
          }),
        ),
      });
      ids = expectStatus(res, 201).body.data.map((a: Attendee) => a.id);
    });

    /** What a client would read back: names and companies, to show nothing changed. */
    const snapshot = async () =>
      Promise.all(
        ids.map(async (id) => {
          const { first_name, last_name, email, custom_fields, attendee_type_id } =
            await api.read(id);
          return { first_name, last_name, email, custom_fields, attendee_type_id };
        }),
      );

    it('updates each attendee with PATCH semantics and answers them in input order', async () => {
      const typeId = await api.type(`Type ${Date.now()}`);
      const res = await api.patch('/attendees/batch', {
        resources: {
          [ids[2]]: { attendee_type_id: typeId, custom_fields: { company: 'Cee' } },
          [ids[0]]: { last_name: 'Renamed' },
        },
      });
      const data = expectStatus(res, 200).body.data as Attendee[];
      expect(data.map((a) => a.id)).toEqual([ids[2], ids[0]]);
      expect(data[0]).toMatchObject({
        attendee_type_id: typeId,
        attendee_type: { id: typeId },
        custom_fields: { company: 'Cee' },
      });
      expect(data[1]).toMatchObject({ first_name: 'A', last_name: 'Renamed' });
      expect((await api.read(ids[1])).last_name).toBe('Batch');
    });

    it('changes nothing when an id is not in the project (404 pointing at it)', async () => {
      const before = await snapshot();
      const stranger = (await (await project()).attendee()).id;
      const unknown = '00000000-0000-4000-8000-000000000000';
      const res = await api.patch('/attendees/batch', {
        resources: {
          [ids[0]]: { first_name: 'Changed' },
          [unknown]: { first_name: 'X' },
          [stranger]: { first_name: 'Y' },
        },
      });
      expectProblem(res, 404, 'attendee-not-found', [
        `/resources/${unknown}`,
        `/resources/${stranger}`,
      ]);
      expect(await snapshot()).toEqual(before);
    });

    it('takes attendee ids in upper case, as the single-attendee routes do', async () => {
      const upper = ids[1].toUpperCase();
      expect((await api.read(upper)).id).toBe(ids[1]);
      const res = await api.patch('/attendees/batch', {
        resources: { [upper]: { phone: '+1 555' } },
      });
      expect(expectStatus(res, 200).body.data.map((a: Attendee) => [a.id, a.phone])).toEqual([
        [ids[1], '+1 555'],
      ]);
    });

    it('refuses keys that are not attendee ids (400)', async () => {
      const res = await api.patch('/attendees/batch', {
        resources: { [ids[0]]: { first_name: 'Changed' }, abc: { first_name: 'X' } },
      });
      expectProblem(res, 400, 'validation', ['/resources/abc']);
      expect((await api.read(ids[0])).first_name).not.toBe('Changed');
    });

    it('changes nothing when one body is invalid, and points into it (400)', async () => {
      const before = await snapshot();
      const res = await api.patch('/attendees/batch', {
        resources: {
          [ids[0]]: { first_name: 'Changed' },
          [ids[1]]: { first_name: null },
          [ids[2]]: { status: 'CANCELLED' },
        },
      });
      expectProblem(res, 400, 'validation', [
        `/resources/${ids[1]}/first_name`,
        `/resources/${ids[2]}/status`,
      ]);
      expect(await snapshot()).toEqual(before);
    });

    it('changes nothing when a custom field is wrong (422 pointing into it)', async () => {
      const before = await snapshot();
      const res = await api.patch('/attendees/batch', {
        resources: {
          [ids[0]]: { first_name: 'Changed', custom_fields: { company: 'Fine' } },
          [ids[1]]: { custom_fields: { x: 'nope' } },
        },
      });
      expectProblem(res, 422, 'invalid-custom-fields', [`/resources/${ids[1]}/custom_fields/x`]);
      expect(await snapshot()).toEqual(before);
    });

    it('refuses an empty map and one of 1001 ids (400)', async () => {
      expectProblem(await api.patch('/attendees/batch', { resources: {} }), 400, 'validation', [
        '/resources',
      ]);
      const many = Object.fromEntries(
        Array.from({ length: 1001 }, (_, i) => [
          `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          { first_name: 'X' },
        ]),
      );
      const res = await api.patch('/attendees/batch', { resources: many });
      expectProblem(res, 400, 'validation');
      expect(res.body.errors).toContainEqual(expect.objectContaining({ pointer: '/resources' }));
    });

    it('refuses to give an attendee an email another one keeps (409), changing nothing', async () => {
      const before = await snapshot();
      const res = await api.patch('/attendees/batch', {
        resources: { [ids[0]]: { email: 'B@patch.test' }, [ids[1]]: { first_name: 'Still B' } },
      });
      expectProblem(res, 409, 'email-taken', [`/resources/${ids[0]}/email`]);
      expect(await snapshot()).toEqual(before);
    });

    it('refuses the same new email for two attendees of the batch (409)', async () => {
      const before = await snapshot();
      const res = await api.patch('/attendees/batch', {
        resources: {
          [ids[0]]: { email: 'same@patch.test' },
          [ids[1]]: { email: 'SAME@patch.test' },
        },
      });
      expectProblem(res, 409, 'email-taken', [`/resources/${ids[1]}/email`]);
      expect(await snapshot()).toEqual(before);
    });
  });
});
