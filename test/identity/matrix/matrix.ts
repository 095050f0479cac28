import { randomUUID } from 'node:crypto';
import type { Response, Test } from 'supertest';
import type { TestUser } from '../../support/factories';
import type { TestApp } from '../../support/test-app';

/**
 * The vocabulary of the authorization matrix: who calls, what a row is, what a cell expects.
 * The rows live beside this file, one file per area; the spec runs them.
 */

// ---------------------------------------------------------------------------------------------
// Callers: the columns, in this order.

export const CALLERS = [
  'anonymous',
  'user',
  'member',
  'owner',
  'organizerA',
  'organizerB',
  'admin',
  'managerE1',
  'managerE2',
  'keyA',
  'readKeyA',
  'keyB',
] as const;
export type CallerKind = (typeof CALLERS)[number];
export const API_KEYS: readonly CallerKind[] = ['keyA', 'readKeyA', 'keyB'];

export const DESCRIPTIONS: Record<CallerKind, string> = {
  anonymous: 'no credentials',
  user: 'USER without organization',
  member: 'USER of org A',
  owner: 'USER of org A owning the target',
  organizerA: 'organizer of org A',
  organizerB: 'organizer of another org',
  admin: 'ADMIN',
  managerE1: 'signup manager of E1',
  managerE2: 'signup manager of another event',
  keyA: 'organizer API key of org A',
  readKeyA: 'read-only API key of org A',
  keyB: 'organizer API key of another org',
};

export interface Caller {
  kind: CallerKind;
  headers: Record<string, string>;
  /** The organization the caller acts in; null for the user without one and for the Admin. */
  organizationId: string | null;
}

// ---------------------------------------------------------------------------------------------
// Expectations

export interface Expected {
  status: number;
  /** The problem `type` code (JSON:API rows: `errors[0].code`), when the rules name one. */
  type?: string;
}
export type Cell = number | Expected;

/** 401 `unauthenticated`: a guarded route called without credentials. */
export const UNAUTH: Expected = { status: 401, type: 'unauthenticated' };
/** 403 `insufficient-role`: a `@Auth({ roles })` route called by an authenticated caller without the role. */
export const ROLE: Expected = { status: 403, type: 'insufficient-role' };
/** 403 `read-only-key`: a read-only API key on anything but a read. */
export const RO: Expected = { status: 403, type: 'read-only-key' };
/** 404 `project-not-found`: a project (GxP) outside the caller's reach. */
export const PNF: Expected = { status: 404, type: 'project-not-found' };

export const toExpected = (cell: Cell): Expected =>
  typeof cell === 'number' ? { status: cell } : cell;
export const all = (cell: Cell): Cell[] => CALLERS.map(() => cell);

export type Ids = Record<string, string>;

export interface Row {
  /** The OpenAPI operation, exactly as /docs-json names it: `GET /api/events/{id}`. */
  operation: string;
  /** A human label when the row needs one: which resource, which caller relation. */
  route?: string;
  /** Fresh data for this one case (run inside the test, so cases don't depend on each other). */
  arrange?: () => Promise<Ids>;
  send: (c: Caller, ids: Ids) => Test;
  /** One cell per caller, in the order of CALLERS. */
  expect: Cell[];
  /** More assertions, on a successful answer only. */
  check?: (res: Response, c: Caller, ids: Ids) => void | Promise<void>;
  /** Errors come as JSON:API documents (`errors[0].code`) rather than problem+json. */
  jsonApi?: boolean;
}

export const label = (row: Row) => (row.route ? `${row.operation} — ${row.route}` : row.operation);

// ---------------------------------------------------------------------------------------------
// Shared state, filled by the spec's beforeAll (rows read it lazily, inside their functions).

export interface Fixtures {
  orgA: string;
  orgB: string;
  orgASlug: string;
  /** Published events of org A: E1 (managerE1's, also project P1 and signup S1) and E2 (managerE2's). */
  e1: string;
  e2: string;
  /** A draft event of org A, and a published event of org B. */
  d1: string;
  f1: string;
  /** `/api/v1/projects/{orgA}/{E1}` and `/api/v1/projects/{orgA}/{E2}`. */
  p1: string;
  p2: string;
  /** An occurrence of E1, a category of org A. */
  o1: string;
  c1: string;
  keyAId: string;
  keyBId: string;
  /** The owner's attendee in E1 (through seed 000), with a type, an emergency contact, a group and a credential. */
  a1: string;
  t1: string;
  cf1: string;
  g1: string;
  k1: string;
  /** The owner's seed 002 registration on O1. */
  r1: string;
  /** Another attendee, type, group and credential, all of E2: ids foreign to E1. */
  a2: string;
  t2: string;
  g2: string;
  k2: string;
  /** The external id (seed 002 `externalUserId`) of the owner. */
  ownerExternalId: string;
}

export const ctx = {
  fx: {} as Fixtures,
} as {
  t: TestApp;
  callers: Record<CallerKind, Caller>;
  admin: TestUser;
  member: TestUser;
  owner: TestUser;
  managerE1: TestUser;
  managerE2: TestUser;
  fx: Fixtures;
};

// ---------------------------------------------------------------------------------------------
// Helpers

export const PROBLEM = 'https://turnout.dev/problems/';
export const PASSWORD = 'correct horse battery staple';
/** A word only the fixture events carry, so the list check ignores the scratch events of other cases. */
export const FIXTURE_WORD = 'matrixfixture';
export const unique = () => randomUUID().slice(0, 8);

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export function call(c: Caller, method: Method, path: string, body?: object): Test {
  const req = ctx.t.http()[method](path).set(c.headers);
  return body === undefined ? req : req.send(body);
}

/** As the Admin, failing loudly (with the body) when an arrangement does not work. */
export async function asAdmin(
  method: Method,
  path: string,
  body: object | undefined,
  status: number,
): Promise<Response> {
  const res = await call(ctx.callers.admin, method, path, body);
  if (res.status !== status) {
    throw new Error(`${method} ${path}: expected ${status}, got ${res.status} ${res.text}`);
  }
  return res;
}

/** The ids of a list answer: a bare array, `{ data: [...] }`, or a JSON:API document. */
export const ids = (res: Response): string[] => {
  const body = res.body as { data?: { id: string }[] } | { id: string }[];
  return (Array.isArray(body) ? body : (body.data ?? [])).map((item) => item.id);
};

/** Admin- and organizer-created things carry the organization in the body only for the Admin. */
export const orgFor = (c: Caller) => (c.kind === 'admin' ? { organizationId: ctx.fx.orgA } : {});
