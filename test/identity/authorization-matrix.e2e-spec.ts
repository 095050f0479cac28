import { randomUUID } from 'node:crypto';
import type { Response, Test } from 'supertest';
import { Membership } from 'src/modules/auth/membership.entity';
import { User } from 'src/modules/auth/user.entity';
import {
  appointManager,
  bearer,
  createCategory,
  createEvent,
  createOccurrence,
  createOrganization,
  createUser,
  type TestUser,
} from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The documented authorization rules as one matrix: every route of the auth and events modules,
 * called by every kind of caller, answers exactly the status the rules give. The expectations are
 * derived from the product rules, not from the implementation.
 */

// ---------------------------------------------------------------------------------------------
// Callers

const CALLERS = [
  'anonymous',
  'user',
  'member',
  'organizerA',
  'organizerB',
  'admin',
  'managerE1',
  'managerE2',
  'keyA',
  'readKeyA',
  'keyB',
] as const;
type CallerKind = (typeof CALLERS)[number];
const API_KEYS: CallerKind[] = ['keyA', 'readKeyA', 'keyB'];

const DESCRIPTIONS: Record<CallerKind, string> = {
  anonymous: 'no credentials',
  user: 'USER without organization',
  member: 'USER of org A',
  organizerA: 'organizer of org A',
  organizerB: 'organizer of another org',
  admin: 'ADMIN',
  managerE1: 'signup manager of E1',
  managerE2: 'signup manager of another event',
  keyA: 'organizer API key of org A',
  readKeyA: 'read-only API key of org A',
  keyB: 'organizer API key of another org',
};

interface Caller {
  kind: CallerKind;
  headers: Record<string, string>;
  /** The organization the caller acts in; null for the user without one and for the Admin. */
  organizationId: string | null;
}

// ---------------------------------------------------------------------------------------------
// Expectations

interface Expected {
  status: number;
  /** The problem `type` code, when the rules name one. */
  type?: string;
}
type Cell = number | Expected;

/** 403 `insufficient-role`: a `@Auth({ roles })` route called by an authenticated caller without the role. */
const ROLE: Expected = { status: 403, type: 'insufficient-role' };
const toExpected = (cell: Cell): Expected => (typeof cell === 'number' ? { status: cell } : cell);
const all = (cell: Cell): Cell[] => CALLERS.map(() => cell);

const PROBLEM = 'https://turnout.dev/problems/';

type Ids = Record<string, string>;

