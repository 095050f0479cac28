import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import {
  bearer,
  createEvent,
  createOrganization,
  createUser,
  type TestUser,
} from '../support/factories';
import type { TestApp } from '../support/test-app';

export const problemType = (code: string) => `https://turnout.dev/problems/${code}`;
export const unique = () => randomUUID().slice(0, 8);

export type Headers = Record<string, string>;

/** A GxP attendee as clients receive it. */
export interface Attendee {
  id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  attendee_type_id: string | null;
  attendee_type?: { id: string; name: string } | null;
  custom_fields: Record<string, unknown>;
  emergency_contact: { name: string; phone_number: string | null } | null;
  status: string;
  checked_in_at: string | null;
  created_at: string;
  updated_at: string;
  credentials?: Array<{ id: string; value: string }>;
  groups?: Array<{ id: string; name: string }>;
}

/** A GxP project (an event of a fresh team) and an organizer of its team. */
export interface Project {
  path: string;
  eventId: string;
  organizationId: string;
  teamSlug: string;
  projectSlug: string;
  organizer: TestUser;
  auth: Headers;
}

export async function createProject(
  t: TestApp,
  options: { capacity?: number | null; waitlist?: boolean } = {},
): Promise<Project> {
  const teamSlug = `team-${unique()}`;
  const organization = await createOrganization(t, { slug: teamSlug });
  const projectSlug = `project-${unique()}`;
  const event = await createEvent(t, organization.id, {
    slug: projectSlug,
    capacity: options.capacity ?? null,
  });
  const organizer = await createUser(t, { role: 'ORGANIZER', organizationId: organization.id });
  const auth = { ...bearer(organizer.token), accept: 'application/json' };
  if (options.waitlist === false) {
    await t
      .http()
      .patch(`/api/events/${event.id}`)
      .set(auth)
      .send({ waitlistEnabled: false })
      .expect(200);
  }
  return {
    path: `/api/v1/projects/${teamSlug}/${projectSlug}`,
    eventId: event.id,
    organizationId: organization.id,
    teamSlug,
    projectSlug,
    organizer,
    auth,
  };
}

/** Fails with the answer's body, so a broken arrangement says why. */
export function expectStatus(res: Response, status: number): Response {
  if (res.status !== status) {
    throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return res;
}

/** The distinct pointers of a problem's `errors`, sorted. */
export const pointers = (res: Response): string[] =>
  [
    ...new Set(((res.body.errors ?? []) as Array<{ pointer: string }>).map((e) => e.pointer)),
  ].sort();

/** The problem a client sees: status, `type` and the pointers of `errors`. */
export function expectProblem(res: Response, status: number, code: string, at?: string[]) {
  expect({
    status: res.status,
    type: res.body.type,
    contentType: res.headers['content-type'],
  }).toEqual({
    status,
    type: problemType(code),
    contentType: expect.stringContaining('application/problem+json'),
  });
  expect(res.body.status).toBe(status);
  if (at) expect(pointers(res)).toEqual([...at].sort());
}

/** Calls on one project's API as `auth` (its organizer by default), with arrangement shortcuts. */
export function projectApi(t: TestApp, project: Project, auth: Headers = project.auth) {
  const url = (path: string) => `${project.path}${path}`;
  const api = {
    path: project.path,
    auth,
    get: (path: string) => t.http().get(url(path)).set(auth),
    post: (path: string, body: object) => t.http().post(url(path)).set(auth).send(body),
    put: (path: string, body: object) => t.http().put(url(path)).set(auth).send(body),
    patch: (path: string, body: object) => t.http().patch(url(path)).set(auth).send(body),
    delete: (path: string) => t.http().delete(url(path)).set(auth),

    async attendee(body: Record<string, unknown> = {}) {
      const res = await api.post('/attendees', {
        first_name: 'Ann',
        last_name: `Example-${unique()}`,
        ...body,
      });
      return expectStatus(res, 201).body.data as Attendee;
    },
    async read(id: string, query = '') {
      return expectStatus(await api.get(`/attendees/${id}${query}`), 200).body.data as Attendee;
    },
    async type(name: string) {
      return expectStatus(await api.post('/attendee-types', { name }), 201).body.data.id as string;
    },
    async group(name: string) {
      return expectStatus(await api.post('/groups', { name }), 201).body.data.id as string;
    },
    async field(key: string, type: string, extra: Record<string, unknown> = {}) {
      expectStatus(await api.post('/custom-fields', { key, label: key, type, ...extra }), 201);
    },
    async join(groupId: string, attendeeIds: string[]) {
      expectStatus(
        await api.post(`/groups/${groupId}/attendees`, { attendee_ids: attendeeIds }),
        200,
      );
    },
    /** The list's total, to show that a refused write wrote nothing. */
    async total() {
      return expectStatus(await api.get('/attendees'), 200).body.meta.total as number;
    },
  };
  return api;
}

/** Pins an attendee's timestamps, which the API sets itself, so tests can sort and filter on them. */
export async function setTimes(
  t: TestApp,
  id: string,
  times: Partial<Record<'created_at' | 'updated_at' | 'checked_in_at', string>>,
) {
  const entries = Object.entries(times);
  await t.orm.em
    .fork()
    .getConnection()
    .execute(
      `update attendees set ${entries.map(([column]) => `${column} = ?`).join(', ')} where id = ?`,
      [...entries.map(([, value]) => value), id],
    );
}
