import { EventEmitter2 } from '@nestjs/event-emitter';
import { JwtService } from '@nestjs/jwt';
import { gracefulShutdown } from 'src/app/graceful-shutdown';
import { ProjectAttendeesService } from 'src/modules/attendees/project-attendees.service';
import type { AuthContext } from 'src/modules/auth/auth-context';
import { appointManager, bearer, createOrganization, createUser } from '../support/factories';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app';
import {
  createProject,
  expectStatus,
  problemType,
  projectApi,
  type Project,
  unique,
} from '../projects/project-fixture';
import { EchoClient, feedChannel, sleep, until } from './echo-client';

/**
 * Seed 003's live events: a dashboard subscribes with Laravel Echo exactly as the seed's snippet
 * does and sees attendees appear, change and go, announced only once their transaction commits.
 */
describe('live attendee events (Laravel Echo over socket.io)', () => {
  let t: TestApp;
  let base: string;
  let project: Project;
  let api: ReturnType<typeof projectApi>;
  const clients: EchoClient[] = [];

  /** An Echo client authenticated with these headers (closed after the test). */
  const connect = (headers: Record<string, string>) => {
    const client = new EchoClient(base, headers);
    clients.push(client);
    return client;
  };
  const asOrganizer = () => connect({ Authorization: `Bearer ${project.organizer.token}` });
  const channel = () => feedChannel(project.projectSlug);

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = await t.app.getUrl();
    project = await createProject(t);
    api = projectApi(t, project);
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(() => t.close());

  it('shows an organizer’s dashboard each attendee created, in the GxP shape (the seed’s snippet)', async () => {
    const dashboard = asOrganizer();
    expect(await dashboard.subscribe(channel())).toBeUndefined();
    const seen: unknown[] = [];
    const created = new Promise((resolve) =>
      dashboard.echo
        .private(channel())
        .listen('AttendeeCreated', (e: { attendee: unknown }) => {
          seen.push(e.attendee);
          resolve(e);
        })
        .listen('AttendeeUpdated', (e: { attendee: unknown }) => seen.push(e.attendee)),
    );

    const typeId = await api.type('Speaker');
    const attendee = await api.attendee({
      first_name: 'Jane',
      email: `jane-${unique()}@live.test`,
      attendee_type_id: typeId,
    });

    expect(await created).toEqual({ attendee });
    expect(attendee).toMatchObject({
      first_name: 'Jane',
      attendee_type: { id: typeId, name: 'Speaker' },
    });
    expect(seen).toEqual([attendee]);
  });

  it('sends each event under Echo’s namespaced name and the bare one, with the subscribed channel', async () => {
    const dashboard = asOrganizer();
    await dashboard.subscribe(channel());
    const attendee = await api.attendee();
    const mine = () =>
      dashboard.received.filter((item) => item.payload.attendee.id === attendee.id);
    await until(() => mine().length >= 2);
    await sleep(100);

    expect(mine().map(({ name, channel }) => [name, channel])).toEqual([
      ['App\\Events\\AttendeeCreated', `private-${feedChannel(project.projectSlug)}`],
      ['AttendeeCreated', `private-${feedChannel(project.projectSlug)}`],
    ]);
  });

  it('announces updates, check-ins and deletions', async () => {
    const dashboard = asOrganizer();
    await dashboard.subscribe(channel());
    const attendee = await api.attendee({ first_name: 'Before' });

    const updated = dashboard.next(channel(), 'AttendeeUpdated');
    expectStatus(await api.patch(`/attendees/${attendee.id}`, { first_name: 'After' }), 200);
    expect((await updated).attendee).toMatchObject({ id: attendee.id, first_name: 'After' });

    const checkedIn = dashboard.next(channel(), 'AttendeeCheckedIn');
    expectStatus(await api.post('/check-ins', { attendee_id: attendee.id, direction: 'in' }), 201);
    expect((await checkedIn).attendee).toMatchObject({
      id: attendee.id,
      status: 'ATTENDED',
      checked_in_at: expect.any(String),
    });

    const deleted = dashboard.next(channel(), 'AttendeeDeleted');
    expectStatus(await api.delete(`/attendees/${attendee.id}`), 204);
    expect((await deleted).attendee).toMatchObject({ id: attendee.id, first_name: 'After' });
  });

  it('announces each attendee of a batch', async () => {
    const dashboard = asOrganizer();
    await dashboard.subscribe(channel());
    const names = ['Batch-1', 'Batch-2', 'Batch-3'];
    const seen: string[] = [];
    const all = new Promise<void>((resolve) =>
      dashboard.echo
        .private(channel())
        .listen('AttendeeCreated', (e: { attendee: { first_name: string } }) => {
          if (names.includes(e.attendee.first_name)) seen.push(e.attendee.first_name);
          if (seen.length === names.length) resolve();
        }),
    );
    const res = await api.post('/attendees/batch', {
      resources: names.map((first_name) => ({ first_name, last_name: 'Batch' })),
    });
    expectStatus(res, 201);
    await all;
    expect(seen).toEqual(names);
  });

  describe('who may subscribe', () => {
    /** Subscribes `headers` to `name` and answers the outcome plus what arrived after a change. */
    async function attempt(headers: Record<string, string>, name = channel()) {
      const outsider = connect(headers);
      const answer = await outsider.subscribe(name);
      // The organizer's dashboard is the clock: once it has the event, the other would have too.
      const dashboard = asOrganizer();
      await dashboard.subscribe(channel());
      const arrived = dashboard.next(channel(), 'AttendeeCreated');
      await api.attendee();
      await arrived;
      await sleep(100);
      return { answer, received: outsider.received };
    }

    const refused = (status: number, code: string) => ({
      answer: expect.objectContaining({
        channel: expect.stringMatching(/^private-dashboard\.project\./),
        status,
        type: problemType(code),
      }),
      received: [],
    });

    it('refuses a caller without credentials, or with a bad token or key (401)', async () => {
      expect(await attempt({})).toEqual(refused(401, 'unauthenticated'));
      expect(await attempt({ Authorization: 'Bearer not.a.jwt' })).toEqual(
        refused(401, 'invalid-token'),
      );
      expect(await attempt({ 'X-Api-Key': 'tk_unknown' })).toEqual(refused(401, 'invalid-api-key'));
    });

    it('checks a token as the REST API does: signature, expiry and the user as they are now (401)', async () => {
      const now = Math.floor(Date.now() / 1000);
      const claims = {
        sub: project.organizer.id,
        role: 'ORGANIZER',
        org: project.organizationId,
        iss: t.config.jwt.issuer,
        aud: t.config.jwt.audience,
      };
      const signed = (secret: string, times: { iat: number; exp: number }) =>
        new JwtService({ secret }).sign({ ...claims, ...times }, { algorithm: 'HS256' });
      const fresh = { iat: now, exp: now + 600 };
      // Positive control: the same claims, well signed, are admitted.
      const admitted = connect(auth(signed(TEST_JWT_SECRET, fresh)));
      expect(await admitted.subscribe(channel())).toBeUndefined();

      expect(
        await attempt(auth(signed(TEST_JWT_SECRET, { iat: now - 120, exp: now - 60 }))),
      ).toEqual(refused(401, 'expired-token'));
      expect(
        await attempt(auth(signed('another-secret-of-at-least-32-characters!!', fresh))),
      ).toEqual(refused(401, 'invalid-token'));

      const deactivated = await createUser(t, {
        role: 'ORGANIZER',
        organizationId: project.organizationId,
      });
      await t.orm.em
        .fork()
        .getConnection()
        .execute('update users set is_active = false where id = ?', [deactivated.id]);
      expect(await attempt(auth(deactivated.token))).toEqual(refused(401, 'inactive-user'));
    });

    it('tells a plain member and another organization’s organizer the channel does not exist (404)', async () => {
      const member = await createUser(t, { organizationId: project.organizationId });
      expect(await attempt(auth(member.token))).toEqual(refused(404, 'channel-not-found'));

      const other = await createOrganization(t);
      const stranger = await createUser(t, { role: 'ORGANIZER', organizationId: other.id });
      expect(await attempt(auth(stranger.token))).toEqual(refused(404, 'channel-not-found'));
      expect(
        await attempt(
          auth(stranger.token),
          feedChannel(`${project.teamSlug}.${project.projectSlug}`),
        ),
      ).toEqual(refused(404, 'channel-not-found'));
    });

    it('refuses names that are not an attendee feed (404)', async () => {
      expect(
        await attempt(auth(project.organizer.token), 'dashboard.project.x.y.z.attendees'),
      ).toEqual(refused(404, 'channel-not-found'));
    });

    it('answers a subscription without a channel name with 400', async () => {
      const client = asOrganizer();
      const answer = new Promise((resolve) => client.socket.once('subscription_error', resolve));
      client.socket.emit('subscribe', { auth: { headers: {} } });
      expect(await answer).toMatchObject({
        status: 400,
        type: problemType('invalid-subscription'),
      });
    });

    it('admits the project’s signup managers and its organization’s API keys, read-only ones too', async () => {
      const manager = await createUser(t, { organizationId: project.organizationId });
      await appointManager(t, project.eventId, manager.id);
      const key = async (role: string) =>
        expectStatus(
          await t
            .http()
            .post('/api/api-keys')
            .set(bearer(project.organizer.token))
            .send({ name: role, role }),
          201,
        ).body.key as string;

      for (const headers of [
        auth(manager.token),
        { Authorization: `Bearer ${await key('READ_ONLY')}` },
        { 'X-Api-Key': await key('ORGANIZER') },
      ]) {
        const dashboard = connect(headers);
        expect(await dashboard.subscribe(channel())).toBeUndefined();
        const created = dashboard.next(channel(), 'AttendeeCreated');
        const attendee = await api.attendee();
        expect((await created).attendee.id).toBe(attendee.id);
      }
    });

    it('admits an Admin to the qualified name only: the short one names their own organization, and they have none', async () => {
      const admin = await createUser(t, { role: 'ADMIN' });
      expect(await attempt(auth(admin.token))).toEqual(refused(404, 'channel-not-found'));

      const qualified = feedChannel(`${project.teamSlug}.${project.projectSlug}`);
      const dashboard = connect(auth(admin.token));
      expect(await dashboard.subscribe(qualified)).toBeUndefined();
      const created = dashboard.next(qualified, 'AttendeeCreated');
      const attendee = await api.attendee();
      expect((await created).attendee.id).toBe(attendee.id);
      // Each event comes twice (namespaced and bare): wait for the second before counting.
      await until(() => dashboard.received.length >= 2);
      expect(dashboard.received.map((item) => item.channel)).toEqual([
        `private-${qualified}`,
        `private-${qualified}`,
      ]);
    });
  });

  it('stops sending once the dashboard leaves the channel', async () => {
    const leaving = asOrganizer();
    await leaving.subscribe(channel());
    leaving.echo.leave(channel());
    await sleep(100);
    const dashboard = asOrganizer();
    await dashboard.subscribe(channel());
    const created = dashboard.next(channel(), 'AttendeeCreated');
    await api.attendee();
    await created;
    await sleep(100);
    expect(leaving.received).toEqual([]);
  });

  describe('after commit only', () => {
    it('never announces a create refused because the event is full', async () => {
      const full = await createProject(t, { capacity: 1, waitlist: false });
      const fullApi = projectApi(t, full);
      const dashboard = connect(auth(full.organizer.token));
      await dashboard.subscribe(feedChannel(full.projectSlug));
      const seen: string[] = [];
      dashboard.echo
        .private(feedChannel(full.projectSlug))
        .listen('AttendeeCreated', (e: { attendee: { first_name: string } }) =>
          seen.push(e.attendee.first_name),
        );

      await fullApi.attendee({ first_name: 'Seated' });
      expectStatus(
        await fullApi.post('/attendees', { first_name: 'Refused', last_name: 'X' }),
        409,
      );
      // The seat frees up: the next create is the clock for anything sent about the refused one.
      const seated = await fullApi.read((await fullApi.get('/attendees')).body.data[0].id);
      expectStatus(await fullApi.delete(`/attendees/${seated.id}`), 204);
      const last = dashboard.next(feedChannel(full.projectSlug), 'AttendeeCreated');
      await fullApi.attendee({ first_name: 'Last' });
      await last;
      await sleep(100);
      expect(seen).toEqual(['Seated', 'Last']);
    });

    // Negative control: announcing from inside the transaction (as the domain events are emitted)
    // would send 'Rolled back' here, since attendee.created fires before the rollback.
    it('never announces a change whose transaction rolls back after the event was raised', async () => {
      const dashboard = asOrganizer();
      await dashboard.subscribe(channel());
      const seen: string[] = [];
      dashboard.echo
        .private(channel())
        .listen('AttendeeCreated', (e: { attendee: { first_name: string } }) =>
          seen.push(e.attendee.first_name),
        );

      const service = t.app.get(ProjectAttendeesService);
      const organizer: AuthContext = {
        userId: project.organizer.id,
        role: 'ORGANIZER',
        organizationId: project.organizationId,
        via: 'jwt',
        readOnly: false,
      };
      const ref = { teamSlug: project.teamSlug, projectSlug: project.projectSlug };
      let raised = false;
      const onCreated = () => (raised = true);
      t.app.get(EventEmitter2).on('attendee.created', onCreated);
      // The whole create (it raises attendee.created in its own nested transaction) inside an
      // outer transaction that then fails.
      await expect(
        t.orm.em.fork().transactional(async () => {
          await service.create(organizer, ref, { first_name: 'Rolled back', last_name: 'X' });
          throw new Error('rollback');
        }),
      ).rejects.toThrow('rollback');
      t.app.get(EventEmitter2).off('attendee.created', onCreated);
      expect(raised).toBe(true);

      // Positive control through the same path, committed.
      const committed = dashboard.next(channel(), 'AttendeeCreated');
      await t.orm.em
        .fork()
        .transactional(() =>
          service.create(organizer, ref, { first_name: 'Committed', last_name: 'X' }),
        );
      await committed;
      await sleep(100);
      expect(seen).toEqual(['Committed']);
      expect((await api.get(`/attendees?filter[first_name]=Rolled back`)).body.meta.total).toBe(0);
    });
  });
});

describe('live attendee events and shutdown', () => {
  it('disconnects dashboards and still shuts down promptly with exit code 0', async () => {
    const t = await startTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const project = await createProject(t);
    const dashboard = new EchoClient(await t.app.getUrl(), auth(project.organizer.token));
    try {
      expect(await dashboard.subscribe(feedChannel(project.projectSlug))).toBeUndefined();
      const disconnected = new Promise((resolve) => dashboard.socket.on('disconnect', resolve));
      const exit = jest.fn();
      const started = Date.now();

      await gracefulShutdown(t.app, { timeoutMs: 10_000, exit })('SIGTERM');

      expect(exit).toHaveBeenCalledWith(0);
      expect(Date.now() - started).toBeLessThan(5_000);
      await disconnected;
    } finally {
      dashboard.close();
    }
  });
});

function auth(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}
