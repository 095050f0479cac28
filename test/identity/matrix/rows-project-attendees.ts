import { projectLikeE1 } from './fixtures';
import { call, type Cell, ctx, ids, PNF, RO, type Row, UNAUTH as U } from './matrix';

// Columns, in order:
//  anonymous | user | member | owner | organizerA | organizerB | admin | managerE1 | managerE2 | keyA | readKeyA | keyB
//
// Seed 003 projects are for the event's managers only: organizers of its organization, its
// signup managers, the organization's API keys and Admins. Anyone else, the attendee's owner
// included, is told the project does not exist (404 `project-not-found`); read-only keys read and
// search, and get 403 `read-only-key` on any other write.

/** Reads of project P1 (E1). */
export const READ: Cell[] = [U, PNF, PNF, PNF, 200, PNF, 200, 200, PNF, 200, 200, PNF];
/** Writes to a project like E1, answering `ok` to its managers. */
export const write = (ok: number): Cell[] => [U, PNF, PNF, PNF, ok, PNF, ok, ok, PNF, ok, RO, PNF];
/** Reads, through P1, of something that exists in another project: as if it did not exist. */
export const FOREIGN_READ: Cell[] = [U, PNF, PNF, PNF, 404, PNF, 404, 404, PNF, 404, 404, PNF];
/** Writes, through a project like E1, to something of another project. */
export const FOREIGN_WRITE: Cell[] = [U, PNF, PNF, PNF, 404, PNF, 404, 404, PNF, 404, RO, PNF];

const fresh = () => projectLikeE1();

export const PROJECT_ATTENDEE_ROWS: Row[] = [
  {
    operation: 'GET /api/v1/projects/{teamSlug}/{projectSlug}/attendees',
    route: 'P1: the owner’s A1 and R1',
    send: (c) => call(c, 'get', `${ctx.fx.p1}/attendees`),
    expect: READ,
    check: (res) => expect(ids(res).sort()).toEqual([ctx.fx.a1, ctx.fx.r1].sort()),
  },
  {
    operation: 'POST /api/v1/projects/{teamSlug}/{projectSlug}/attendees/search',
    route: 'P1',
    send: (c) =>
      call(c, 'post', `${ctx.fx.p1}/attendees/search`, {
        filters: [{ field: 'last_name', operator: '=', value: 'Smith' }],
      }),
    expect: READ,
    check: (res) => expect(ids(res)).toEqual([ctx.fx.a1]),
  },
  {
    operation: 'POST /api/v1/projects/{teamSlug}/{projectSlug}/attendees',
    route: 'a project like E1',
    arrange: fresh,
    send: (c, { path }) =>
      call(c, 'post', `${path}/attendees`, { first_name: 'John', last_name: 'Doe' }),
    expect: write(201),
  },
  {
    operation: 'POST /api/v1/projects/{teamSlug}/{projectSlug}/attendees/batch',
    route: 'a project like E1',
    arrange: fresh,
    send: (c, { path }) =>
      call(c, 'post', `${path}/attendees/batch`, {
        resources: [{ first_name: 'A', last_name: 'B' }],
      }),
    expect: write(201),
  },
  {
    operation: 'PATCH /api/v1/projects/{teamSlug}/{projectSlug}/attendees/batch',
    route: 'the owner’s attendee, in a project like E1',
    arrange: fresh,
    send: (c, { path, attendeeId }) =>
      call(c, 'patch', `${path}/attendees/batch`, {
        resources: { [attendeeId]: { last_name: 'Jones' } },
      }),
    expect: write(200),
  },
  {
    operation: 'PATCH /api/v1/projects/{teamSlug}/{projectSlug}/attendees/batch',
    route: 'A2 of E2, through a project like E1',
    arrange: fresh,
    send: (c, { path }) =>
      call(c, 'patch', `${path}/attendees/batch`, {
        resources: { [ctx.fx.a2]: { last_name: 'Jones' } },
      }),
    expect: FOREIGN_WRITE,
  },
  {
    operation: 'GET /api/v1/projects/{teamSlug}/{projectSlug}/attendees/{attendeeId}',
    route: 'the owner’s A1 in P1',
    send: (c) => call(c, 'get', `${ctx.fx.p1}/attendees/${ctx.fx.a1}`),
    expect: READ,
    check: (res) => expect(res.body.data.id).toBe(ctx.fx.a1),
  },
  {
    operation: 'GET /api/v1/projects/{teamSlug}/{projectSlug}/attendees/{attendeeId}',
    route: 'A2 of E2, through P1',
    send: (c) => call(c, 'get', `${ctx.fx.p1}/attendees/${ctx.fx.a2}`),
    expect: FOREIGN_READ,
  },
  {
    operation: 'PUT /api/v1/projects/{teamSlug}/{projectSlug}/attendees/{attendeeId}',
    route: 'the owner’s attendee, in a project like E1',
    arrange: fresh,
    send: (c, { path, attendeeId }) =>
      call(c, 'put', `${path}/attendees/${attendeeId}`, { first_name: 'Jane', last_name: 'Doe' }),
    expect: write(200),
  },
  {
    operation: 'PATCH /api/v1/projects/{teamSlug}/{projectSlug}/attendees/{attendeeId}',
    route: 'the owner’s attendee, in a project like E1',
    arrange: fresh,
    send: (c, { path, attendeeId }) =>
      call(c, 'patch', `${path}/attendees/${attendeeId}`, { last_name: 'Jones' }),
    expect: write(200),
  },
  {
    operation: 'PATCH /api/v1/projects/{teamSlug}/{projectSlug}/attendees/{attendeeId}',
    route: 'A2 of E2, through a project like E1',
    arrange: fresh,
    send: (c, { path }) =>
      call(c, 'patch', `${path}/attendees/${ctx.fx.a2}`, { last_name: 'Jones' }),
    expect: FOREIGN_WRITE,
  },
  {
    operation: 'DELETE /api/v1/projects/{teamSlug}/{projectSlug}/attendees/{attendeeId}',
    route: 'the owner’s attendee, in a project like E1',
    arrange: fresh,
    send: (c, { path, attendeeId }) => call(c, 'delete', `${path}/attendees/${attendeeId}`),
    expect: write(204),
  },
  {
    // Both projects are managerE1's: being allowed in both is no reason to mix them up.
    operation: 'DELETE /api/v1/projects/{teamSlug}/{projectSlug}/attendees/{attendeeId}',
    route: 'an attendee of another project like E1',
    arrange: async () => ({ path: (await fresh()).path, attendeeId: (await fresh()).attendeeId }),
    send: (c, { path, attendeeId }) => call(c, 'delete', `${path}/attendees/${attendeeId}`),
    expect: FOREIGN_WRITE,
  },
];
