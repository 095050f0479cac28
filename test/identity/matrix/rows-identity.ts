import { createUser } from '../../support/factories';
import { keyOfA, membershipOfUserOfA, userOfA } from './fixtures';
import {
  all,
  API_KEYS,
  call,
  ctx,
  ids,
  orgFor,
  PASSWORD,
  RO,
  ROLE,
  type Row,
  UNAUTH as U,
  unique,
} from './matrix';

// Columns, in order:
//  anonymous | user | member | owner | organizerA | organizerB | admin | managerE1 | managerE2 | keyA | readKeyA | keyB
//
// Nothing here has an owner: the owner column is one more plain USER of org A, and the target
// user is `member`.

export const OPS_ROWS: Row[] = [
  // Public by design: every caller, credentials or not, gets the answer.
  { operation: 'GET /health/live', send: (c) => call(c, 'get', '/health/live'), expect: all(200) },
  {
    operation: 'GET /health/ready',
    send: (c) => call(c, 'get', '/health/ready'),
    expect: all(200),
  },
  {
    // Public while METRICS_TOKEN is unset, as in the tests.
    operation: 'GET /metrics',
    send: (c) => call(c, 'get', '/metrics'),
    expect: all(200),
    check: (res) => expect(res.headers['content-type']).toMatch(/^text\/plain/),
  },
];

