import { randomUUID } from 'node:crypto';
import {
  appointManager,
  bearer,
  createEvent,
  createOrganization,
  createUser,
  type TestUser,
} from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

const problemType = (code: string) => `https://turnout.dev/problems/${code}`;
const unique = () => randomUUID().slice(0, 8);

interface Attendance {
  id: string;
  userId: string;
  userName: string;
  eventId: string;
  state: string;
  status: string;
}

describe('attendances (seed 000)', () => {
  let t: TestApp;
  let organizationId: string;
  let organizer: TestUser;
  let admin: TestUser;
  beforeAll(async () => {
    t = await startTestApp();
    organizationId = (await createOrganization(t)).id;
    organizer = await createUser(t, { role: 'ORGANIZER', organizationId });
    admin = await createUser(t, { role: 'ADMIN' });
  });
  afterAll(() => t.close());

  const sql = (query: string, params: unknown[]) =>
    t.orm.em.fork().getConnection().execute(query, params);
  const register = (caller: TestUser, body: { userId: string; eventId: string; state: string }) =>
    t.http().post('/api/attendances').set(bearer(caller.token)).send(body);
  const registerSelf = (user: TestUser, eventId: string, state = 'CONFIRMADO') =>
    register(user, { userId: user.id, eventId, state });
  const put = (caller: TestUser, id: string, state: string) =>
    t.http().put(`/api/attendances/${id}`).set(bearer(caller.token)).send({ state });
  const del = (caller: TestUser, id: string) =>
    t.http().delete(`/api/attendances/${id}`).set(bearer(caller.token));
  const eventDetail = async (eventId: string) =>
    (await t.http().get(`/api/events/${eventId}`).expect(200)).body as {
      attendances: Attendance[];
      attendancesCount: number;
    };
  const stateOf = async (eventId: string, attendanceId: string) => {
    const found = (await eventDetail(eventId)).attendances.find((a) => a.id === attendanceId);
    return found && { state: found.state, status: found.status };
  };
  const users = (count: number) => Promise.all(Array.from({ length: count }, () => createUser(t)));

  describe('registering', () => {
    it('registers the caller with every field of the AttendanceDto, their active membership included', async () => {
      const event = await createEvent(t, organizationId, { title: 'Annual Gala', capacity: 10 });
      const user = await createUser(t, { name: 'Ada Lovelace' });
      const membership = await t
        .http()
        .post(`/api/users/${user.id}/memberships`)
        .set(bearer(admin.token))
        .send({ name: 'Gold', startsAt: '2020-01-01T00:00:00Z' })
        .expect(201);

      const res = await registerSelf(user, event.id, 'CONFIRMADO');

      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        userId: user.id,
        userName: 'Ada Lovelace',
        userMembership: {
          id: membership.body.id,
          name: 'Gold',
          startsAt: '2020-01-01T00:00:00.000Z',
          endsAt: null,
        },
        eventId: event.id,
        eventTitle: 'Annual Gala',
        state: 'CONFIRMADO',
        status: 'CONFIRMED',
      });
      // The event page shows the same attendance (it is read another way: one query, no entities).
      expect(await eventDetail(event.id)).toEqual({
        ...(await eventDetail(event.id)),
        attendances: [res.body],
        attendancesCount: 1,
      });
    });

    it('registers as PENDIENTE, with a null membership and the "first last" name when there is no display name', async () => {
      const event = await createEvent(t, organizationId);
      const user = await createUser(t);
      await sql('update users set name = null, first_name = ?, last_name = ? where id = ?', [
        'Grace',
        'Hopper',
        user.id,
      ]);

      const res = await registerSelf(user, event.id, 'PENDIENTE');

      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        userName: 'Grace Hopper',
        userMembership: null,
        state: 'PENDIENTE',
        status: 'PENDING',
      });
    });

    it('refuses to start an attendance CANCELADO with 422', async () => {
      const event = await createEvent(t, organizationId);
      const user = await createUser(t);

      const res = await registerSelf(user, event.id, 'CANCELADO');

      expect(res.status).toBe(422);
      expect(res.body.type).toBe(problemType('cancelled-on-create'));
    });

    it('rejects an unknown state with a 400 pointing at /state', async () => {
      const event = await createEvent(t, organizationId);
      const user = await createUser(t);

      const res = await registerSelf(user, event.id, 'CONFIRMED');

      expect(res.status).toBe(400);
      expect(res.body.type).toBe(problemType('validation'));
      expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/state' })]);
    });

    it('forbids a user registering someone else (403), and hides drafts they cannot see (404)', async () => {
      const event = await createEvent(t, organizationId);
      const draft = await createEvent(t, organizationId, { status: 'DRAFT' });
      const [user, other] = await users(2);

      const published = await register(user, {
        userId: other.id,
        eventId: event.id,
        state: 'CONFIRMADO',
      });
      const hidden = await registerSelf(user, draft.id);

      expect(published.status).toBe(403);
      expect(hidden.status).toBe(404);
    });

    it('lets an organizer of the event’s organization register a user', async () => {
      const event = await createEvent(t, organizationId);
      const user = await createUser(t);

      const res = await register(organizer, {
        userId: user.id,
        eventId: event.id,
        state: 'CONFIRMADO',
      });

      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ userId: user.id, eventId: event.id, state: 'CONFIRMADO' });
    });

    it('answers 422 when a manager registers a user that does not exist', async () => {
      const event = await createEvent(t, organizationId);

      const res = await register(organizer, {
        userId: randomUUID(),
        eventId: event.id,
        state: 'CONFIRMADO',
      });

      expect(res.status).toBe(422);
      expect(res.body.type).toBe(problemType('unknown-user'));
    });

    it('puts a newcomer to a full event on the waiting list: PENDIENTE, status WAITING_LIST', async () => {
      const event = await createEvent(t, organizationId, { capacity: 1 });
      const [first, second] = await users(2);
      await registerSelf(first, event.id).expect(201);

      const res = await registerSelf(second, event.id, 'CONFIRMADO');

      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ state: 'PENDIENTE', status: 'WAITING_LIST' });
    });

    it('refuses a newcomer to a full event without a waiting list with 409 event-full', async () => {
      const event = await createEvent(t, organizationId, { capacity: 1 });
      await sql('update events set waitlist_enabled = false where id = ?', [event.id]);
      const [first, second] = await users(2);
      await registerSelf(first, event.id).expect(201);

      const res = await registerSelf(second, event.id);

      expect(res.status).toBe(409);
      expect(res.body.type).toBe(problemType('event-full'));
    });

    it('refuses a second active registration of the same user with 409 already-registered', async () => {
      const event = await createEvent(t, organizationId);
      const user = await createUser(t);
      await registerSelf(user, event.id).expect(201);

      const res = await registerSelf(user, event.id, 'PENDIENTE');

      expect(res.status).toBe(409);
      expect(res.body.type).toBe(problemType('already-registered'));
    });
  });

  describe('changing the state', () => {
    it('cancels, freeing the seat for the earliest waiting attendee; coming back competes for a seat', async () => {
      const event = await createEvent(t, organizationId, { capacity: 1 });
      const [holder, earliest, later] = await users(3);
      const held = (await registerSelf(holder, event.id).expect(201)).body as Attendance;
      const waiting = (await registerSelf(earliest, event.id).expect(201)).body as Attendance;
      const last = (await registerSelf(later, event.id).expect(201)).body as Attendance;

      const cancelled = await put(holder, held.id, 'CANCELADO');

      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({
        id: held.id,
        state: 'CANCELADO',
        status: 'CANCELLED',
      });
      expect(await stateOf(event.id, waiting.id)).toEqual({
        state: 'CONFIRMADO',
        status: 'CONFIRMED',
      });
      expect(await stateOf(event.id, last.id)).toEqual({
        state: 'PENDIENTE',
        status: 'WAITING_LIST',
      });

      const back = await put(holder, held.id, 'CONFIRMADO');

      expect(back.status).toBe(200);
      expect(back.body).toMatchObject({ state: 'PENDIENTE', status: 'WAITING_LIST' });
    });

    it('refuses to revive a cancelled attendance while the user has registered anew (409)', async () => {
      const event = await createEvent(t, organizationId);
      const user = await createUser(t);
      const old = (await registerSelf(user, event.id).expect(201)).body as Attendance;
      await put(user, old.id, 'CANCELADO').expect(200);
      await registerSelf(user, event.id).expect(201);

      const res = await put(user, old.id, 'CONFIRMADO');

      expect(res.status).toBe(409);
      expect(res.body.type).toBe(problemType('already-registered'));
      expect((await eventDetail(event.id)).attendancesCount).toBe(1);
    });

    it('lets the attendee move between CONFIRMADO and PENDIENTE while holding a seat', async () => {
      const event = await createEvent(t, organizationId, { capacity: 1 });
      const user = await createUser(t);
      const attendance = (await registerSelf(user, event.id, 'PENDIENTE').expect(201)).body;

      const res = await put(user, attendance.id, 'CONFIRMADO');

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ state: 'CONFIRMADO', status: 'CONFIRMED' });
    });

    it('refuses a transition the attendee may not make with 409 naming both statuses', async () => {
      const event = await createEvent(t, organizationId, { capacity: 1 });
      const [holder, waiting] = await users(2);
      await registerSelf(holder, event.id).expect(201);
      const queued = (await registerSelf(waiting, event.id).expect(201)).body as Attendance;

      const res = await put(waiting, queued.id, 'CONFIRMADO');

      expect(res.status).toBe(409);
      expect(res.body.type).toBe(problemType('invalid-transition'));
      expect(res.body.detail).toContain('WAITING_LIST');
      expect(res.body.detail).toContain('CONFIRMED');
      expect(res.body).toMatchObject({ from: 'WAITING_LIST', to: 'CONFIRMED' });
    });

    it('treats asking for the state already shown as no change (a waiting attendee stays in line)', async () => {
      const event = await createEvent(t, organizationId, { capacity: 1 });
      const [holder, waiting] = await users(2);
      await registerSelf(holder, event.id).expect(201);
      const queued = (await registerSelf(waiting, event.id).expect(201)).body as Attendance;

      const res = await put(waiting, queued.id, 'PENDIENTE');

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ state: 'PENDIENTE', status: 'WAITING_LIST' });
    });

    it('lets the event’s managers change anyone’s attendance, and a signup manager too', async () => {
      const event = await createEvent(t, organizationId, { capacity: 1 });
      const [holder, waiting, signupManager] = await users(3);
      await appointManager(t, event.id, signupManager.id);
      const held = (await registerSelf(holder, event.id).expect(201)).body as Attendance;
      const queued = (await registerSelf(waiting, event.id).expect(201)).body as Attendance;

      expect((await put(organizer, held.id, 'CANCELADO')).body.status).toBe('CANCELLED');
      expect(await stateOf(event.id, queued.id)).toEqual({
        state: 'CONFIRMADO',
        status: 'CONFIRMED',
      });
      expect((await put(signupManager, queued.id, 'PENDIENTE')).body).toMatchObject({
        state: 'PENDIENTE',
        status: 'PENDING',
      });
    });

    it('answers 403 to others on a visible attendance and 404 on one they cannot see', async () => {
      const event = await createEvent(t, organizationId);
      const draft = await createEvent(t, organizationId, { status: 'DRAFT' });
      const [attendee, stranger] = await users(2);
      const visible = (await registerSelf(attendee, event.id).expect(201)).body as Attendance;
      const hidden = (
        await register(organizer, {
          userId: attendee.id,
          eventId: draft.id,
          state: 'CONFIRMADO',
        }).expect(201)
      ).body as Attendance;

      expect((await put(stranger, visible.id, 'CANCELADO')).status).toBe(403);
      expect((await del(stranger, visible.id)).status).toBe(403);
      expect((await put(stranger, hidden.id, 'CANCELADO')).status).toBe(404);
      expect((await del(stranger, hidden.id)).status).toBe(404);
      expect((await put(stranger, randomUUID(), 'CANCELADO')).status).toBe(404);
    });

    it('rejects an unknown state with a 400 pointing at /state', async () => {
      const res = await put(organizer, randomUUID(), 'cancelled');

      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/state' })]);
    });
  });

  describe('deleting', () => {
    it('removes the record entirely (204) and gives its seat to the next in line', async () => {
      const title = `Delete ${unique()}`;
      const event = await createEvent(t, organizationId, { capacity: 1, title });
      const [holder, waiting] = await users(2);
      const held = (await registerSelf(holder, event.id).expect(201)).body as Attendance;
      const queued = (await registerSelf(waiting, event.id).expect(201)).body as Attendance;

      const res = await del(holder, held.id);

      expect(res.status).toBe(204);
      const listed = await t
        .http()
        .get('/api/attendances')
        .query({ searchTerm: title })
        .expect(200);
      expect(listed.body.data.map((a: Attendance) => a.id)).toEqual([queued.id]);
      expect(listed.body.data[0]).toMatchObject({ state: 'CONFIRMADO', status: 'CONFIRMED' });
      expect((await eventDetail(event.id)).attendances.map((a) => a.id)).toEqual([queued.id]);
      expect((await del(holder, held.id)).status).toBe(404);
    });
  });

  describe('the public list', () => {
    const token = unique();
    let published: string;
    const registered: string[] = [];
    let draftAttendance: string;
    let named: string;
    beforeAll(async () => {
      published = (await createEvent(t, organizationId, { title: `Paged ${token} Meetup` })).id;
      const draft = await createEvent(t, organizationId, {
        title: `Draft ${token}`,
        status: 'DRAFT',
      });
      const other = await createEvent(t, organizationId, { title: 'Unrelated' });
      for (const user of await users(12)) {
        registered.push((await registerSelf(user, published).expect(201)).body.id);
      }
      const guest = await createUser(t);
      draftAttendance = (
        await register(organizer, {
          userId: guest.id,
          eventId: draft.id,
          state: 'CONFIRMADO',
        }).expect(201)
      ).body.id;
      const zelda = await createUser(t, { name: `Zelda Q${token}` });
      named = (await registerSelf(zelda, other.id).expect(201)).body.id;
    });
    const list = (query: Record<string, string | number>) =>
      t.http().get('/api/attendances').query(query);

    it('is public, pages by 10 in creation order, and excludes drafts', async () => {
      const first = await list({ searchTerm: token.toUpperCase() });
      const second = await list({ searchTerm: token, page: 2 });

      expect(first.status).toBe(200);
      expect(first.body.meta).toEqual({ page: 1, perPage: 10, total: 13, totalPages: 2 });
      expect(first.body.data).toHaveLength(10);
      expect(second.body.meta).toEqual({ page: 2, perPage: 10, total: 13, totalPages: 2 });
      expect(second.body.data).toHaveLength(3);
      const all = [...first.body.data, ...second.body.data].map((a: Attendance) => a.id);
      expect(all).toEqual([...registered, named]);
      expect(all).not.toContain(draftAttendance);
    });

    it('searches the user’s name and the event’s title, case-insensitively', async () => {
      const byName = await list({ searchTerm: `zelda q${token}` });
      const byTitle = await list({ searchTerm: `paged ${token} MEETUP` });

      expect(byName.body.data.map((a: Attendance) => a.id)).toEqual([named]);
      expect(byName.body.data[0]).toMatchObject({
        userName: `Zelda Q${token}`,
        eventTitle: 'Unrelated',
      });
      expect(byTitle.body.meta.total).toBe(12);
    });

    it('takes % and _ in the search term literally', async () => {
      expect((await list({ searchTerm: `Paged%${token}` })).body.meta.total).toBe(0);
      expect((await list({ searchTerm: `Paged_${token}` })).body.meta.total).toBe(0);
    });

    it('answers an empty page past the end, and 400 for a page below 1', async () => {
      const past = await list({ searchTerm: token, page: 5 });
      const bad = await list({ page: 0 });

      expect(past.body).toEqual({
        data: [],
        meta: { page: 5, perPage: 10, total: 13, totalPages: 2 },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0]).toMatchObject({ pointer: '/page', in: 'query' });
    });
  });

  describe('GET /api/events/{id}', () => {
    it('lists every attendance and counts the seat-holding ones', async () => {
      const event = await createEvent(t, organizationId, { capacity: 2 });
      const [confirmed, pending, waiting, cancelled] = await users(4);
      const c = (await registerSelf(confirmed, event.id, 'CONFIRMADO').expect(201)).body;
      const gone = (await registerSelf(cancelled, event.id, 'CONFIRMADO').expect(201)).body;
      await put(cancelled, gone.id, 'CANCELADO').expect(200);
      const p = (await registerSelf(pending, event.id, 'PENDIENTE').expect(201)).body;
      const w = (await registerSelf(waiting, event.id, 'CONFIRMADO').expect(201)).body;

      const detail = await eventDetail(event.id);

      expect(detail.attendancesCount).toBe(2);
      expect(detail.attendances.map((a) => [a.id, a.state, a.status])).toEqual([
        [c.id, 'CONFIRMADO', 'CONFIRMED'],
        [gone.id, 'CANCELADO', 'CANCELLED'],
        [p.id, 'PENDIENTE', 'PENDING'],
        [w.id, 'PENDIENTE', 'WAITING_LIST'],
      ]);
      expect(detail.attendances[0]).toEqual(c);
    });

    it('shows an event without attendances with an empty list and a zero count', async () => {
      const event = await createEvent(t, organizationId);

      expect(await eventDetail(event.id)).toMatchObject({ attendances: [], attendancesCount: 0 });
    });
  });
});
