import { startTestApp, type TestApp } from '../support/test-app';
import {
  type Attendee,
  createProject,
  expectProblem,
  expectStatus,
  pointers,
  projectApi,
} from './project-fixture';
import { createSearchProject, EVERYONE, firstNames } from './search-fixture';

/** What the search DSL refuses, how it treats nulls and wildcards, and its sort, paging and include. */
describe('seed 003: POST .../attendees/search, the rules', () => {
  let t: TestApp;
  let project: Awaited<ReturnType<typeof createSearchProject>>;
  const search = (body: object, query = '') => project.search(body, query);
  beforeAll(async () => {
    t = await startTestApp();
    project = await createSearchProject(t);
  });
  afterAll(() => t.close());

  describe('the rules of the DSL', () => {
    const names = async (filters: object[]) =>
      firstNames(expectStatus(await search({ filters }), 200));

    it('counts attendees without a value as "not equal" and "not in" (documented choice)', async () => {
      expect(await names([{ field: 'email', operator: '!=', value: 'x@y.z' }])).toEqual(EVERYONE);
      expect(
        await names([{ field: 'custom_fields.age', operator: 'not in', value: [30, 41, 25] }]),
      ).toEqual(['Dan']);
    });

    it('treats % as the only wildcard: _ matches itself', async () => {
      expect(await names([{ field: 'email', operator: 'like', value: 'an_%' }])).toEqual([]);
      expect(await names([{ field: 'email', operator: 'like', value: 'cat_%' }])).toEqual(['Cat']);
      expect(await names([{ field: 'last_name', operator: 'like', value: 'Sm_th' }])).toEqual([]);
      expect(await names([{ field: 'last_name', operator: 'like', value: 'Sm%th%' }])).toEqual([
        'Ann',
        'Cat',
      ]);
    });

    it('finds an attendee by the timestamp it shows (seconds precision)', async () => {
      const own = projectApi(t, await createProject(t));
      const { created_at: at } = await own.attendee({ first_name: 'Shown' });
      for (const operator of ['=', '<=', '>=']) {
        const filters = [{ field: 'created_at', operator, value: at }];
        const res = expectStatus(await own.post('/attendees/search', { filters }), 200);
        expect({ operator, found: firstNames(res) }).toEqual({ operator, found: ['Shown'] });
      }
      const listed = await own.get(`/attendees?filter[created_at]=${at}`);
      expect(firstNames(expectStatus(listed, 200))).toEqual(['Shown']);
    });

    it('ANDs filters together and matches everyone without any', async () => {
      expect(
        await names([
          { field: 'email', operator: 'like', value: '%@acme.com' },
          { field: 'custom_fields.age', operator: '>', value: 26 },
        ]),
      ).toEqual(['Ann']);
      expect(firstNames(expectStatus(await search({}), 200))).toEqual(EVERYONE);
    });

    it.each([
      [{ field: 'created_at', operator: '=', value: 'yesterday' }, '/filters/1/value'],
      [{ field: 'status', operator: '=', value: 'confirmed' }, '/filters/1/value'],
      [{ field: 'custom_fields.age', operator: '=', value: '30' }, '/filters/1/value'],
      [{ field: 'custom_fields.joined', operator: '<', value: '2023-02-30' }, '/filters/1/value'],
      [{ field: 'email', operator: 'in', value: 'ann@acme.com' }, '/filters/1/value'],
      [{ field: 'email', operator: 'in', value: [] }, '/filters/1/value'],
      [{ field: 'email', operator: 'in', value: ['a@b.c', 5] }, '/filters/1/value'],
      [{ field: 'email', operator: '=', value: 'nul\u0000byte' }, '/filters/1/value'],
      [{ field: 'custom_fields.company', operator: '=', value: 'nul\u0000' }, '/filters/1/value'],
      [{ field: 'email', operator: '=', value: 'x'.repeat(501) }, '/filters/1/value'],
      [{ field: 'email', operator: '=', value: { $ne: null } }, '/filters/1/value'],
      [{ field: 5, operator: '=', value: 'x' }, '/filters/1/field'],
      [{ field: 'email', operator: '=' }, '/filters/1/value'],
      [{ field: 'email', operator: 'is null', value: 'x' }, '/filters/1/value'],
      [{ field: 'email', operator: 'contains', value: 'x' }, '/filters/1/operator'],
      [{ field: 'created_at', operator: 'like', value: '2024%' }, '/filters/1/operator'],
      [{ field: 'nope', operator: '=', value: 'x' }, '/filters/1/field'],
      [{ field: 'custom_fields.nope', operator: '=', value: 'x' }, '/filters/1/field'],
      [{ field: 'custom_fields.', operator: '=', value: 'x' }, '/filters/1/field'],
    ])('refuses %j with a 400 pointing at %s', async (bad, pointer) => {
      const filters = [{ field: 'first_name', operator: '=', value: 'Ann' }, bad];
      expectProblem(await search({ filters }), 400, 'validation', [pointer]);
    });

    it('points at every bad clause at once', async () => {
      const filters = [
        { field: 'nope', operator: '=', value: 'x' },
        { field: 'email', operator: '=', value: 'ann@acme.com' },
        { field: 'status', operator: '<', value: 'CONFIRMED' },
      ];
      expectProblem(await search({ filters }), 400, 'validation', [
        '/filters/0/field',
        '/filters/2/operator',
      ]);
    });

    it('takes 20 filters and refuses 21', async () => {
      const filter = { field: 'email', operator: 'is not null' };
      expectStatus(await search({ filters: Array(20).fill(filter) }), 200);
      const res = await search({ filters: Array(21).fill(filter) });
      expectProblem(res, 400, 'validation');
      expect(pointers(res).every((p) => p.startsWith('/filters'))).toBe(true);
    });

    it('keeps SQL in values, field names and custom field keys inert', async () => {
      const attacks: Array<[filter: object, status: 200 | 400]> = [
        [{ field: 'email', operator: '=', value: "x' or 1=1 --" }, 200],
        [{ field: 'email', operator: 'like', value: "%' or '1'='1" }, 200],
        [{ field: 'custom_fields.company', operator: '=', value: "x' or 1=1 --" }, 200],
        [
          {
            field: 'custom_fields.company',
            operator: '>',
            value: "zzz'); drop table attendees; --",
          },
          200,
        ],
        [{ field: 'custom_fields.topics', operator: 'in', value: ['"}', "'] or 1=1 --"] }, 200],
        [{ field: 'email; drop table attendees; --', operator: '=', value: 'x' }, 400],
        [{ field: "custom_fields.company' or 1=1 --", operator: 'is not null' }, 400],
        [{ field: "custom_fields.x') or true --", operator: '=', value: 'x' }, 400],
        [{ field: 'status', operator: "= 'CONFIRMED' or 1=1 --", value: 'x' }, 400],
      ];
      for (const [filter, status] of attacks) {
        const res = await search({ filters: [filter] });
        expect({ filter, status: res.status }).toEqual({ filter, status });
        if (status === 200) expect({ filter, data: res.body.data }).toEqual({ filter, data: [] });
      }
      const sort = await search({
        sort: [{ field: 'last_name; drop table attendees', direction: 'asc' }],
      });
      expectProblem(sort, 400, 'validation', ['/sort/0/field']);
      expect(await project.api.total()).toBe(4);
    });
  });

  describe('sort, paging and include', () => {
    const order = async (sort: object[]) =>
      (expectStatus(await search({ sort }), 200).body.data as Attendee[]).map((a) => a.first_name);

    it('sorts by the given fields in turn', async () => {
      expect(await order([{ field: 'last_name', direction: 'desc' }])).toEqual([
        'Cat',
        'Ann',
        'Bob',
        'Dan',
      ]);
      expect(
        await order([
          { field: 'status', direction: 'desc' },
          { field: 'first_name', direction: 'desc' },
        ]),
      ).toEqual(['Dan', 'Cat', 'Bob', 'Ann']);
      expect(await order([{ field: 'email' }])).toEqual(['Ann', 'Bob', 'Cat', 'Dan']);
    });

    it('refuses an unsortable field or a bad direction, pointing at it', async () => {
      expectProblem(
        await search({ sort: [{ field: 'group_id', direction: 'asc' }] }),
        400,
        'validation',
        ['/sort/0/field'],
      );
      expectProblem(
        await search({ sort: [{ field: 'email', direction: 'up' }] }),
        400,
        'validation',
        ['/sort/0/direction'],
      );
    });

    it('pages and includes through query parameters, answered like the list', async () => {
      const res = expectStatus(
        await search(
          { sort: [{ field: 'first_name', direction: 'asc' }] },
          '?per_page=2&page=2&include=attendee_type,groups',
        ),
        200,
      );
      expect(res.body.data.map((a: Attendee) => a.first_name)).toEqual(['Cat', 'Dan']);
      expect(res.body.data[0]).toMatchObject({ attendee_type: null, groups: [] });
      expect(res.body.meta).toEqual({ current_page: 2, per_page: 2, total: 4, last_page: 2 });
      expect(res.body.links).toMatchObject({ next: null, prev: expect.stringContaining('page=1') });

      const first = expectStatus(await search({}, '?per_page=1&include=attendee_type,groups'), 200);
      expect(first.body.data[0]).toMatchObject({
        first_name: 'Ann',
        attendee_type: { id: project.ref.T1, name: 'Speaker' },
        groups: [{ id: project.ref.G1, name: 'Red' }],
      });
    });

    it('refuses an unknown include and a per_page above 100', async () => {
      expectProblem(await search({}, '?include=nope'), 400, 'invalid-include', ['/include']);
      expectProblem(await search({}, '?per_page=101'), 400, 'validation', ['/per_page']);
    });
  });
});