export const AUTH_ROWS: Row[] = [
  {
    operation: 'POST /api/auth/register',
    send: (c) =>
      call(c, 'post', '/api/auth/register', {
        email: `new-${unique()}@example.com`,
        password: PASSWORD,
      }),
    expect: all(201),
  },
  {
    operation: 'POST /api/auth/login',
    arrange: async () => ({ email: (await createUser(ctx.t, { password: PASSWORD })).email }),
    send: (c, { email }) => call(c, 'post', '/api/auth/login', { email, password: PASSWORD }),
    expect: all(200),
    check: (res) => expect(res.body.tokenType).toBe('Bearer'),
  },
  {
    operation: 'GET /api/auth/me',
    send: (c) => call(c, 'get', '/api/auth/me'),
    expect: [U, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    check: (res, c) => {
      expect(res.body.via).toBe(API_KEYS.includes(c.kind) ? 'api-key' : 'jwt');
      expect(res.body.readOnly).toBe(c.kind === 'readKeyA');
    },
  },

  // --- users (the target is `member`, a USER of org A) -----------------------------------------
  {
    operation: 'GET /api/users',
    send: (c) => call(c, 'get', '/api/users'),
    expect: [U, ROLE, ROLE, ROLE, ROLE, ROLE, 200, ROLE, ROLE, ROLE, ROLE, ROLE],
  },
  {
    operation: 'GET /api/users/{id}',
    route: 'member of org A',
    send: (c) => call(c, 'get', `/api/users/${ctx.member.id}`),
    expect: [U, 404, 200, 404, 200, 404, 200, 404, 404, 200, 200, 404],
    check: (res) => expect(res.body.id).toBe(ctx.member.id),
  },
  {
    operation: 'GET /api/users/{id}',
    route: 'a USER of org B',
    arrange: async () => ({
      userId: (await createUser(ctx.t, { organizationId: ctx.fx.orgB })).id,
    }),
    send: (c, { userId }) => call(c, 'get', `/api/users/${userId}`),
    expect: [U, 404, 404, 404, 404, 200, 200, 404, 404, 404, 404, 200],
    check: (res, _c, { userId }) => expect(res.body.id).toBe(userId),
  },
  {
    // The target must be `member` itself for the self case; only its name changes, which no case reads.
    operation: 'PATCH /api/users/{id}',
    route: 'member of org A',
    send: (c) => call(c, 'patch', `/api/users/${ctx.member.id}`, { name: `Member ${unique()}` }),
    expect: [U, 404, 200, 404, 403, 404, 200, 404, 404, 403, RO, 404],
  },

  // --- memberships (target: a USER of org A) --------------------------------------------------
  {
    operation: 'GET /api/users/{userId}/memberships',
    route: 'member of org A',
    send: (c) => call(c, 'get', `/api/users/${ctx.member.id}/memberships`),
    expect: [U, 404, 200, 404, 200, 404, 200, 404, 404, 200, 200, 404],
  },
  {
    operation: 'POST /api/users/{userId}/memberships',
    arrange: userOfA,
    send: (c, { userId }) =>
      call(c, 'post', `/api/users/${userId}/memberships`, {
        name: 'Gold',
        startsAt: '2026-01-01T00:00:00Z',
      }),
    expect: [U, ROLE, ROLE, ROLE, 201, 404, 201, ROLE, ROLE, 201, RO, 404],
  },
  {
    operation: 'PATCH /api/users/{userId}/memberships/{membershipId}',
    arrange: membershipOfUserOfA,
    send: (c, { userId, membershipId }) =>
      call(c, 'patch', `/api/users/${userId}/memberships/${membershipId}`, { name: 'Platinum' }),
    expect: [U, ROLE, ROLE, ROLE, 200, 404, 200, ROLE, ROLE, 200, RO, 404],
  },
  {
    operation: 'PATCH /api/users/{userId}/memberships/{membershipId}',
    route: 'another user’s membership, through a user of org A',
    arrange: async () => ({ ...(await membershipOfUserOfA()), ...(await userOfA()) }),
    send: (c, { userId, membershipId }) =>
      call(c, 'patch', `/api/users/${userId}/memberships/${membershipId}`, { name: 'Platinum' }),
    expect: [U, ROLE, ROLE, ROLE, 404, 404, 404, ROLE, ROLE, 404, RO, 404],
  },
  {
    operation: 'DELETE /api/users/{userId}/memberships/{membershipId}',
    arrange: membershipOfUserOfA,
    send: (c, { userId, membershipId }) =>
      call(c, 'delete', `/api/users/${userId}/memberships/${membershipId}`),
    expect: [U, ROLE, ROLE, ROLE, 204, 404, 204, ROLE, ROLE, 204, RO, 404],
  },

  // --- organizations --------------------------------------------------------------------------
  {
    operation: 'POST /api/organizations',
    send: (c) =>
      call(c, 'post', '/api/organizations', { slug: `org-${unique()}`, name: 'New organization' }),
    expect: [U, ROLE, ROLE, ROLE, ROLE, ROLE, 201, ROLE, ROLE, ROLE, RO, ROLE],
  },
  {
    operation: 'GET /api/organizations',
    send: (c) => call(c, 'get', '/api/organizations?perPage=100'),
    expect: [U, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    check: (res, c) => {
      const { orgA, orgB } = ctx.fx;
      if (c.kind === 'admin') expect(ids(res)).toEqual(expect.arrayContaining([orgA, orgB]));
      else expect(ids(res)).toEqual(c.organizationId ? [c.organizationId] : []);
    },
  },
  {
    operation: 'GET /api/organizations/{id}',
    route: 'org A',
    send: (c) => call(c, 'get', `/api/organizations/${ctx.fx.orgA}`),
    expect: [U, 404, 200, 200, 200, 404, 200, 200, 200, 200, 200, 404],
  },
  {
    // Org A's own name again: Admin-only, and nothing another case reads changes.
    operation: 'PATCH /api/organizations/{id}',
    route: 'org A',
    send: (c) => call(c, 'patch', `/api/organizations/${ctx.fx.orgA}`, { name: 'Organization A' }),
    expect: [U, ROLE, ROLE, ROLE, ROLE, ROLE, 200, ROLE, ROLE, ROLE, RO, ROLE],
  },

  // --- api keys (managed with a person's token, never with a key) -----------------------------
  {
    operation: 'POST /api/api-keys',
    send: (c) =>
      call(c, 'post', '/api/api-keys', {
        name: `key ${unique()}`,
        role: 'READ_ONLY',
        ...orgFor(c),
      }),
    expect: [U, ROLE, ROLE, ROLE, 201, 201, 201, ROLE, ROLE, 403, RO, 403],
    check: (res, c) => {
      expect(res.body.key).toMatch(/^tk_/);
      expect(res.body.organizationId).toBe(c.organizationId ?? ctx.fx.orgA);
    },
  },
  {
    operation: 'GET /api/api-keys',
    send: (c) => call(c, 'get', '/api/api-keys'),
    expect: [U, ROLE, ROLE, ROLE, 200, 200, 200, ROLE, ROLE, 403, 403, 403],
    check: (res, c) => {
      if (c.kind === 'admin')
        expect(ids(res)).toEqual(expect.arrayContaining([ctx.fx.keyAId, ctx.fx.keyBId]));
      else for (const key of res.body) expect(key.organizationId).toBe(c.organizationId);
    },
  },
  {
    operation: 'DELETE /api/api-keys/{id}',
    route: 'a key of org A',
    arrange: async () => ({ keyId: (await keyOfA('READ_ONLY')).id }),
    send: (c, { keyId }) => call(c, 'delete', `/api/api-keys/${keyId}`),
    expect: [U, ROLE, ROLE, ROLE, 204, 404, 204, ROLE, ROLE, 403, RO, 403],
  },
];
