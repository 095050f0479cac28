import {
  bearer,
  createEvent,
  createOccurrence,
  createOrganization,
  createUser,
} from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Capacity under concurrency. Meaningful on PostgreSQL (CI runs it there): PGlite has one
 * connection and serialises every request, so on PGlite this runs but proves nothing.
 *
 * Negative control (checked by hand on PostgreSQL): with SeatsService.take turned into a
 * read-then-write (read seats_held and capacity, pause 5 ms to widen the window, then increment
 * unconditionally), the first test fails: racing requests all see a free seat, and the oversell is stopped only by the
 * seats_held <= capacity CHECK, as 500s instead of waiting-list places.
 */
describe('capacity under concurrency', () => {
  let t: TestApp;
  let base: string;
  let apiKey: string;
  let organizationId: string;
  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = await t.app.getUrl();
    organizationId = (await createOrganization(t)).id;
    const organizer = await createUser(t, { role: 'ORGANIZER', organizationId });
    apiKey = (
      await t
        .http()
        .post('/api/api-keys')
        .set(bearer(organizer.token))
        .send({ name: 'race', role: 'ORGANIZER' })
    ).body.key;
  });
  afterAll(() => t.close());

  const call = async (method: string, path: string, body?: object) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as { id: string; status: string } };
  };
  const statuses = async (occurrenceId: string) => {
    const rows: Array<{ id: string; status: string; waitlisted_at: Date | null }> = await t.orm.em
      .fork()
      .getConnection()
      .execute(
        'select id, status, waitlisted_at from attendees where occurrence_id = ? and deleted_at is null order by waitlisted_at, id',
        [occurrenceId],
      );
    return rows;
  };

  it('seats exactly 50 of 200 simultaneous registrants and waitlists the other 150, then promotes the 10 earliest when 10 cancel', async () => {
    const event = await createEvent(t, organizationId);
    const occurrence = await createOccurrence(t, event.id, { capacity: 50 });

    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        call('POST', '/api/v1/event-registrations', {
          occurrenceId: occurrence.id,
          externalUserId: `racer-${i}`,
        }),
      ),
    );

    expect(results.map((r) => r.status)).toEqual(Array(200).fill(201));
    const rows = await statuses(occurrence.id);
    expect(new Set(rows.map((row) => row.id)).size).toBe(200);
    const seated = rows.filter((row) => row.status === 'CONFIRMED');
    const waiting = rows.filter((row) => row.status === 'WAITING_LIST');
    expect([seated.length, waiting.length]).toEqual([50, 150]);
    expect(results.filter((r) => r.body.status === 'CONFIRMED')).toHaveLength(50);
    const seats = await call('GET', `/api/events/${event.id}/occurrences/${occurrence.id}`);
    expect((seats.body as unknown as { registrations: number }).registrations).toBe(50);

    const leaving = seated.slice(0, 10);
    const cancelled = await Promise.all(
      leaving.map((row) =>
        call('PUT', `/api/v1/event-registrations/${row.id}`, { status: 'CANCELLED' }),
      ),
    );

    expect(cancelled.map((r) => r.status)).toEqual(Array(10).fill(200));
    const after = await statuses(occurrence.id);
    const promoted = waiting.slice(0, 10).map((row) => row.id);
    const stillWaiting = waiting.slice(10).map((row) => row.id);
    const statusOf = new Map(after.map((row) => [row.id, row.status]));
    expect(promoted.map((id) => statusOf.get(id))).toEqual(Array(10).fill('CONFIRMED'));
    expect(stillWaiting.every((id) => statusOf.get(id) === 'WAITING_LIST')).toBe(true);
    expect(after.filter((row) => row.status === 'CONFIRMED')).toHaveLength(50);
  });

  it('never lets two registrations of the same person through at once', async () => {
    const event = await createEvent(t, organizationId);
    const occurrence = await createOccurrence(t, event.id, { capacity: 100 });

    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        call('POST', '/api/v1/event-registrations', {
          occurrenceId: occurrence.id,
          externalUserId: 'twin',
        }),
      ),
    );

    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(19);
    expect(await statuses(occurrence.id)).toHaveLength(1);
    const seats = await call('GET', `/api/events/${event.id}/occurrences/${occurrence.id}`);
    expect((seats.body as unknown as { registrations: number }).registrations).toBe(1);
  });

  // Seed 000 books at event level (its API has no occurrence), so it races for the event's capacity.
  it('seats exactly 20 of 60 users registering themselves at once through /api/attendances', async () => {
    const event = await createEvent(t, organizationId, { capacity: 20 });
    const users = await Promise.all(Array.from({ length: 60 }, () => createUser(t)));

    const results = await Promise.all(
      users.map(async (user) => {
        const res = await fetch(`${base}/api/attendances`, {
          method: 'POST',
          headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ userId: user.id, eventId: event.id, state: 'CONFIRMADO' }),
        });
        return { status: res.status, body: (await res.json()) as { status: string } };
      }),
    );

    expect(results.map((r) => r.status)).toEqual(Array(60).fill(201));
    expect(results.filter((r) => r.body.status === 'CONFIRMED')).toHaveLength(20);
    expect(results.filter((r) => r.body.status === 'WAITING_LIST')).toHaveLength(40);
    const detail = (await (await fetch(`${base}/api/events/${event.id}`)).json()) as {
      attendancesCount: number;
    };
    expect(detail.attendancesCount).toBe(20);
  });
});
