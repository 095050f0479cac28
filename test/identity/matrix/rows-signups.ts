import type { Response } from 'supertest';
import { all, call, type Caller, type Cell, ctx, ids, type Row, UNAUTH as U } from './matrix';

// Columns, in order:
//  anonymous | user | member | owner | organizerA | organizerB | admin | managerE1 | managerE2 | keyA | readKeyA | keyB
//
// Seed 001 (Planning Center Registrations), GET only. Organization admins (Admin, the organizers
// of the signup's organization and its API keys, read-only ones included) see every signup of
// that organization and all its attendees; a signup manager sees the signups they manage; anyone
// else (plain users, the attendee's owner, managers of other events, other organizations) is told
// it does not exist (404). Signup S1 is E1; its attendee A1 is the owner's.

/** Reads of S1 (E1) and what it holds. */
const S1_READ: Cell[] = [U, 404, 404, 404, 200, 404, 200, 200, 404, 200, 200, 404];

const S = '/registrations/v2/signups';

/** Every signup id the caller's list holds, page by page. */
async function listedSignups(c: Caller): Promise<string[]> {
  const seen: string[] = [];
  for (let offset = 0; offset < 10_000; offset += 100) {
    const res = await call(c, 'get', `${S}?per_page=100&offset=${offset}`);
    expect(res.status).toBe(200);
    seen.push(...ids(res));
    if (ids(res).length < 100) break;
  }
  return seen.sort();
}

async function eventIds(sql: string, param: string): Promise<string[]> {
  const rows: { id: string }[] = await ctx.t.orm.em.fork().getConnection().execute(sql, [param]);
  return rows.map((row) => row.id).sort();
}
const eventsOf = (organizationId: string) =>
  eventIds(
    `select id from events where organization_id = ? and deleted_at is null`,
    organizationId,
  );
const managedBy = (userId: string) =>
  eventIds(
    `select e.id from events e join event_managers m on m.event_id = e.id
      where m.user_id = ? and e.deleted_at is null`,
    userId,
  );

async function checkSignupList(_res: Response, c: Caller) {
  const listed = await listedSignups(c);
  if (c.kind === 'admin') {
    expect(listed).toEqual(expect.arrayContaining([ctx.fx.e1, ctx.fx.e2, ctx.fx.d1, ctx.fx.f1]));
  } else if (c.kind === 'managerE1' || c.kind === 'managerE2') {
    const manager = c.kind === 'managerE1' ? ctx.managerE1 : ctx.managerE2;
    expect(listed).toEqual(await managedBy(manager.id));
    expect(listed).toContain(c.kind === 'managerE1' ? ctx.fx.e1 : ctx.fx.e2);
  } else {
    expect(listed).toEqual(await eventsOf(c.organizationId!));
  }
}

const a1 = (suffix = '') => `${S}/${ctx.fx.e1}/attendees/${ctx.fx.a1}${suffix}`;
const hasData = (res: Response) => expect(res.body.data).toEqual(expect.anything());

const rows: Row[] = [
  {
    operation: 'GET /registrations/v2/signups',
    send: (c) => call(c, 'get', S),
    expect: [U, 404, 404, 404, 200, 200, 200, 200, 200, 200, 200, 200],
    check: checkSignupList,
  },
  {
    operation: 'GET /registrations/v2/signups/{signup_id}',
    route: 'S1 (E1)',
    send: (c) => call(c, 'get', `${S}/${ctx.fx.e1}`),
    expect: S1_READ,
    check: (res) => expect(res.body.data.id).toBe(ctx.fx.e1),
  },
  {
    operation: 'GET /registrations/v2/signups/{signup_id}',
    route: 'E2, managerE2’s',
    send: (c) => call(c, 'get', `${S}/${ctx.fx.e2}`),
    expect: [U, 404, 404, 404, 200, 404, 200, 404, 200, 200, 200, 404],
  },
  {
    operation: 'GET /registrations/v2/signups/{signup_id}',
    route: 'F1 of org B',
    send: (c) => call(c, 'get', `${S}/${ctx.fx.f1}`),
    expect: [U, 404, 404, 404, 404, 200, 200, 404, 404, 404, 404, 200],
  },
  {
    operation: 'GET /registrations/v2/signups/{signup_id}/attendees',
    route: 'S1: the owner’s A1 and R1',
    send: (c) => call(c, 'get', `${S}/${ctx.fx.e1}/attendees`),
    expect: S1_READ,
    check: (res) => expect(ids(res).sort()).toEqual([ctx.fx.a1, ctx.fx.r1].sort()),
  },
  {
    operation: 'GET /registrations/v2/signups/{signup_id}/attendees/{id}',
    route: 'the owner’s A1 of S1',
    send: (c) => call(c, 'get', a1()),
    expect: S1_READ,
    check: (res) => expect(res.body.data.id).toBe(ctx.fx.a1),
  },
  {
    operation: 'GET /registrations/v2/signups/{signup_id}/attendees/{id}',
    route: 'A2 of E2, through S1',
    send: (c) => call(c, 'get', `${S}/${ctx.fx.e1}/attendees/${ctx.fx.a2}`),
    expect: [U, ...all(404).slice(1)],
  },
  {
    operation:
      'GET /registrations/v2/signups/{signup_id}/attendees/{attendee_id}/emergency_contact',
    route: 'the owner’s A1 of S1',
    send: (c) => call(c, 'get', a1('/emergency_contact')),
    expect: S1_READ,
    check: hasData,
  },
  {
    operation: 'GET /registrations/v2/signups/{signup_id}/attendees/{attendee_id}/person',
    route: 'the owner’s A1 of S1',
    send: (c) => call(c, 'get', a1('/person')),
    expect: S1_READ,
    check: hasData,
  },
  {
    operation: 'GET /registrations/v2/signups/{signup_id}/attendees/{attendee_id}/registration',
    route: 'the owner’s A1 of S1',
    send: (c) => call(c, 'get', a1('/registration')),
    expect: S1_READ,
    check: hasData,
  },
  {
    operation: 'GET /registrations/v2/signups/{signup_id}/attendees/{attendee_id}/selection_type',
    route: 'the owner’s A1 of S1',
    send: (c) => call(c, 'get', a1('/selection_type')),
    expect: S1_READ,
    check: hasData,
  },
];

export const SIGNUP_ROWS: Row[] = rows.map((row) => ({ ...row, jsonApi: true }));
