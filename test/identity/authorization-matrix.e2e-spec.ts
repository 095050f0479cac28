import type { Response } from 'supertest';
import { bearer, createUser } from '../support/factories';
import { keyOfA, setUpWorld } from './matrix/fixtures';
import {
  call,
  CALLERS,
  ctx,
  DESCRIPTIONS,
  type Expected,
  label,
  PROBLEM,
  type Row,
  toExpected,
} from './matrix/matrix';
import { EVENT_ROWS } from './matrix/rows-events';
import { AUTH_ROWS, OPS_ROWS } from './matrix/rows-identity';
import { PROJECT_ATTENDEE_ROWS } from './matrix/rows-project-attendees';
import { PROJECT_SETUP_ROWS } from './matrix/rows-project-setup';
import { REGISTRATION_ROWS } from './matrix/rows-registrations';
import { SIGNUP_ROWS } from './matrix/rows-signups';
import { WEBHOOK_ROWS } from './matrix/rows-webhooks';

/**
 * The documented authorization rules as one matrix: every operation of the OpenAPI document,
 * called by every kind of caller, answers exactly the status the rules give (a guard against
 * IDOR and function-level authorisation bugs). The expectations are derived from the product
 * rules (README "Authentication and access" and each API's section), not from the implementation.
 * The rows are in ./matrix, one file per area; a route without a row fails the first test.
 */
const MATRIX: Row[] = [
  ...OPS_ROWS,
  ...AUTH_ROWS,
  ...EVENT_ROWS,
  ...REGISTRATION_ROWS,
  ...PROJECT_ATTENDEE_ROWS,
  ...PROJECT_SETUP_ROWS,
  ...SIGNUP_ROWS,
  ...WEBHOOK_ROWS,
];

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** `GET /api/events/{id}` → a pattern for the request line the row must send. */
function operationPattern(operation: string): RegExp {
  const [method, template] = operation.split(' ');
  const path = template
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
    .join('[^/?]+');
  return new RegExp(`^${method} ${path}(\\?.*)?$`);
}

function expectAnswer(res: Response, expected: Expected, row: Row) {
  const contentType = String(res.headers['content-type'] ?? '');
  const jsonApiError =
    row.jsonApi === true && res.status >= 400 && contentType.startsWith('application/vnd.api+json');
  const body = res.body as {
    type?: string;
    detail?: string;
    errors?: { status?: string; code?: string; detail?: string }[];
  };
  const actual = {
    status: res.status,
    type: jsonApiError ? body?.errors?.[0]?.code : body?.type?.replace(PROBLEM, ''),
    detail: jsonApiError ? body?.errors?.[0]?.detail : body?.detail,
  };
  expect(actual).toMatchObject({
    status: expected.status,
    ...(expected.type ? { type: expected.type } : {}),
  });
  if (jsonApiError) expect(body.errors?.[0]).toMatchObject({ status: String(res.status) });
  if (res.status >= 400 && !jsonApiError) {
    expect(contentType).toMatch(/^application\/problem\+json/);
    if (expected.type) expect(body.type).toBe(PROBLEM + expected.type);
  }
}

describe('Authorization matrix', () => {
  beforeAll(setUpWorld);
  afterAll(() => ctx.t?.close());

  it('has a row for every operation of the OpenAPI document, and no row for anything else', async () => {
    const res = await ctx.t.http().get('/docs-json').expect(200);
    const paths = res.body.paths as Record<string, Record<string, unknown>>;
    const documented = Object.entries(paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((method) => HTTP_METHODS.includes(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    const covered = new Set(MATRIX.map((row) => row.operation));
    expect({
      withoutRow: documented.filter((operation) => !covered.has(operation)).sort(),
      notDocumented: [...covered].filter((operation) => !documented.includes(operation)).sort(),
    }).toEqual({ withoutRow: [], notDocumented: [] });
  });

  for (const row of MATRIX) {
    if (row.expect.length !== CALLERS.length) throw new Error(`${label(row)}: one cell per caller`);
    const pattern = operationPattern(row.operation);
    CALLERS.forEach((kind, column) => {
      const expected = toExpected(row.expect[column]);
      const name = `${label(row)} as ${kind} (${DESCRIPTIONS[kind]}) → ${expected.status}`;
      it(name, async () => {
        const ids = (await row.arrange?.()) ?? {};
        const caller = ctx.callers[kind];
        const res = await row.send(caller, ids);
        // The row calls the operation it names (so the coverage test can trust it).
        const { req: request } = res as unknown as { req: { method: string; path: string } };
        expect(`${request.method} ${request.path}`).toMatch(pattern);
        expectAnswer(res, expected, row);
        if (res.status < 400) await row.check?.(res, caller, ids);
      });
    });
  }

  // Not operations of the document, so not rows: the docs themselves are public to every caller.
  describe.each(['/docs', '/docs-json'])('%s', (path) => {
    it.each(CALLERS)('answers 200 to %s', async (kind) => {
      expect((await call(ctx.callers[kind], 'get', path)).status).toBe(200);
    });
  });

  describe('credentials that stopped working', () => {
    const me = (headers: Record<string, string>) => ctx.t.http().get('/api/auth/me').set(headers);

    it('an API key is also accepted as Authorization: Bearer tk_…', async () => {
      const { key } = await keyOfA('READ_ONLY');
      expect((await me(bearer(key))).status).toBe(200);
    });

    it('a revoked API key gets 401', async () => {
      const { id, key } = await keyOfA('ORGANIZER');
      expect((await me({ 'x-api-key': key })).status).toBe(200);

      expect((await call(ctx.callers.organizerA, 'delete', `/api/api-keys/${id}`)).status).toBe(
        204,
      );

      const res = await me({ 'x-api-key': key });
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('an expired API key gets 401', async () => {
      const { id, key } = await keyOfA('ORGANIZER', { expiresAt: '2099-01-01T00:00:00Z' });
      expect((await me({ 'x-api-key': key })).status).toBe(200);

      await ctx.t.orm.em
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
      const someone = await createUser(ctx.t, { organizationId: ctx.fx.orgA });
      expect((await me(bearer(someone.token))).status).toBe(200);

      const deactivated = await call(ctx.callers.admin, 'patch', `/api/users/${someone.id}`, {
        isActive: false,
      });
      expect(deactivated.status).toBe(200);

      const res = await me(bearer(someone.token));
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });
});
