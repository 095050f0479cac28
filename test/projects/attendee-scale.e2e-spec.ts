import { RequestContext } from '@mikro-orm/core';
import { compileFilters, compileSort } from '@turnout/common/filtering/compile-filters';
import type { FilterClause, SortClause } from '@turnout/common/filtering/filter-spec';
import { attendeeFilterSpec } from 'src/modules/attendees/attendee-query';
import { CustomFieldsService } from 'src/modules/events/custom-fields.service';
import { AttendeeDirectory } from 'src/modules/registrations/attendee-directory.service';
import { bearer, createEvent, createOrganization, createUser } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

const onPostgres = Boolean(process.env.DATABASE_URL);
const ATTENDEES = 200_000;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}
const seqScans = (node: PlanNode): string[] => [
  ...(node['Node Type'] === 'Seq Scan' ? [node['Relation Name'] ?? '?'] : []),
  ...(node.Plans ?? []).flatMap(seqScans),
];

/**
 * A project of 200,000 attendees: every allow-listed filter and sort is served by an index, never
 * by reading the whole table. The planner's choice is what is asserted (EXPLAIN of the very query
 * the list runs), not a time. PGlite's planner has no statistics worth the name, hence PostgreSQL.
 * Negative control (by hand): dropping the trigram index on email or the GIN index on fields turns
 * the `like` and `custom_fields` cases into sequential scans, and these tests fail.
 */
(onPostgres ? describe : describe.skip)(
  'a 200,000-attendee project (PostgreSQL only: the planner needs real statistics)',
  () => {
    let t: TestApp;
    let eventId: string;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      t = await startTestApp();
      const organization = await createOrganization(t);
      const event = await createEvent(t, organization.id, { capacity: null });
      eventId = event.id;
      const organizer = await createUser(t, { role: 'ORGANIZER', organizationId: organization.id });
      const base = `/api/v1/projects/${organization.slug}/${event.slug}`;
      const post = async (path: string, body: object) =>
        (await t.http().post(`${base}${path}`).set(bearer(organizer.token)).send(body).expect(201))
          .body.data.id as string;
      ids.type = await post('/attendee-types', { name: 'Speaker' });
      ids.group = await post('/groups', { name: 'Press' });
      await post('/custom-fields', { key: 'company', label: 'Company', type: 'text' });
      ids.sample = await post('/attendees', { first_name: 'Jane', last_name: 'Smith' });

      const connection = t.orm.em.fork().getConnection();
      const [registration] = await connection.execute<Array<{ registration_id: string }>>(
        'select registration_id from attendees where id = ?',
        [ids.sample],
      );
      await connection.execute(
        `insert into attendees (id, registration_id, event_id, first_name, last_name, email, fields,
                                attendee_type_id, group_ids, status, created_at, updated_at)
         select gen_random_uuid(), ?, ?, 'First' || n, 'Last' || n, 'person' || n || '@example.com',
                jsonb_build_object('company', 'Company ' || (n % 500)),
                case when n % 10 = 0 then ?::uuid end,
                case when n % 100 = 0 then array[?::uuid] else '{}' end,
                case when n % 20 = 0 then 'CANCELLED' else 'CONFIRMED' end,
                now() - n * interval '1 second', now() - n * interval '1 second'
           from generate_series(1, ?) as n`,
        [registration.registration_id, eventId, ids.type, ids.group, ATTENDEES],
      );
      await connection.execute('analyze attendees');
    }, 120_000);
    afterAll(() => t?.close());

    // Services outside a request need their own unit of work, as a request would give them.
    const plan = (filters: FilterClause[], sort: SortClause[]) =>
      RequestContext.create(t.orm.em, () => explain(filters, sort));
    const explain = async (filters: FilterClause[], sort: SortClause[]) => {
      const fields = await t.app.get(CustomFieldsService).list(eventId);
      const spec = attendeeFilterSpec(fields);
      const pointer = () => '';
      const qb = t.app.get(AttendeeDirectory).pageQuery(eventId, {
        where: compileFilters(spec, filters, { pointer }),
        orderBy: compileSort(spec, sort, { pointer }),
        limit: 100,
        offset: 0,
      });
      const [row] = await t.orm.em
        .fork()
        .getConnection()
        .execute<Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>>(
          `explain (format json) ${qb.getFormattedQuery()}`,
        );
      return row['QUERY PLAN'][0].Plan;
    };

    const newest: SortClause[] = [{ field: 'created_at', direction: 'desc' }];
    const cases: Array<[string, () => FilterClause[], SortClause[]]> = [
      ['the default list (oldest first)', () => [], [{ field: 'created_at', direction: 'asc' }]],
      [
        'filter[attendee_type_id] newest first',
        () => [{ field: 'attendee_type_id', operator: '=', value: ids.type }],
        newest,
      ],
      [
        'filter[email]',
        () => [{ field: 'email', operator: '=', value: 'Person77@example.com' }],
        [],
      ],
      [
        'email like %@example.com suffix search',
        () => [{ field: 'email', operator: 'like', value: '%son4242@example.com' }],
        [],
      ],
      ['filter[last_name]', () => [{ field: 'last_name', operator: '=', value: 'Last4242' }], []],
      [
        'first_name like',
        () => [{ field: 'first_name', operator: 'like', value: 'First4242%' }],
        [],
      ],
      ['filter[group_id]', () => [{ field: 'group_id', operator: '=', value: ids.group }], []],
      [
        'filter[status]=CANCELLED newest first',
        () => [{ field: 'status', operator: '=', value: 'CANCELLED' }],
        newest,
      ],
      [
        'custom_fields.company =',
        () => [{ field: 'custom_fields.company', operator: '=', value: 'Company 42' }],
        [],
      ],
      ['sort=last_name', () => [], [{ field: 'last_name', direction: 'asc' }]],
      ['sort=-updated_at', () => [], [{ field: 'updated_at', direction: 'desc' }]],
    ];

    it.each(cases)('%s is served by an index', async (_name, filters, sort) => {
      expect(seqScans(await plan(filters(), sort))).toEqual([]);
    });

    it('answers the list over HTTP with the right total', async () => {
      const organizer = await createUser(t, { role: 'ADMIN' });
      const event = await t.orm.em
        .fork()
        .getConnection()
        .execute<Array<{ slug: string; org: string }>>(
          'select e.slug, o.slug as org from events e join organizations o on o.id = e.organization_id where e.id = ?',
          [eventId],
        );
      const response = await t
        .http()
        .get(
          `/api/v1/projects/${event[0].org}/${event[0].slug}/attendees?filter[attendee_type_id]=${ids.type}&sort=-created_at&include=credentials&per_page=100`,
        )
        .set(bearer(organizer.token))
        .expect(200);
      expect(response.body.meta.total).toBe(ATTENDEES / 10);
      expect(response.body.data).toHaveLength(100);
    });
  },
);