interface Row {
  /** Method, path and, when useful, which resource: `PATCH /api/events/:id (draft)`. */
  route: string;
  /** Fresh data for this one case (run inside the test, so cases don't depend on each other). */
  arrange?: () => Promise<Ids>;
  send: (c: Caller, ids: Ids) => Test;
  /** One cell per caller, in the order of CALLERS. */
  expect: Cell[];
  /** More assertions, on a successful answer only. */
  check?: (res: Response, c: Caller, ids: Ids) => void | Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// The app, fixtures and helpers

let t: TestApp;
let callers: Record<CallerKind, Caller>;
let admin: TestUser;
let managerE1: TestUser;
let member: TestUser;
const fx = {} as {
  orgA: string;
  orgB: string;
  e1: string;
  e2: string;
  d1: string;
  f1: string;
  o1: string;
  c1: string;
  keyAId: string;
  keyBId: string;
  orgASlug: string;
  e1Slug: string;
};

const unique = () => randomUUID().slice(0, 8);
/** A word only the fixture events carry, so the list check ignores the scratch events of other cases. */
const FIXTURE_WORD = 'matrixfixture';
const PASSWORD = 'correct horse battery staple';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
function call(c: Caller, method: Method, path: string, body?: object): Test {
  const req = t.http()[method](path).set(c.headers);
  return body === undefined ? req : req.send(body);
}

async function createKey(
  by: TestUser,
  role: 'ORGANIZER' | 'READ_ONLY',
  organizationId?: string,
  extra: object = {},
) {
  const res = await t
    .http()
    .post('/api/api-keys')
    .set(bearer(by.token))
    .send({ name: `key ${unique()}`, role, organizationId, ...extra });
  expect(res.status).toBe(201);
  return res.body as { id: string; key: string; organizationId: string };
}

const keyCaller = (kind: CallerKind, key: string, organizationId: string): Caller => ({
  kind,
  headers: { 'x-api-key': key },
  organizationId,
});
const userCaller = (kind: CallerKind, u: TestUser): Caller => ({
  kind,
  headers: bearer(u.token),
  organizationId: u.role === 'ADMIN' ? null : u.organizationId,
});

/** A published event of org A managed by managerE1: a fresh stand-in for E1 when the case mutates. */
async function eventLikeE1(): Promise<Ids> {
  const event = await createEvent(t, fx.orgA, { status: 'PUBLISHED' });
  await appointManager(t, event.id, managerE1.id);
  return { eventId: event.id };
}

async function occurrenceOfEventLikeE1(): Promise<Ids> {
  const { eventId } = await eventLikeE1();
  const occurrence = await createOccurrence(t, eventId, { capacity: 10 });
  return { eventId, occurrenceId: occurrence.id };
}

async function registrationOfEventLikeE1(): Promise<Ids> {
  const { eventId, occurrenceId } = await occurrenceOfEventLikeE1();
  const res = await t
    .http()
    .post('/api/v1/event-registrations')
    .set(bearer(admin.token))
    .send({ occurrenceId, externalUserId: `ext-${unique()}` })
    .expect(201);
  return { eventId, occurrenceId, registrationId: res.body.id as string };
}

async function attendanceOfEventLikeE1(): Promise<Ids> {
  const { eventId } = await eventLikeE1();
  const { userId } = await userOfA();
  const res = await t
    .http()
    .post('/api/attendances')
    .set(bearer(admin.token))
    .send({ userId, eventId, state: 'CONFIRMADO' })
    .expect(201);
  return { eventId, userId, attendanceId: res.body.id as string };
}

/** A project (GxP) like E1, with one attendee: `path` is its `/api/v1/projects/{team}/{project}`. */
async function projectLikeE1(): Promise<Ids> {
  const slug = `project-${unique()}`;
  const event = await createEvent(t, fx.orgA, { status: 'PUBLISHED', slug });
  await appointManager(t, event.id, managerE1.id);
  const path = `/api/v1/projects/${fx.orgASlug}/${slug}`;
  const res = await t
    .http()
    .post(`${path}/attendees`)
    .set(bearer(admin.token))
    .send({ first_name: 'Jane', last_name: 'Smith' })
    .expect(201);
  return { eventId: event.id, path, attendeeId: res.body.data.id as string };
}

const userOfA = async (): Promise<Ids> => ({
  userId: (await createUser(t, { organizationId: fx.orgA })).id,
});

async function membershipOfUserOfA(): Promise<Ids> {
  const { userId } = await userOfA();
  const em = t.orm.em.fork();
  const membership = em.create(Membership, {
    user: em.getReference(User, userId),
    name: 'Silver',
    startsAt: new Date('2026-01-01T00:00:00Z'),
    endsAt: null,
  });
  await em.flush();
  return { userId, membershipId: membership.id };
}

/** Admin- and organizer-created things carry the organization in the body only for the Admin. */
const orgFor = (c: Caller) => (c.kind === 'admin' ? { organizationId: fx.orgA } : {});
const ids = (res: Response): string[] => {
  const body = res.body as { data?: { id: string }[] } | { id: string }[];
  return (Array.isArray(body) ? body : (body.data ?? [])).map((item) => item.id);
};

// ---------------------------------------------------------------------------------------------
// The matrix
//
// Columns, in order:
//  anonymous | user | member | organizerA | organizerB | admin | managerE1 | managerE2 | keyA | readKeyA | keyB

const MATRIX: Row[] = [
  // --- auth -----------------------------------------------------------------------------------
  {
    route: 'POST /api/auth/register',
    send: (c) =>
      call(c, 'post', '/api/auth/register', {
        email: `new-${unique()}@example.com`,
        password: PASSWORD,
      }),
    expect: all(201),
  },
  {
    route: 'POST /api/auth/login',
    arrange: async () => ({ email: (await createUser(t, { password: PASSWORD })).email }),
    send: (c, { email }) => call(c, 'post', '/api/auth/login', { email, password: PASSWORD }),
    expect: all(200),
    check: (res) => expect(res.body.tokenType).toBe('Bearer'),
  },
  {
    route: 'GET /api/auth/me',
    send: (c) => call(c, 'get', '/api/auth/me'),
    expect: [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    check: (res, c) => {
      expect(res.body.via).toBe(API_KEYS.includes(c.kind) ? 'api-key' : 'jwt');
      expect(res.body.readOnly).toBe(c.kind === 'readKeyA');
    },
  },

  // --- users (the target is `member`, a USER of org A) -----------------------------------------
  {
    route: 'GET /api/users',
    send: (c) => call(c, 'get', '/api/users'),
    expect: [401, ROLE, ROLE, ROLE, ROLE, 200, ROLE, ROLE, ROLE, ROLE, ROLE],
  },
  {
    route: 'GET /api/users/:id',
    send: (c) => call(c, 'get', `/api/users/${member.id}`),
    expect: [401, 404, 200, 200, 404, 200, 404, 404, 200, 200, 404],
    check: (res) => expect(res.body.id).toBe(member.id),
  },
  {
    // The target must be `member` itself for the self case; only its name changes, which no case reads.
    route: 'PATCH /api/users/:id',
    send: (c) => call(c, 'patch', `/api/users/${member.id}`, { name: `Member ${unique()}` }),
    expect: [401, 404, 200, 403, 404, 200, 404, 404, 403, 403, 404],
  },

  // --- memberships (target: a USER of org A) --------------------------------------------------
  {
    route: 'GET /api/users/:userId/memberships',
    send: (c) => call(c, 'get', `/api/users/${member.id}/memberships`),
    expect: [401, 404, 200, 200, 404, 200, 404, 404, 200, 200, 404],
  },
  {
    route: 'POST /api/users/:userId/memberships',
    arrange: userOfA,
    send: (c, { userId }) =>
      call(c, 'post', `/api/users/${userId}/memberships`, {
        name: 'Gold',
        startsAt: '2026-01-01T00:00:00Z',
      }),
    expect: [401, ROLE, ROLE, 201, 404, 201, ROLE, ROLE, 201, 403, 404],
  },
  {
    route: 'PATCH /api/users/:userId/memberships/:membershipId',
    arrange: membershipOfUserOfA,
    send: (c, { userId, membershipId }) =>
      call(c, 'patch', `/api/users/${userId}/memberships/${membershipId}`, { name: 'Platinum' }),
    expect: [401, ROLE, ROLE, 200, 404, 200, ROLE, ROLE, 200, 403, 404],
  },
  {
    route: 'DELETE /api/users/:userId/memberships/:membershipId',
    arrange: membershipOfUserOfA,
    send: (c, { userId, membershipId }) =>
      call(c, 'delete', `/api/users/${userId}/memberships/${membershipId}`),
    expect: [401, ROLE, ROLE, 204, 404, 204, ROLE, ROLE, 204, 403, 404],
  },

  // --- organizations --------------------------------------------------------------------------
  {
    route: 'POST /api/organizations',
    send: (c) =>
      call(c, 'post', '/api/organizations', { slug: `org-${unique()}`, name: 'New organization' }),
    expect: [401, ROLE, ROLE, ROLE, ROLE, 201, ROLE, ROLE, ROLE, 403, ROLE],
  },
  {
    route: 'GET /api/organizations',
    send: (c) => call(c, 'get', '/api/organizations?perPage=100'),
    expect: [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    check: (res, c) => {
      if (c.kind === 'admin') expect(ids(res)).toEqual(expect.arrayContaining([fx.orgA, fx.orgB]));
      else expect(ids(res)).toEqual(c.organizationId ? [c.organizationId] : []);
    },
  },
  {
    route: 'GET /api/organizations/:id',
    send: (c) => call(c, 'get', `/api/organizations/${fx.orgA}`),
    expect: [401, 404, 200, 200, 404, 200, 200, 200, 200, 200, 404],
  },
  {
    // Org A's own name again: Admin-only, and nothing another case reads changes.
    route: 'PATCH /api/organizations/:id',
    send: (c) => call(c, 'patch', `/api/organizations/${fx.orgA}`, { name: 'Organization A' }),
    expect: [401, ROLE, ROLE, ROLE, ROLE, 200, ROLE, ROLE, ROLE, 403, ROLE],
  },

  // --- api keys (JWT only) --------------------------------------------------------------------
  {
    route: 'POST /api/api-keys',
    send: (c) =>
      call(c, 'post', '/api/api-keys', {
        name: `key ${unique()}`,
        role: 'READ_ONLY',
        ...orgFor(c),
      }),
    expect: [401, ROLE, ROLE, 201, 201, 201, ROLE, ROLE, 403, 403, 403],
    check: (res, c) => {
      expect(res.body.key).toMatch(/^tk_/);
      expect(res.body.organizationId).toBe(c.organizationId ?? fx.orgA);
    },
  },
  {
    route: 'GET /api/api-keys',
    send: (c) => call(c, 'get', '/api/api-keys'),
    expect: [401, ROLE, ROLE, 200, 200, 200, ROLE, ROLE, 403, 403, 403],
    check: (res, c) => {
      if (c.kind === 'admin')
        expect(ids(res)).toEqual(expect.arrayContaining([fx.keyAId, fx.keyBId]));
      else for (const key of res.body) expect(key.organizationId).toBe(c.organizationId);
    },
  },
  {
    route: 'DELETE /api/api-keys/:id',
    arrange: async () => ({ keyId: (await createKey(admin, 'READ_ONLY', fx.orgA)).id }),
    send: (c, { keyId }) => call(c, 'delete', `/api/api-keys/${keyId}`),
    expect: [401, ROLE, ROLE, 204, 404, 204, ROLE, ROLE, 403, 403, 403],
  },

  // --- events ---------------------------------------------------------------------------------
  {
    route: 'GET /api/events',
    send: (c) => call(c, 'get', `/api/events?q=${FIXTURE_WORD}&perPage=100`),
    expect: all(200),
    check: (res, c) => {
      const seesDrafts = ['organizerA', 'admin', 'keyA', 'readKeyA'].includes(c.kind);
      const expected = seesDrafts ? [fx.e1, fx.e2, fx.d1, fx.f1] : [fx.e1, fx.e2, fx.f1];
      expect(ids(res).sort()).toEqual(expected.sort());
    },
  },
  {
    route: 'GET /api/events/:id (published E1)',
    send: (c) => call(c, 'get', `/api/events/${fx.e1}`),
    expect: all(200),
  },
  {
    route: 'GET /api/events/:id (draft D1)',
    send: (c) => call(c, 'get', `/api/events/${fx.d1}`),
    expect: [404, 404, 404, 200, 404, 200, 404, 404, 200, 200, 404],
  },
  {
    route: 'POST /api/events',
    send: (c) => call(c, 'post', '/api/events', { title: `New event ${unique()}`, ...orgFor(c) }),
    expect: [401, ROLE, ROLE, 201, 201, 201, ROLE, ROLE, 201, 403, 201],
    check: (res, c) => expect(res.body.organizationId).toBe(c.organizationId ?? fx.orgA),
  },
  {
    route: 'PATCH /api/events/:id (published, like E1)',
    arrange: eventLikeE1,
    send: (c, { eventId }) => call(c, 'patch', `/api/events/${eventId}`, { title: 'Renamed' }),
    expect: [401, 403, 403, 200, 403, 200, 200, 403, 200, 403, 403],
  },
  {
    route: 'PATCH /api/events/:id (draft of org A)',
    arrange: async () => ({ eventId: (await createEvent(t, fx.orgA, { status: 'DRAFT' })).id }),
    send: (c, { eventId }) => call(c, 'patch', `/api/events/${eventId}`, { title: 'Renamed' }),
    expect: [401, 404, 404, 200, 404, 200, 404, 404, 200, 403, 404],
  },
  {
    route: 'DELETE /api/events/:id (published, like E1)',
    arrange: eventLikeE1,
    send: (c, { eventId }) => call(c, 'delete', `/api/events/${eventId}`),
    expect: [401, 403, 403, 204, 403, 204, 204, 403, 204, 403, 403],
    check: async (_res, _c, { eventId }) => {
      const after = await call(callers.admin, 'get', `/api/events/${eventId}`);
      expect(after.status).toBe(404);
    },
  },

  // --- occurrences ----------------------------------------------------------------------------
  {
    route: 'GET /api/events/:eventId/occurrences (published E1)',
    send: (c) => call(c, 'get', `/api/events/${fx.e1}/occurrences`),
    expect: all(200),
    check: (res) => expect(ids(res)).toContain(fx.o1),
  },
  {
    route: 'GET /api/events/:eventId/occurrences (draft D1)',
    send: (c) => call(c, 'get', `/api/events/${fx.d1}/occurrences`),
    expect: [404, 404, 404, 200, 404, 200, 404, 404, 200, 200, 404],
  },
  {
    route: 'GET /api/events/:eventId/occurrences/:id (O1 of E1)',
    send: (c) => call(c, 'get', `/api/events/${fx.e1}/occurrences/${fx.o1}`),
    expect: all(200),
  },
  {
    route: 'POST /api/events/:eventId/occurrences',
    arrange: eventLikeE1,
    send: (c, { eventId }) =>
      call(c, 'post', `/api/events/${eventId}/occurrences`, {
        startDate: '2030-02-01T10:00:00Z',
        endDate: '2030-02-01T12:00:00Z',
        capacity: 10,
      }),
    expect: [401, 403, 403, 201, 403, 201, 201, 403, 201, 403, 403],
  },
  {
    route: 'PATCH /api/events/:eventId/occurrences/:id',
    arrange: occurrenceOfEventLikeE1,
    send: (c, { eventId, occurrenceId }) =>
      call(c, 'patch', `/api/events/${eventId}/occurrences/${occurrenceId}`, { capacity: 20 }),
    expect: [401, 403, 403, 200, 403, 200, 200, 403, 200, 403, 403],
  },
  {
    route: 'DELETE /api/events/:eventId/occurrences/:id',
    arrange: occurrenceOfEventLikeE1,
    send: (c, { eventId, occurrenceId }) =>
      call(c, 'delete', `/api/events/${eventId}/occurrences/${occurrenceId}`),
    expect: [401, 403, 403, 204, 403, 204, 204, 403, 204, 403, 403],
  },

  // --- signup managers ------------------------------------------------------------------------
  {
    route: 'GET /api/events/:id/managers (E1)',
    send: (c) => call(c, 'get', `/api/events/${fx.e1}/managers`),
    // A read-only key reads what its organization's organizers read.
    expect: [401, 403, 403, 200, 403, 200, 200, 403, 200, 200, 403],
    check: (res) =>
      expect(res.body.map((m: { userId: string }) => m.userId)).toContain(managerE1.id),
  },
  {
    route: 'PUT /api/events/:id/managers/:userId',
    arrange: async () => ({ ...(await eventLikeE1()), ...(await userOfA()) }),
    send: (c, { eventId, userId }) => call(c, 'put', `/api/events/${eventId}/managers/${userId}`),
    expect: [401, 403, 403, 204, 403, 204, 403, 403, 204, 403, 403],
  },
  {
    route: 'DELETE /api/events/:id/managers/:userId',
    arrange: async () => {
      const arranged = { ...(await eventLikeE1()), ...(await userOfA()) };
      await appointManager(t, arranged.eventId, arranged.userId);
      return arranged;
    },
    send: (c, { eventId, userId }) =>
      call(c, 'delete', `/api/events/${eventId}/managers/${userId}`),
    expect: [401, 403, 403, 204, 403, 204, 403, 403, 204, 403, 403],
  },

  // --- seed 002 event registrations ------------------------------------------------------------
  // Registering needs `manage` on the event; a published event's registrations stay out of reach
  // (404) for whoever cannot inspect the event, even though the event itself is public.
  {
    route: 'POST /api/v1/event-registrations (occurrence of an event like E1)',
    arrange: occurrenceOfEventLikeE1,
    send: (c, { occurrenceId }) =>
      call(c, 'post', '/api/v1/event-registrations', {
        occurrenceId,
        externalUserId: `ext-${unique()}`,
      }),
    expect: [401, 403, 403, 201, 403, 201, 201, 403, 201, 403, 403],
  },
  {
    route: 'GET /api/v1/event-registrations',
    arrange: registrationOfEventLikeE1,
    send: (c, { eventId }) => call(c, 'get', `/api/v1/event-registrations?eventId=${eventId}`),
    expect: [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    check: (res, c, { registrationId }) => {
      const sees = ['organizerA', 'admin', 'managerE1', 'keyA', 'readKeyA'].includes(c.kind);
      expect(ids(res)).toEqual(sees ? [registrationId] : []);
    },
  },
  {
    route: 'GET /api/v1/event-registrations/:id',
    arrange: registrationOfEventLikeE1,
    send: (c, { registrationId }) =>
      call(c, 'get', `/api/v1/event-registrations/${registrationId}`),
    expect: [401, 404, 404, 200, 404, 200, 200, 404, 200, 200, 404],
  },
  {
    route: 'PUT /api/v1/event-registrations/:id',
    arrange: registrationOfEventLikeE1,
    send: (c, { registrationId }) =>
      call(c, 'put', `/api/v1/event-registrations/${registrationId}`, { fields: { note: 'x' } }),
    expect: [401, 404, 404, 200, 404, 200, 200, 404, 200, 403, 404],
  },
  {
    route: 'DELETE /api/v1/event-registrations/:id',
    arrange: registrationOfEventLikeE1,
    send: (c, { registrationId }) =>
      call(c, 'delete', `/api/v1/event-registrations/${registrationId}`),
    expect: [401, 404, 404, 200, 404, 200, 200, 404, 200, 403, 404],
  },

  // --- seed 003 projects ----------------------------------------------------------------------
  // Projects are for the event's managers only: whoever cannot inspect the event gets 404, even
  // though the event itself is published. Read-only keys read (and search), never write.
  {
    route: 'GET /api/v1/projects/:team/:project/attendees',
    arrange: projectLikeE1,
    send: (c, { path }) => call(c, 'get', `${path}/attendees`),
    expect: [401, 404, 404, 200, 404, 200, 200, 404, 200, 200, 404],
    check: (res, c, { attendeeId }) => expect(ids(res)).toEqual([attendeeId]),
  },
  {
    route: 'POST /api/v1/projects/:team/:project/attendees/search',
    arrange: projectLikeE1,
    send: (c, { path }) =>
      call(c, 'post', `${path}/attendees/search`, {
        filters: [{ field: 'last_name', operator: '=', value: 'Smith' }],
      }),
    expect: [401, 404, 404, 200, 404, 200, 200, 404, 200, 200, 404],
    check: (res, c, { attendeeId }) => expect(ids(res)).toEqual([attendeeId]),
  },
  {
    route: 'POST /api/v1/projects/:team/:project/attendees',
    arrange: projectLikeE1,
    send: (c, { path }) =>
      call(c, 'post', `${path}/attendees`, { first_name: 'John', last_name: 'Doe' }),
    expect: [401, 404, 404, 201, 404, 201, 201, 404, 201, 403, 404],
  },
  {
    route: 'GET /api/v1/projects/:team/:project/attendees/:id',
    arrange: projectLikeE1,
    send: (c, { path, attendeeId }) => call(c, 'get', `${path}/attendees/${attendeeId}`),
    expect: [401, 404, 404, 200, 404, 200, 200, 404, 200, 200, 404],
  },
  {
    route: 'PATCH /api/v1/projects/:team/:project/attendees/:id',
    arrange: projectLikeE1,
    send: (c, { path, attendeeId }) =>
      call(c, 'patch', `${path}/attendees/${attendeeId}`, { last_name: 'Jones' }),
    expect: [401, 404, 404, 200, 404, 200, 200, 404, 200, 403, 404],
  },
  {
    route: 'DELETE /api/v1/projects/:team/:project/attendees/:id',
    arrange: projectLikeE1,
    send: (c, { path, attendeeId }) => call(c, 'delete', `${path}/attendees/${attendeeId}`),
    expect: [401, 404, 404, 204, 404, 204, 204, 404, 204, 403, 404],
  },
  {
    route: 'POST /api/v1/projects/:team/:project/attendees/batch',
    arrange: projectLikeE1,
    send: (c, { path }) =>
      call(c, 'post', `${path}/attendees/batch`, {
        resources: [{ first_name: 'A', last_name: 'B' }],
      }),
    expect: [401, 404, 404, 201, 404, 201, 201, 404, 201, 403, 404],
  },
  {
    route: 'GET /api/v1/projects/:team/:project/attendee-types',
    arrange: projectLikeE1,
    send: (c, { path }) => call(c, 'get', `${path}/attendee-types`),
    expect: [401, 404, 404, 200, 404, 200, 200, 404, 200, 200, 404],
  },
  {
    route: 'POST /api/v1/projects/:team/:project/custom-fields',
    arrange: projectLikeE1,
    send: (c, { path }) =>
      call(c, 'post', `${path}/custom-fields`, { key: 'company', label: 'Company', type: 'text' }),
    expect: [401, 404, 404, 201, 404, 201, 201, 404, 201, 403, 404],
  },
  {
    route: 'POST /api/v1/projects/:team/:project/groups',
    arrange: projectLikeE1,
    send: (c, { path }) => call(c, 'post', `${path}/groups`, { name: 'Press' }),
    expect: [401, 404, 404, 201, 404, 201, 201, 404, 201, 403, 404],
  },
  {
    route: 'POST /api/v1/projects/:team/:project/attendees/:id/credentials',
    arrange: projectLikeE1,
    send: (c, { path, attendeeId }) =>
      call(c, 'post', `${path}/attendees/${attendeeId}/credentials`, {}),
    expect: [401, 404, 404, 201, 404, 201, 201, 404, 201, 403, 404],
  },
  {
    route: 'POST /api/v1/projects/:team/:project/check-ins',
    arrange: projectLikeE1,
    send: (c, { path, attendeeId }) =>
      call(c, 'post', `${path}/check-ins`, { attendee_id: attendeeId, direction: 'in' }),
    expect: [401, 404, 404, 201, 404, 201, 201, 404, 201, 403, 404],
  },
  {
    route: 'GET /api/v1/projects/:team/:project/check-ins',
    arrange: projectLikeE1,
    send: (c, { path }) => call(c, 'get', `${path}/check-ins`),
    expect: [401, 404, 404, 200, 404, 200, 200, 404, 200, 200, 404],
  },

  // --- seed 000 attendances -------------------------------------------------------------------
  // Attendances of published events are public (seed 000 lists them publicly), so changing one
  // that is not yours answers 403, not 404.
  {
    route: 'POST /api/attendances (another user, into an event like E1)',
    arrange: async () => ({ ...(await eventLikeE1()), ...(await userOfA()) }),
    send: (c, { eventId, userId }) =>
      call(c, 'post', '/api/attendances', { userId, eventId, state: 'CONFIRMADO' }),
    expect: [401, 403, 403, 201, 403, 201, 201, 403, 201, 403, 403],
  },
  {
    route: 'PUT /api/attendances/:id',
    arrange: attendanceOfEventLikeE1,
    send: (c, { attendanceId }) =>
      call(c, 'put', `/api/attendances/${attendanceId}`, { state: 'CANCELADO' }),
    expect: [401, 403, 403, 200, 403, 200, 200, 403, 200, 403, 403],
  },
  {
    route: 'DELETE /api/attendances/:id',
    arrange: attendanceOfEventLikeE1,
    send: (c, { attendanceId }) => call(c, 'delete', `/api/attendances/${attendanceId}`),
    expect: [401, 403, 403, 204, 403, 204, 204, 403, 204, 403, 403],
  },
  {
    route: 'GET /api/attendances',
    send: (c) => call(c, 'get', '/api/attendances'),
    expect: all(200),
  },

  // --- categories -----------------------------------------------------------------------------
  {
    route: 'GET /api/categories',
    send: (c) => call(c, 'get', `/api/categories?organizationId=${fx.orgA}&perPage=100`),
    expect: all(200),
    check: (res) => expect(ids(res)).toContain(fx.c1),
  },
  {
    route: 'GET /api/categories/:id (C1)',
    send: (c) => call(c, 'get', `/api/categories/${fx.c1}`),
    expect: all(200),
  },
  {
    route: 'POST /api/categories',
    send: (c) => call(c, 'post', '/api/categories', { name: `Category ${unique()}`, ...orgFor(c) }),
    expect: [401, ROLE, ROLE, 201, 201, 201, ROLE, ROLE, 201, 403, 201],
    check: (res, c) => expect(res.body.organizationId).toBe(c.organizationId ?? fx.orgA),
  },
  {
    route: 'PATCH /api/categories/:id',
    arrange: async () => ({ categoryId: (await createCategory(t, fx.orgA)).id }),
    send: (c, { categoryId }) =>
      call(c, 'patch', `/api/categories/${categoryId}`, { name: `Renamed ${unique()}` }),
    expect: [401, ROLE, ROLE, 200, 403, 200, ROLE, ROLE, 200, 403, 403],
  },
  {
    route: 'DELETE /api/categories/:id',
    arrange: async () => ({ categoryId: (await createCategory(t, fx.orgA)).id }),
    send: (c, { categoryId }) => call(c, 'delete', `/api/categories/${categoryId}`),
    expect: [401, ROLE, ROLE, 204, 403, 204, ROLE, ROLE, 204, 403, 403],
  },
];

// ---------------------------------------------------------------------------------------------

function expectAnswer(res: Response, expected: Expected) {
  expect({ status: res.status, type: res.body?.type }).toMatchObject({
    status: expected.status,
    ...(expected.type ? { type: PROBLEM + expected.type } : {}),
  });
  if (res.status >= 400) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
}

describe('Authorization matrix', () => {
  beforeAll(async () => {
    t = await startTestApp();
    const [orgA, orgB] = [
      await createOrganization(t, { name: 'Organization A' }),
      await createOrganization(t),
    ];
    fx.orgA = orgA.id;
    fx.orgB = orgB.id;
    fx.orgASlug = orgA.slug;

    const [e1, e2, d1, f1] = [
      await createEvent(t, orgA.id, { title: `${FIXTURE_WORD} E1`, status: 'PUBLISHED' }),
      await createEvent(t, orgA.id, { title: `${FIXTURE_WORD} E2`, status: 'PUBLISHED' }),
      await createEvent(t, orgA.id, { title: `${FIXTURE_WORD} D1`, status: 'DRAFT' }),
      await createEvent(t, orgB.id, { title: `${FIXTURE_WORD} F1`, status: 'PUBLISHED' }),
    ];
    Object.assign(fx, { e1: e1.id, e2: e2.id, d1: d1.id, f1: f1.id });
    fx.o1 = (await createOccurrence(t, e1.id)).id;
    fx.c1 = (await createCategory(t, orgA.id)).id;

    const organizerA = await createUser(t, { role: 'ORGANIZER', organizationId: orgA.id });
    const organizerB = await createUser(t, { role: 'ORGANIZER', organizationId: orgB.id });
    admin = await createUser(t, { role: 'ADMIN' });
    member = await createUser(t, { organizationId: orgA.id });
    managerE1 = await createUser(t, { organizationId: orgA.id });
    const managerE2 = await createUser(t, { organizationId: orgA.id });
    await appointManager(t, e1.id, managerE1.id);
    await appointManager(t, e2.id, managerE2.id);

    const keyA = await createKey(organizerA, 'ORGANIZER');
    const readKeyA = await createKey(organizerA, 'READ_ONLY');
    const keyB = await createKey(organizerB, 'ORGANIZER');
    fx.keyAId = keyA.id;
    fx.keyBId = keyB.id;

    callers = {
      anonymous: { kind: 'anonymous', headers: {}, organizationId: null },
      user: userCaller('user', await createUser(t)),
      member: userCaller('member', member),
      organizerA: userCaller('organizerA', organizerA),
      organizerB: userCaller('organizerB', organizerB),
      admin: userCaller('admin', admin),
      managerE1: userCaller('managerE1', managerE1),
      managerE2: userCaller('managerE2', managerE2),
      keyA: keyCaller('keyA', keyA.key, orgA.id),
      readKeyA: keyCaller('readKeyA', readKeyA.key, orgA.id),
      keyB: keyCaller('keyB', keyB.key, orgB.id),
    };
  });
  afterAll(() => t?.close());

  for (const row of MATRIX) {
    if (row.expect.length !== CALLERS.length) throw new Error(`${row.route}: one cell per caller`);
    CALLERS.forEach((kind, column) => {
      const expected = toExpected(row.expect[column]);
      const name = `${row.route} as ${kind} (${DESCRIPTIONS[kind]}) → ${expected.status}`;
      it(name, async () => {
        const ids = (await row.arrange?.()) ?? {};
        const caller = callers[kind];
        const res = await row.send(caller, ids);
        expectAnswer(res, expected);
        if (res.status < 400) await row.check?.(res, caller, ids);
      });
    });
  }

  describe('credentials that stopped working', () => {
    const me = (headers: Record<string, string>) => t.http().get('/api/auth/me').set(headers);

    it('an API key is also accepted as Authorization: Bearer tk_…', async () => {
      const { key } = await createKey(admin, 'READ_ONLY', fx.orgA);
      expect((await me(bearer(key))).status).toBe(200);
    });

    it('a revoked API key gets 401', async () => {
      const { id, key } = await createKey(admin, 'ORGANIZER', fx.orgA);
      expect((await me({ 'x-api-key': key })).status).toBe(200);

      expect((await call(callers.organizerA, 'delete', `/api/api-keys/${id}`)).status).toBe(204);

      const res = await me({ 'x-api-key': key });
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('an expired API key gets 401', async () => {
      const { id, key } = await createKey(admin, 'ORGANIZER', fx.orgA, {
        expiresAt: '2099-01-01T00:00:00Z',
      });
      expect((await me({ 'x-api-key': key })).status).toBe(200);

      await t.orm.em
        .fork()
        .getConnection()
        .execute(`update api_keys set expires_at = ? where id = ?`, [
          new Date(Date.now() - 60_000),
          id,
        ]);

      const res = await me({ 'x-api-key': key });
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('a deactivated user’s token gets 401', async () => {
      const someone = await createUser(t, { organizationId: fx.orgA });
      expect((await me(bearer(someone.token))).status).toBe(200);

      const deactivated = await call(callers.admin, 'patch', `/api/users/${someone.id}`, {
        isActive: false,
      });
      expect(deactivated.status).toBe(200);

      const res = await me(bearer(someone.token));
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });
});
