import { createEvent, createOccurrence } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  type Attendee,
  createProject,
  expectProblem,
  expectStatus,
  projectApi,
  setTimes,
} from './project-fixture';

describe('seed 003: GET .../attendees', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const firstNames = (body: { data: Attendee[] }) => body.data.map((a) => a.first_name);

  describe('paging', () => {
    let api: ReturnType<typeof projectApi>;
    beforeAll(async () => {
      api = projectApi(t, await createProject(t));
      const resources = Array.from({ length: 30 }, (_, i) => ({
        first_name: `P${String(i).padStart(2, '0')}`,
        last_name: 'Paged',
      }));
      expectStatus(await api.post('/attendees/batch', { resources }), 201);
    });

    it('answers page 1 of 25 by default, with the meta a client pages by', async () => {
      const res = expectStatus(await api.get('/attendees'), 200);
      expect(res.body.data).toHaveLength(25);
      expect(res.body.meta).toEqual({ current_page: 1, per_page: 25, total: 30, last_page: 2 });
    });

    it('gives up to 100 per page', async () => {
      const res = expectStatus(await api.get('/attendees?per_page=100'), 200);
      expect(res.body.data).toHaveLength(30);
      expect(res.body.meta).toEqual({ current_page: 1, per_page: 100, total: 30, last_page: 1 });
    });

    it('counts the total right on a last page that is not full, and on exactly full ones', async () => {
      const last = expectStatus(await api.get('/attendees?page=2&per_page=25'), 200);
      expect(last.body.data).toHaveLength(5);
      expect(last.body.meta).toEqual({ current_page: 2, per_page: 25, total: 30, last_page: 2 });
      const full = expectStatus(await api.get('/attendees?page=3&per_page=10'), 200);
      expect(full.body.data).toHaveLength(10);
      expect(full.body.meta).toEqual({ current_page: 3, per_page: 10, total: 30, last_page: 3 });
    });

    it('refuses more than 100 per page with a 400 pointing at per_page', async () => {
      expectProblem(await api.get('/attendees?per_page=101'), 400, 'validation', ['/per_page']);
    });

    it('refuses page 0 and a page that is not a number', async () => {
      expectProblem(await api.get('/attendees?page=0'), 400, 'validation', ['/page']);
      expectProblem(await api.get('/attendees?page=two'), 400, 'validation', ['/page']);
    });

    it('answers an empty page beyond the end, with the real total and last page', async () => {
      const res = expectStatus(await api.get('/attendees?page=5&per_page=10'), 200);
      expect(res.body.data).toEqual([]);
      expect(res.body.meta).toEqual({ current_page: 5, per_page: 10, total: 30, last_page: 3 });
      expect(res.body.links.next).toBeNull();
      expect(res.body.links.prev).toContain('page=3');
    });

    it('links first, last, prev and next as relative URLs keeping the other parameters', async () => {
      const res = expectStatus(
        await api.get('/attendees?per_page=10&page=2&sort=-first_name&filter[last_name]=Paged'),
        200,
      );
      expect(firstNames(res.body)).toEqual(
        Array.from({ length: 10 }, (_, i) => `P${String(19 - i).padStart(2, '0')}`),
      );
      const { links } = res.body as { links: Record<string, string> };
      const parsed = Object.fromEntries(
        Object.entries(links).map(([name, link]) => {
          expect(link.startsWith(`${api.path}/attendees?`)).toBe(true);
          const { searchParams } = new URL(link, 'http://client.invalid');
          return [name, Object.fromEntries(searchParams)];
        }),
      );
      const rest = { sort: '-first_name', 'filter[last_name]': 'Paged', per_page: '10' };
      expect(parsed).toEqual({
        first: { ...rest, page: '1' },
        last: { ...rest, page: '3' },
        prev: { ...rest, page: '1' },
        next: { ...rest, page: '3' },
      });

      const next = expectStatus(await t.http().get(links.next).set(api.auth), 200);
      expect(firstNames(next.body)).toEqual(
        Array.from({ length: 10 }, (_, i) => `P${String(9 - i).padStart(2, '0')}`),
      );
      expect(next.body.links.next).toBeNull();
    });
  });

  describe('sort', () => {
    let api: ReturnType<typeof projectApi>;
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      // Capacity 2: the third (C) waits, so statuses differ too. Each field orders A, B, C differently.
      api = projectApi(t, await createProject(t, { capacity: 2 }));
      const people = {
        A: { first_name: 'Cleo', last_name: 'Adams', email: 'b@sort.test' },
        B: { first_name: 'Abe', last_name: 'Carter', email: 'c@sort.test' },
        C: { first_name: 'Bea', last_name: 'Baker', email: 'a@sort.test' },
      };
      const times = {
        A: { created_at: '2024-01-01T00:00:00Z', updated_at: '2024-02-02T00:00:00Z' },
        B: { created_at: '2024-01-02T00:00:00Z', updated_at: '2024-02-01T00:00:00Z' },
        C: { created_at: '2024-01-03T00:00:00Z', updated_at: '2024-02-03T00:00:00Z' },
      };
      for (const key of ['A', 'B', 'C'] as const) {
        ids[key] = (await api.attendee(people[key])).id;
        await setTimes(t, ids[key], times[key]);
      }
    });

    const order = async (sort: string) => {
      const res = expectStatus(await api.get(sort ? `/attendees?sort=${sort}` : '/attendees'), 200);
      const byId = Object.fromEntries(Object.entries(ids).map(([key, id]) => [id, key]));
      return (res.body.data as Attendee[]).map((a) => byId[a.id]).join('');
    };

    it.each([
      ['first_name', 'BCA'],
      ['last_name', 'ACB'],
      ['email', 'CAB'],
      ['created_at', 'ABC'],
      ['updated_at', 'BAC'],
    ])('sorts by %s ascending and, with -, descending', async (field, ascending) => {
      expect(await order(field)).toBe(ascending);
      expect(await order(`-${field}`)).toBe([...ascending].reverse().join(''));
    });

    it('sorts by status ascending and descending', async () => {
      const statuses = async (sort: string) =>
        (expectStatus(await api.get(`/attendees?sort=${sort}`), 200).body.data as Attendee[]).map(
          (a) => a.status,
        );
      expect(await statuses('status')).toEqual(['CONFIRMED', 'CONFIRMED', 'WAITING_LIST']);
      expect(await statuses('-status')).toEqual(['WAITING_LIST', 'CONFIRMED', 'CONFIRMED']);
    });

    it('sorts by created_at when no sort is given', async () => {
      expect(await order('')).toBe('ABC');
    });

    it('sorts by several fields, the later ones breaking ties', async () => {
      const tie = projectApi(t, await createProject(t));
      const made: Record<string, string> = {};
      for (const [name, created] of [
        ['Young', '2024-03-01T00:00:00Z'],
        ['Xu', '2024-03-01T00:00:00Z'],
        ['Adams', '2024-02-01T00:00:00Z'],
      ]) {
        made[name] = (await tie.attendee({ first_name: 'Tie', last_name: name })).id;
        await setTimes(t, made[name], { created_at: created });
      }
      const lastNames = async (sort: string) =>
        (expectStatus(await tie.get(`/attendees?sort=${sort}`), 200).body.data as Attendee[]).map(
          (a) => a.last_name,
        );
      expect(await lastNames('-created_at,last_name')).toEqual(['Xu', 'Young', 'Adams']);
      expect(await lastNames('-created_at,-last_name')).toEqual(['Young', 'Xu', 'Adams']);
    });

    it.each(['nope', 'attendee_type_id', 'custom_fields.company', 'last_name,-last_name', '-'])(
      'refuses sort=%s with a 400 pointing at sort',
      async (sort) => {
        expectProblem(await api.get(`/attendees?sort=${sort}`), 400, 'validation', ['/sort']);
      },
    );
  });

  describe('filter', () => {
    let api: ReturnType<typeof projectApi>;
    const ref: Record<string, string> = {};
    beforeAll(async () => {
      // Capacity 2: Cid (third) is on the waiting list.
      api = projectApi(t, await createProject(t, { capacity: 2 }));
      await api.field('company', 'text');
      await api.field('age', 'number');
      await api.field('vip', 'boolean');
      await api.field('size', 'select', { options: ['S', 'M', 'L'] });
      await api.field('topics', 'multiselect', { options: ['ai', 'web', 'db'] });
      ref.T1 = await api.type('Speaker');
      ref.T2 = await api.type('Guest');
      ref.G1 = await api.group('Red');
      ref.G2 = await api.group('Blue');
      const ann = await api.attendee({
        first_name: 'Ann',
        last_name: 'Smith',
        email: 'Ann@Example.com',
        attendee_type_id: ref.T1,
        custom_fields: { company: 'Acme', age: 30, vip: true, size: 'M', topics: ['ai', 'web'] },
      });
      const bob = await api.attendee({
        first_name: 'Bob',
        last_name: 'Jones',
        email: 'bob@example.com',
        attendee_type_id: ref.T2,
        custom_fields: { company: 'Initech', age: 41, vip: false, size: 'L', topics: ['db'] },
      });
      const cid = await api.attendee({ first_name: 'Cid', last_name: 'Smith' });
      await api.join(ref.G1, [ann.id, cid.id]);
      await api.join(ref.G2, [cid.id]);
      await setTimes(t, ann.id, {
        created_at: '2024-05-01T10:00:00Z',
        checked_in_at: '2024-05-02T09:00:00Z',
      });
      await setTimes(t, bob.id, { created_at: '2024-05-02T08:00:00Z' });
      await setTimes(t, cid.id, { created_at: '2024-05-01T23:59:59Z' });
    });

    const matches = async (query: string) => {
      const filled = query.replace(/\b(T1|T2|G1|G2)\b/g, (name) => ref[name]);
      const res = expectStatus(await api.get(`/attendees?${filled}&sort=first_name`), 200);
      return firstNames(res.body);
    };

    it.each([
      ['filter[attendee_type_id]=T1', ['Ann']],
      ['filter[attendee_type_id]=T1,T2', ['Ann', 'Bob']],
      ['filter[attendee_type_id]=null', ['Cid']],
      ['filter[email]=ann@example.com', ['Ann']],
      ['filter[email]=BOB@EXAMPLE.COM', ['Bob']],
      ['filter[email]=null', ['Cid']],
      ['filter[first_name]=Bob', ['Bob']],
      ['filter[last_name]=Smith', ['Ann', 'Cid']],
      ['filter[status]=CONFIRMED', ['Ann', 'Bob']],
      ['filter[status]=WAITING_LIST', ['Cid']],
      ['filter[status]=CONFIRMED,WAITING_LIST', ['Ann', 'Bob', 'Cid']],
      ['filter[group_id]=G1', ['Ann', 'Cid']],
      ['filter[group_id]=G2', ['Cid']],
      ['filter[group_id]=G1,G2', ['Ann', 'Cid']],
      ['filter[group_id]=null', ['Bob']],
      ['filter[created_at]=2024-05-01', ['Ann', 'Cid']],
      ['filter[created_at]=2024-05-02', ['Bob']],
      ['filter[created_at]=2024-05-01T10:00:00Z', ['Ann']],
      ['filter[checked_in_at]=2024-05-02', ['Ann']],
      ['filter[checked_in_at]=null', ['Bob', 'Cid']],
      ['filter[custom_fields.company]=Acme', ['Ann']],
      ['filter[custom_fields.company]=null', ['Cid']],
      ['filter[custom_fields.age]=41', ['Bob']],
      ['filter[custom_fields.age]=30,41', ['Ann', 'Bob']],
      ['filter[custom_fields.vip]=true', ['Ann']],
      ['filter[custom_fields.vip]=false', ['Bob']],
      ['filter[custom_fields.size]=M', ['Ann']],
      ['filter[custom_fields.topics]=web', ['Ann']],
      ['filter[custom_fields.topics]=db', ['Bob']],
      ['filter[last_name]=Smith&filter[status]=WAITING_LIST', ['Cid']],
    ])('%s matches %j', async (query, expected) => {
      expect(await matches(query)).toEqual(expected);
    });

    it('finds who went through the door on a day by filter[checked_in_at]', async () => {
      const door = projectApi(t, await createProject(t));
      const inside = await door.attendee({ first_name: 'Inside' });
      await door.attendee({ first_name: 'Outside' });
      expectStatus(await door.post('/check-ins', { attendee_id: inside.id }), 201);
      const { checked_in_at } = await door.read(inside.id);
      const day = checked_in_at!.slice(0, 10);

      const res = expectStatus(await door.get(`/attendees?filter[checked_in_at]=${day}`), 200);
      expect(firstNames(res.body)).toEqual(['Inside']);
      const nobody = expectStatus(await door.get('/attendees?filter[checked_in_at]=null'), 200);
      expect(firstNames(nobody.body)).toEqual(['Outside']);
    });

    it('matches a string filter exactly, commas and all, rather than as a list', async () => {
      expect(await matches('filter[last_name]=Smith,Jones')).toEqual([]);
    });

    it.each([
      ['filter[nope]=x', '/filter[nope]'],
      ['filter[custom_fields.nope]=x', '/filter[custom_fields.nope]'],
      ['filter[status]=BOGUS', '/filter[status]'],
      ['filter[attendee_type_id]=5', '/filter[attendee_type_id]'],
      ['filter[created_at]=yesterday', '/filter[created_at]'],
      ['filter[custom_fields.age]=old', '/filter[custom_fields.age]'],
      ['filter=abc', '/filter'],
    ])('refuses %s with a 400 pointing at %s', async (query, pointer) => {
      expectProblem(await api.get(`/attendees?${query}`), 400, 'validation', [pointer]);
    });
  });

  describe('include', () => {
    let api: ReturnType<typeof projectApi>;
    let typeId: string;
    let groupId: string;
    beforeAll(async () => {
      api = projectApi(t, await createProject(t));
      typeId = await api.type('VIP');
      groupId = await api.group('Crew');
      const { id } = await api.attendee({ first_name: 'Inc', attendee_type_id: typeId });
      expectStatus(await api.post(`/attendees/${id}/credentials`, { value: 'INC-1' }), 201);
      await api.join(groupId, [id]);
    });

    const only = async (query: string) => {
      const res = expectStatus(await api.get(`/attendees${query}`), 200);
      expect(res.body.data).toHaveLength(1);
      return res.body.data[0] as Attendee;
    };

    it('embeds nothing related unless asked', async () => {
      const attendee = await only('');
      expect(attendee.attendee_type_id).toBe(typeId);
      expect(attendee).not.toHaveProperty('credentials');
      expect(attendee).not.toHaveProperty('groups');
      expect(attendee).not.toHaveProperty('attendee_type');
    });

    it('embeds credentials, attendee_type or groups alone', async () => {
      const withCredentials = await only('?include=credentials');
      expect(withCredentials.credentials?.map((c) => c.value)).toEqual(['INC-1']);
      expect(withCredentials).not.toHaveProperty('groups');
      expect((await only('?include=attendee_type')).attendee_type).toEqual({
        id: typeId,
        name: 'VIP',
      });
      expect((await only('?include=groups')).groups).toEqual([{ id: groupId, name: 'Crew' }]);
    });

    it('embeds several at once', async () => {
      const attendee = await only('?include=credentials,attendee_type,groups');
      expect(attendee.credentials).toHaveLength(1);
      expect(attendee.attendee_type).toEqual({ id: typeId, name: 'VIP' });
      expect(attendee.groups).toEqual([{ id: groupId, name: 'Crew' }]);
    });

    it('refuses an unknown include with a 400 pointing at include', async () => {
      expectProblem(await api.get('/attendees?include=groups,nope'), 400, 'invalid-include', [
        '/include',
      ]);
    });
  });

  describe('whose attendees', () => {
    it('never shows attendees of another project, in another team or the same one', async () => {
      const mine = await createProject(t);
      const api = projectApi(t, mine);
      const elsewhere = projectApi(t, await createProject(t));
      await elsewhere.attendee({ first_name: 'Stranger' });
      const siblingEvent = await createEvent(t, mine.organizationId);
      const sibling = projectApi(t, {
        ...mine,
        path: `/api/v1/projects/${mine.teamSlug}/${siblingEvent.slug}`,
      });
      await sibling.attendee({ first_name: 'Sibling' });
      const own = await api.attendee({ first_name: 'Own' });

      const res = expectStatus(await api.get('/attendees'), 200);
      expect(res.body.data.map((a: Attendee) => a.id)).toEqual([own.id]);
      expect(res.body.meta.total).toBe(1);
    });

    it('never shows registrations deleted through seed 002', async () => {
      const project = await createProject(t);
      const api = projectApi(t, project);
      const occurrence = await createOccurrence(t, project.eventId);
      const register = async (externalUserId: string, firstName: string) =>
        expectStatus(
          await t
            .http()
            .post('/api/v1/event-registrations')
            .set(project.auth)
            .send({ occurrenceId: occurrence.id, externalUserId, fields: { firstName } }),
          201,
        ).body.id as string;
      const kept = await register('ext-kept', 'Kept');
      const gone = await register('ext-gone', 'Gone');
      expect((await api.get('/attendees')).body.meta.total).toBe(2);

      expectStatus(
        await t.http().delete(`/api/v1/event-registrations/${gone}`).set(project.auth),
        200,
      );

      const res = expectStatus(await api.get('/attendees'), 200);
      expect(res.body.data.map((a: Attendee) => a.id)).toEqual([kept]);
      expect(res.body.meta.total).toBe(1);
      expectProblem(await api.get(`/attendees/${gone}`), 404, 'attendee-not-found');
      const search = expectStatus(await api.post('/attendees/search', {}), 200);
      expect(search.body.data.map((a: Attendee) => a.id)).toEqual([kept]);
    });
  });
});
