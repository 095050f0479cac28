import { randomUUID } from 'node:crypto';
import {
  bearer,
  createEvent,
  createOccurrence,
  createOrganization,
  createUser,
  type TestUser,
} from '../support/factories';
import type { TestApp } from '../support/test-app';
import { itLogsNoSecrets, startSecurityApp } from './security-fixture';

const PASSWORD = 'correct-horse-battery-staple';
const LATER = '2001-01-01T00:00:00.000Z';

interface Attendance {
  id: string;
  userId: string;
  eventId: string;
  status: string;
}

/**
 * Bodies that try to set what their sender may not: a role, an organization, a status only
 * managers or check-in give, another person's id, or the fields Turnout computes. Each is refused
 * (400 for unknown properties, 403/404 beyond the caller's reach), and reading back shows nothing
 * changed: a refused body is never half applied.
 */
describe('mass assignment', () => {
  let t: TestApp;
  let admin: TestUser;
  let organizer: TestUser;
  let home: { id: string; slug: string };
  let elsewhere: string;
  let event: { id: string; slug: string };
  let occurrenceId: string;

  beforeAll(async () => {
    t = await startSecurityApp();
    admin = await createUser(t, { role: 'ADMIN' });
    home = await createOrganization(t);
    elsewhere = (await createOrganization(t)).id;
    organizer = await createUser(t, { role: 'ORGANIZER', organizationId: home.id });
    event = await createEvent(t, home.id, { capacity: 100 });
    occurrenceId = (await createOccurrence(t, event.id)).id;
  });
  afterAll(() => t.close());

  const as = (user: TestUser) => bearer(user.token);
  const profile = async (id: string) =>
    (await t.http().get(`/api/users/${id}`).set(as(admin)).expect(200)).body as Record<
      string,
      unknown
    >;
  const attendances = async () =>
    (await t.http().get(`/api/events/${event.id}`).set(as(admin)).expect(200)).body
      .attendances as Attendance[];
  const attend = async (user: TestUser) =>
    (
      await t
        .http()
        .post('/api/attendances')
        .set(as(user))
        .send({ userId: user.id, eventId: event.id, state: 'CONFIRMADO' })
        .expect(201)
    ).body as Attendance;

  /** Sends each body, expects every one refused with one of `statuses`, and returns the answers. */
  async function expectRefused(
    send: (body: object) => Promise<{ status: number; body: unknown }>,
    bodies: object[],
    statuses: number[],
  ) {
    for (const body of bodies) {
      const res = await send(body);
      expect({ body, refused: statuses.includes(res.status) }).toEqual({ body, refused: true });
    }
  }

  describe("a User's own account", () => {
    let user: TestUser;
    let other: TestUser;
    beforeEach(async () => {
      user = await createUser(t, { organizationId: home.id, name: 'Plain User' });
      other = await createUser(t, { name: 'Someone Else' });
    });

    it('cannot register with a role, an organization or computed fields', async () => {
      const email = `climber-${randomUUID().slice(0, 8)}@example.com`;
      await expectRefused(
        (extra) =>
          t
            .http()
            .post('/api/auth/register')
            .send({ email, password: PASSWORD, ...extra }),
        [
          { role: 'ADMIN' },
          { role: 'ORGANIZER' },
          { organizationId: home.id },
          { isActive: false },
          { id: other.id },
          { passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA' },
          { createdAt: LATER },
        ],
        [400],
      );

      const login = await t.http().post('/api/auth/login').send({ email, password: PASSWORD });
      expect(login.status).toBe(401);
    });

    it('cannot raise their role, move organization or rewrite what Turnout keeps', async () => {
      const before = await profile(user.id);

      await expectRefused(
        (body) => t.http().patch(`/api/users/${user.id}`).set(as(user)).send(body),
        [
          { role: 'ADMIN' },
          { role: 'ORGANIZER' },
          { organizationId: elsewhere },
          { organizationId: null },
          { isActive: false },
          { name: 'Sneaky', role: 'ADMIN' },
          { name: 'Sneaky', organizationId: elsewhere },
          { id: other.id },
          { email: 'new-address@example.com' },
          { passwordHash: 'x' },
          { createdAt: LATER },
          { membership: { name: 'Gold', startsAt: LATER, endsAt: null } },
        ],
        [400, 403],
      );

      expect(await profile(user.id)).toEqual(before);
      const me = await t.http().get('/api/auth/me').set(as(user));
      expect(me.body).toMatchObject({ role: 'USER', organizationId: home.id });
    });

    it("cannot change another user's profile, whatever the body says", async () => {
      const before = await profile(other.id);

      await expectRefused(
        (body) => t.http().patch(`/api/users/${other.id}`).set(as(user)).send(body),
        [{ name: 'Hijacked' }, { role: 'USER' }, { isActive: false }],
        [403, 404],
      );

      expect(await profile(other.id)).toEqual(before);
    });

    it('cannot give themselves a membership', async () => {
      await expectRefused(
        (body) => t.http().post(`/api/users/${user.id}/memberships`).set(as(user)).send(body),
        [{ name: 'Platinum', startsAt: LATER, endsAt: null }],
        [403, 404],
      );
      const memberships = await t
        .http()
        .get(`/api/users/${user.id}/memberships`)
        .set(as(admin))
        .expect(200);
      expect(memberships.body).toEqual([]);
    });
  });

  describe('attendances (seed 000)', () => {
    let user: TestUser;
    let other: TestUser;
    beforeEach(async () => {
      user = await createUser(t, { organizationId: home.id });
      other = await createUser(t);
    });

    it("cannot register another user, nor set a status, an id or another user's id", async () => {
      await expectRefused(
        (body) => t.http().post('/api/attendances').set(as(user)).send(body),
        [
          { userId: other.id, eventId: event.id, state: 'CONFIRMADO' },
          { userId: user.id, eventId: event.id, state: 'ATTENDED' },
          { userId: user.id, eventId: event.id, state: 'CONFIRMADO', status: 'ATTENDED' },
          { userId: user.id, eventId: event.id, state: 'CONFIRMADO', id: randomUUID() },
          { userId: user.id, eventId: event.id, state: 'CONFIRMADO', user_id: other.id },
          { userId: user.id, eventId: event.id, state: 'CONFIRMADO', organizationId: elsewhere },
        ],
        [400, 403, 404],
      );

      const mine = (await attendances()).filter((a) => [user.id, other.id].includes(a.userId));
      expect(mine).toEqual([]);
      // Positive control: the plain body the rules allow goes through.
      expect((await attend(user)).status).toBe('CONFIRMED');
    });

    it('cannot turn their own attendance into ATTENDED or hand it to someone else', async () => {
      const attendance = await attend(user);

      await expectRefused(
        (body) => t.http().put(`/api/attendances/${attendance.id}`).set(as(user)).send(body),
        [
          { state: 'ATTENDED' },
          { state: 'CONFIRMADO', status: 'ATTENDED' },
          { state: 'CONFIRMADO', userId: other.id },
          { state: 'CONFIRMADO', eventId: randomUUID() },
          { state: 'PENDIENTE', checkedInAt: LATER },
        ],
        [400],
      );

      expect((await attendances()).find((a) => a.id === attendance.id)).toMatchObject({
        userId: user.id,
        eventId: event.id,
        status: 'CONFIRMED',
      });
    });

    it("cannot change or remove another user's attendance", async () => {
      const theirs = await attend(other);

      const changed = await t
        .http()
        .put(`/api/attendances/${theirs.id}`)
        .set(as(user))
        .send({ state: 'CANCELADO' });
      const removed = await t.http().delete(`/api/attendances/${theirs.id}`).set(as(user));

      expect([403, 404]).toContain(changed.status);
      expect([403, 404]).toContain(removed.status);
      expect((await attendances()).find((a) => a.id === theirs.id)).toMatchObject({
        userId: other.id,
        status: 'CONFIRMED',
      });
    });

    it("cannot reach their attendance through the managers' dialects", async () => {
      const attendance = await attend(user);
      const project = `/api/v1/projects/${home.slug}/${event.slug}`;

      const attempts = [
        await t
          .http()
          .put(`/api/v1/event-registrations/${attendance.id}`)
          .set(as(user))
          .send({ status: 'ATTENDED' }),
        await t
          .http()
          .patch(`${project}/attendees/${attendance.id}`)
          .set(as(user))
          .send({ first_name: 'Self', last_name: 'Promoted' }),
        await t
          .http()
          .post(`${project}/check-ins`)
          .set(as(user))
          .send({ attendee_id: attendance.id, direction: 'in' }),
        await t
          .http()
          .post('/api/v1/event-registrations')
          .set(as(user))
          .send({ occurrenceId, externalUserId: user.id }),
      ];

      expect(attempts.map((res) => res.status).filter((s) => ![403, 404].includes(s))).toEqual([]);
      expect((await attendances()).find((a) => a.id === attendance.id)).toMatchObject({
        status: 'CONFIRMED',
      });
    });
  });

  describe("managers' bodies cannot set what Turnout computes", () => {
    const project = () => `/api/v1/projects/${home.slug}/${event.slug}`;
    const attendee = async () =>
      (
        await t
          .http()
          .post(`${project()}/attendees`)
          .set(as(organizer))
          .send({ first_name: 'Ada', last_name: 'Managed' })
          .expect(201)
      ).body.data as Record<string, unknown> & { id: string };
    const computed = (user: TestUser) => [
      { status: 'ATTENDED' },
      { id: randomUUID() },
      { created_at: LATER },
      { updated_at: LATER },
      { checked_in_at: LATER },
      { event_id: randomUUID() },
      { user_id: user.id },
      { credentials: [{ value: 'forged' }] },
    ];

    it('GxP: not on create, single or batch', async () => {
      const user = await createUser(t);
      const total = async () =>
        (await t.http().get(`${project()}/attendees`).set(as(organizer)).expect(200)).body.meta
          .total as number;
      const before = await total();

      await expectRefused(
        (extra) =>
          t
            .http()
            .post(`${project()}/attendees`)
            .set(as(organizer))
            .send({ first_name: 'Mallory', last_name: 'Create', ...extra }),
        computed(user),
        [400],
      );
      await expectRefused(
        (extra) =>
          t
            .http()
            .post(`${project()}/attendees/batch`)
            .set(as(organizer))
            .send({ resources: [{ first_name: 'Mallory', last_name: 'Batch', ...extra }] }),
        computed(user),
        [400],
      );

      expect(await total()).toBe(before);
    });

    it('GxP: not on PUT, PATCH or batch PATCH', async () => {
      const user = await createUser(t);
      const existing = await attendee();

      for (const method of ['put', 'patch'] as const) {
        await expectRefused(
          (body) =>
            t.http()[method](`${project()}/attendees/${existing.id}`).set(as(organizer)).send(body),
          computed(user),
          [400],
        );
      }
      await expectRefused(
        (body) =>
          t
            .http()
            .patch(`${project()}/attendees/batch`)
            .set(as(organizer))
            .send({ resources: { [existing.id]: body } }),
        computed(user),
        [400],
      );

      const after = await t
        .http()
        .get(`${project()}/attendees/${existing.id}`)
        .set(as(organizer))
        .expect(200);
      expect(after.body.data).toEqual({ ...existing, attendee_type: null });
    });

    it('event registrations: free-form fields stay data, never a role, a user or a status', async () => {
      const person = await createUser(t, { organizationId: home.id });
      const registration = (
        await t
          .http()
          .post('/api/v1/event-registrations')
          .set(as(organizer))
          .send({ occurrenceId, externalUserId: `ext-${randomUUID()}` })
          .expect(201)
      ).body as { id: string; user: { id: string; role: string }; status: string };

      await expectRefused(
        (body) =>
          t
            .http()
            .put(`/api/v1/event-registrations/${registration.id}`)
            .set(as(organizer))
            .send(body),
        [
          { userId: person.id },
          { user: { id: person.id, role: 'admin' } },
          { occurrenceId: randomUUID() },
          { deletedAt: LATER },
          { createdAt: LATER },
        ],
        [400],
      );
      const res = await t
        .http()
        .put(`/api/v1/event-registrations/${registration.id}`)
        .set(as(organizer))
        .send({ fields: { role: 'admin', userId: person.id, status: 'ATTENDED' } })
        .expect(200);

      expect(res.body).toMatchObject({
        status: registration.status,
        user: { id: registration.user.id, role: 'attendee' },
        fields: { role: 'admin', userId: person.id, status: 'ATTENDED' },
      });
      expect(await profile(person.id)).toMatchObject({ role: 'USER' });
    });

    it('API keys and events: not another role or another organization', async () => {
      await expectRefused(
        (body) => t.http().post('/api/api-keys').set(as(organizer)).send(body),
        [
          { name: 'root', role: 'ADMIN' },
          { name: 'abroad', role: 'ORGANIZER', organizationId: elsewhere },
        ],
        [400, 403, 404],
      );
      await expectRefused(
        (body) => t.http().post('/api/events').set(as(organizer)).send(body),
        [
          { title: 'Abroad', organizationId: elsewhere },
          { title: 'Planted', createdById: admin.id },
          { title: 'Seated', seatsHeld: 5 },
        ],
        [400, 403, 404],
      );

      const keys = await t.http().get('/api/api-keys').set(as(admin)).expect(200);
      expect(
        keys.body.filter((k: { name: string }) => ['root', 'abroad'].includes(k.name)),
      ).toEqual([]);
      const events = await t
        .http()
        .get(`/api/events?organizationId=${elsewhere}&perPage=100`)
        .set(as(admin))
        .expect(200);
      expect(events.body.meta.total).toBe(0);
    });
  });

  itLogsNoSecrets(() => [PASSWORD]);
});
