import { appointManager, createCategory, createEvent } from '../../support/factories';
import { eventLikeE1, occurrenceOfEventLikeE1, userOfA } from './fixtures';
import {
  all,
  call,
  ctx,
  FIXTURE_WORD,
  ids,
  orgFor,
  RO,
  ROLE,
  type Row,
  UNAUTH as U,
  unique,
} from './matrix';

// Columns, in order:
//  anonymous | user | member | owner | organizerA | organizerB | admin | managerE1 | managerE2 | keyA | readKeyA | keyB
//
// Events have no owner: the owner column is one more plain USER of org A. A draft is out of reach
// (404) for all but its organization's organizers and keys, its managers and Admins; a published
// event is visible to all, so what a caller may not do to it answers 403.

/** Who sees a draft of org A (nobody manages D1). */
const DRAFT_READERS = [404, 404, 404, 404, 200, 404, 200, 404, 404, 200, 200, 404];
/** Who may change an event like E1 (or its occurrences), which everyone can see. */
const managesE1 = (ok: number) => [U, 403, 403, 403, ok, 403, ok, ok, 403, ok, RO, 403];

export const EVENT_ROWS: Row[] = [
  {
    operation: 'GET /api/events',
    send: (c) => call(c, 'get', `/api/events?q=${FIXTURE_WORD}&perPage=100`),
    expect: all(200),
    check: (res, c) => {
      const { e1, e2, d1, f1 } = ctx.fx;
      const seesDrafts = ['organizerA', 'admin', 'keyA', 'readKeyA'].includes(c.kind);
      const expected = seesDrafts ? [e1, e2, d1, f1] : [e1, e2, f1];
      expect(ids(res).sort()).toEqual(expected.sort());
    },
  },
  {
    operation: 'GET /api/events/{id}',
    route: 'published E1',
    send: (c) => call(c, 'get', `/api/events/${ctx.fx.e1}`),
    expect: all(200),
  },
  {
    operation: 'GET /api/events/{id}',
    route: 'draft D1',
    send: (c) => call(c, 'get', `/api/events/${ctx.fx.d1}`),
    expect: DRAFT_READERS,
  },
  {
    operation: 'POST /api/events',
    send: (c) => call(c, 'post', '/api/events', { title: `New event ${unique()}`, ...orgFor(c) }),
    expect: [U, ROLE, ROLE, ROLE, 201, 201, 201, ROLE, ROLE, 201, RO, 201],
    check: (res, c) => expect(res.body.organizationId).toBe(c.organizationId ?? ctx.fx.orgA),
  },
  {
    operation: 'PATCH /api/events/{id}',
    route: 'published, like E1',
    arrange: eventLikeE1,
    send: (c, { eventId }) => call(c, 'patch', `/api/events/${eventId}`, { title: 'Renamed' }),
    expect: managesE1(200),
  },
  {
    operation: 'PATCH /api/events/{id}',
    route: 'draft of org A',
    arrange: async () => ({
      eventId: (await createEvent(ctx.t, ctx.fx.orgA, { status: 'DRAFT' })).id,
    }),
    send: (c, { eventId }) => call(c, 'patch', `/api/events/${eventId}`, { title: 'Renamed' }),
    expect: [U, 404, 404, 404, 200, 404, 200, 404, 404, 200, RO, 404],
  },
  {
    operation: 'DELETE /api/events/{id}',
    route: 'published, like E1',
    arrange: eventLikeE1,
    send: (c, { eventId }) => call(c, 'delete', `/api/events/${eventId}`),
    expect: managesE1(204),
    check: async (_res, _c, { eventId }) => {
      const after = await call(ctx.callers.admin, 'get', `/api/events/${eventId}`);
      expect(after.status).toBe(404);
    },
  },

  // --- occurrences ----------------------------------------------------------------------------
  {
    operation: 'GET /api/events/{eventId}/occurrences',
    route: 'published E1',
    send: (c) => call(c, 'get', `/api/events/${ctx.fx.e1}/occurrences`),
    expect: all(200),
    check: (res) => expect(ids(res)).toContain(ctx.fx.o1),
  },
  {
    operation: 'GET /api/events/{eventId}/occurrences',
    route: 'draft D1',
    send: (c) => call(c, 'get', `/api/events/${ctx.fx.d1}/occurrences`),
    expect: DRAFT_READERS,
  },
  {
    operation: 'GET /api/events/{eventId}/occurrences/{id}',
    route: 'O1 of E1',
    send: (c) => call(c, 'get', `/api/events/${ctx.fx.e1}/occurrences/${ctx.fx.o1}`),
    expect: all(200),
  },
  {
    operation: 'GET /api/events/{eventId}/occurrences/{id}',
    route: 'O1 of E1, through E2',
    send: (c) => call(c, 'get', `/api/events/${ctx.fx.e2}/occurrences/${ctx.fx.o1}`),
    expect: all(404),
  },
  {
    operation: 'POST /api/events/{eventId}/occurrences',
    arrange: eventLikeE1,
    send: (c, { eventId }) =>
      call(c, 'post', `/api/events/${eventId}/occurrences`, {
        startDate: '2030-02-01T10:00:00Z',
        endDate: '2030-02-01T12:00:00Z',
        capacity: 10,
      }),
    expect: managesE1(201),
  },
  {
    operation: 'PATCH /api/events/{eventId}/occurrences/{id}',
    arrange: occurrenceOfEventLikeE1,
    send: (c, { eventId, occurrenceId }) =>
      call(c, 'patch', `/api/events/${eventId}/occurrences/${occurrenceId}`, { capacity: 20 }),
    expect: managesE1(200),
  },
  {
    operation: 'DELETE /api/events/{eventId}/occurrences/{id}',
    arrange: occurrenceOfEventLikeE1,
    send: (c, { eventId, occurrenceId }) =>
      call(c, 'delete', `/api/events/${eventId}/occurrences/${occurrenceId}`),
    expect: managesE1(204),
  },

  // --- signup managers ------------------------------------------------------------------------
  {
    operation: 'GET /api/events/{id}/managers',
    route: 'E1',
    send: (c) => call(c, 'get', `/api/events/${ctx.fx.e1}/managers`),
    // A read-only key reads what its organization's organizers read.
    expect: [U, 403, 403, 403, 200, 403, 200, 200, 403, 200, 200, 403],
    check: (res) =>
      expect(res.body.map((m: { userId: string }) => m.userId)).toContain(ctx.managerE1.id),
  },
  {
    // Appointing managers is the organization's business, not a manager's.
    operation: 'PUT /api/events/{id}/managers/{userId}',
    arrange: async () => ({ ...(await eventLikeE1()), ...(await userOfA()) }),
    send: (c, { eventId, userId }) => call(c, 'put', `/api/events/${eventId}/managers/${userId}`),
    expect: [U, 403, 403, 403, 204, 403, 204, 403, 403, 204, RO, 403],
  },
  {
    operation: 'DELETE /api/events/{id}/managers/{userId}',
    arrange: async () => {
      const arranged = { ...(await eventLikeE1()), ...(await userOfA()) };
      await appointManager(ctx.t, arranged.eventId, arranged.userId);
      return arranged;
    },
    send: (c, { eventId, userId }) =>
      call(c, 'delete', `/api/events/${eventId}/managers/${userId}`),
    expect: [U, 403, 403, 403, 204, 403, 204, 403, 403, 204, RO, 403],
  },

  // --- categories (public to read) ------------------------------------------------------------
  {
    operation: 'GET /api/categories',
    send: (c) => call(c, 'get', `/api/categories?organizationId=${ctx.fx.orgA}&perPage=100`),
    expect: all(200),
    check: (res) => expect(ids(res)).toContain(ctx.fx.c1),
  },
  {
    operation: 'GET /api/categories/{id}',
    route: 'C1 of org A',
    send: (c) => call(c, 'get', `/api/categories/${ctx.fx.c1}`),
    expect: all(200),
  },
  {
    operation: 'POST /api/categories',
    send: (c) => call(c, 'post', '/api/categories', { name: `Category ${unique()}`, ...orgFor(c) }),
    expect: [U, ROLE, ROLE, ROLE, 201, 201, 201, ROLE, ROLE, 201, RO, 201],
    check: (res, c) => expect(res.body.organizationId).toBe(c.organizationId ?? ctx.fx.orgA),
  },
  {
    operation: 'PATCH /api/categories/{id}',
    route: 'a category of org A',
    arrange: async () => ({ categoryId: (await createCategory(ctx.t, ctx.fx.orgA)).id }),
    send: (c, { categoryId }) =>
      call(c, 'patch', `/api/categories/${categoryId}`, { name: `Renamed ${unique()}` }),
    expect: [U, ROLE, ROLE, ROLE, 200, 403, 200, ROLE, ROLE, 200, RO, 403],
  },
  {
    operation: 'DELETE /api/categories/{id}',
    route: 'a category of org A',
    arrange: async () => ({ categoryId: (await createCategory(ctx.t, ctx.fx.orgA)).id }),
    send: (c, { categoryId }) => call(c, 'delete', `/api/categories/${categoryId}`),
    expect: [U, ROLE, ROLE, ROLE, 204, 403, 204, ROLE, ROLE, 204, RO, 403],
  },
];
