import {
  appointManager,
  bearer,
  createEvent,
  createOrganization,
  createUser,
} from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  createProject,
  expectProblem,
  expectStatus,
  type Headers,
  type Project,
  projectApi,
} from './project-fixture';

type Outcome = 200 | 201 | 401 | 403 | 404;

/**
 * Who may read (GET attendees) and write (POST attendees) a project: its managers only. Anyone
 * else is told the project does not exist (404), except anonymous callers (401) and read-only
 * keys, which may see but not change it (403).
 */
describe('seed 003: who may use a project', () => {
  let t: TestApp;
  let project: Project;
  const callers: Record<string, Headers> = {};
  beforeAll(async () => {
    t = await startTestApp();
    project = await createProject(t);
    const orgId = project.organizationId;
    const key = async (role: 'ORGANIZER' | 'READ_ONLY') =>
      expectStatus(
        await t
          .http()
          .post('/api/api-keys')
          .set(project.auth)
          .send({ name: `project ${role}`, role }),
        201,
      ).body.key as string;
    const manager = await createUser(t, { role: 'USER', organizationId: orgId });
    await appointManager(t, project.eventId, manager.id);
    const otherEvent = await createEvent(t, orgId);
    const otherManager = await createUser(t, { role: 'USER', organizationId: orgId });
    await appointManager(t, otherEvent.id, otherManager.id);
    const otherOrg = await createOrganization(t);
    const foreignOrganizer = await createUser(t, {
      role: 'ORGANIZER',
      organizationId: otherOrg.id,
    });
    const foreignKey = expectStatus(
      await t
        .http()
        .post('/api/api-keys')
        .set(bearer(foreignOrganizer.token))
        .send({ name: 'foreign', role: 'ORGANIZER' }),
      201,
    ).body.key as string;

    Object.assign(callers, {
      'the organizer of the team': project.auth,
      'a signup manager of the project': bearer(manager.token),
      'an organizer API key of the team': { 'x-api-key': await key('ORGANIZER') },
      'a read-only API key of the team': { 'x-api-key': await key('READ_ONLY') },
      'an Admin': bearer((await createUser(t, { role: 'ADMIN', organizationId: null })).token),
      'a plain user of the team': bearer(
        (await createUser(t, { role: 'USER', organizationId: orgId })).token,
      ),
      'an organizer of another team': bearer(foreignOrganizer.token),
      'an API key of another team': { 'x-api-key': foreignKey },
      'a signup manager of another project of the team': bearer(otherManager.token),
      'an anonymous caller': {},
    });
    // Something to read, so a successful read is not an empty one.
    await projectApi(t, project).attendee({ first_name: 'Seen' });
  });
  afterAll(() => t.close());

  const problemFor = (status: Outcome) =>
    ({ 401: 'unauthenticated', 403: 'read-only-key', 404: 'project-not-found' })[status as 401];

  it.each<[string, Outcome, Outcome]>([
    ['the organizer of the team', 200, 201],
    ['a signup manager of the project', 200, 201],
    ['an organizer API key of the team', 200, 201],
    ['a read-only API key of the team', 200, 403],
    ['an Admin', 200, 201],
    ['a plain user of the team', 404, 404],
    ['an organizer of another team', 404, 404],
    ['an API key of another team', 404, 404],
    ['a signup manager of another project of the team', 404, 404],
    ['an anonymous caller', 401, 401],
  ])('%s: reading answers %i, writing %i', async (caller, read, write) => {
    const api = projectApi(t, project, callers[caller]);
    const before = await projectApi(t, project).total();

    const list = await api.get('/attendees');
    if (read === 200) {
      expect(
        expectStatus(list, 200).body.data.map((a: { first_name: string }) => a.first_name),
      ).toContain('Seen');
    } else {
      expectProblem(list, read, problemFor(read));
    }

    const created = await api.post('/attendees', { first_name: 'Writer', last_name: caller });
    if (write === 201) {
      expect(expectStatus(created, 201).body.data.last_name).toBe(caller);
      expect(await projectApi(t, project).total()).toBe(before + 1);
    } else {
      expectProblem(created, write, problemFor(write));
      expect(await projectApi(t, project).total()).toBe(before);
    }
  });

  it('answers project-not-found for an unknown team or project slug', async () => {
    const paths = [
      `/api/v1/projects/no-such-team/${project.projectSlug}/attendees`,
      `/api/v1/projects/${project.teamSlug}/no-such-project/attendees`,
    ];
    for (const path of paths) {
      expectProblem(await t.http().get(path).set(project.auth), 404, 'project-not-found');
      const res = await t
        .http()
        .post(path)
        .set(project.auth)
        .send({ first_name: 'A', last_name: 'B' });
      expectProblem(res, 404, 'project-not-found');
    }
  });

  it('answers project-not-found once the project’s event is deleted', async () => {
    const doomed = await createProject(t);
    await projectApi(t, doomed).attendee();
    expectStatus(await t.http().delete(`/api/events/${doomed.eventId}`).set(doomed.auth), 204);
    expectProblem(await projectApi(t, doomed).get('/attendees'), 404, 'project-not-found');
  });

  it('keeps a project of another team out of reach even under a known team slug', async () => {
    const other = await createProject(t);
    const crossed = `/api/v1/projects/${project.teamSlug}/${other.projectSlug}/attendees`;
    expectProblem(await t.http().get(crossed).set(other.auth), 404, 'project-not-found');
    expectProblem(await t.http().get(crossed).set(project.auth), 404, 'project-not-found');
  });

  it('answers the same 404 to a stranger for a project that exists and one that does not', async () => {
    const stranger = callers['an organizer of another team'];
    const real = await t.http().get(`${project.path}/attendees`).set(stranger);
    const fake = await t
      .http()
      .get(`/api/v1/projects/${project.teamSlug}/no-such-project/attendees`)
      .set(stranger);
    expect([real.status, real.body.type, real.body.title]).toEqual([
      fake.status,
      fake.body.type,
      fake.body.title,
    ]);
  });
});
