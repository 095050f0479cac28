import { OfferExpiryWorker } from 'src/modules/registrations/offer-expiry.worker';
import {
  bearer,
  createEvent,
  createOccurrence,
  createOrganization,
  createUser,
  type TestUser,
} from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

const PATH = '/api/v1/event-registrations';

describe('waiting list policies', () => {
  let t: TestApp;
  let organizationId: string;
  let organizer: TestUser;
  beforeAll(async () => {
    t = await startTestApp();
    organizationId = (await createOrganization(t)).id;
    organizer = await createUser(t, { role: 'ORGANIZER', organizationId });
  });
  afterAll(() => t.close());

  const register = (occurrenceId: string, externalUserId: string) =>
    t.http().post(PATH).set(bearer(organizer.token)).send({ occurrenceId, externalUserId });
  const setStatus = (id: string, status: string) =>
    t.http().put(`${PATH}/${id}`).set(bearer(organizer.token)).send({ status });
  const row = async (id: string) => {
    const [found]: Array<{
      status: string;
      offer_expires_at: Date | null;
      cancel_reason: string | null;
    }> = await t.orm.em
      .fork()
      .getConnection()
      .execute('select status, offer_expires_at, cancel_reason from attendees where id = ?', [id]);
    return found;
  };
  const offerEvent = async () => {
    const event = await createEvent(t, organizationId);
    await t
      .http()
      .patch(`/api/events/${event.id}`)
      .set(bearer(organizer.token))
      .send({ waitlistPolicy: 'OFFER', offerTtlMinutes: 30 })
      .expect(200);
    return createOccurrence(t, event.id, { capacity: 1 });
  };

  it('under OFFER, offers the freed seat to the earliest waiting as PENDING until offerExpiresAt', async () => {
    const occurrence = await offerEvent();
    const holder = (await register(occurrence.id, 'o-1')).body;
    const next = (await register(occurrence.id, 'o-2')).body;
    const before = Date.now();

    await setStatus(holder.id, 'CANCELLED').expect(200);

    const offered = await row(next.id);
    expect(offered.status).toBe('PENDING');
    const expiresIn = new Date(offered.offer_expires_at!).getTime() - before;
    expect(expiresIn).toBeGreaterThan(29 * 60_000);
    expect(expiresIn).toBeLessThan(31 * 60_000);
  });

  it('lapses an offer not confirmed in time and offers the seat to the next in line', async () => {
    const occurrence = await offerEvent();
    const holder = (await register(occurrence.id, 'x-1')).body;
    const first = (await register(occurrence.id, 'x-2')).body;
    const second = (await register(occurrence.id, 'x-3')).body;
    await setStatus(holder.id, 'CANCELLED').expect(200);
    await t.orm.em
      .fork()
      .getConnection()
      .execute(`update attendees set offer_expires_at = now() - interval '1 minute' where id = ?`, [
        first.id,
      ]);

    const lapsed = await t.app.get(OfferExpiryWorker).sweep();

    expect(lapsed).toBeGreaterThanOrEqual(1);
    expect(await row(first.id)).toMatchObject({
      status: 'CANCELLED',
      cancel_reason: 'offer-expired',
      offer_expires_at: null,
    });
    expect((await row(second.id)).status).toBe('PENDING');
    const seats = await t.http().get(`${PATH}/${second.id}`).set(bearer(organizer.token));
    expect(seats.body.occurrence.registrations).toBe(1);
  });

  it('keeps a confirmed offer: confirming clears the expiry, and a later sweep leaves it alone', async () => {
    const occurrence = await offerEvent();
    const holder = (await register(occurrence.id, 'k-1')).body;
    const next = (await register(occurrence.id, 'k-2')).body;
    await setStatus(holder.id, 'CANCELLED').expect(200);

    await setStatus(next.id, 'CONFIRMED').expect(200);
    await t.app.get(OfferExpiryWorker).sweep();

    expect(await row(next.id)).toMatchObject({ status: 'CONFIRMED', offer_expires_at: null });
  });

  it('under AUTO_CONFIRM, confirms the earliest waiting at once', async () => {
    const event = await createEvent(t, organizationId);
    const occurrence = await createOccurrence(t, event.id, { capacity: 1 });
    const holder = (await register(occurrence.id, 'a-1')).body;
    const next = (await register(occurrence.id, 'a-2')).body;

    await setStatus(holder.id, 'CANCELLED').expect(200);

    expect(await row(next.id)).toMatchObject({ status: 'CONFIRMED', offer_expires_at: null });
  });

  it('lets a cancelled attendee come back, competing like a newcomer (full: waiting list)', async () => {
    const event = await createEvent(t, organizationId);
    const occurrence = await createOccurrence(t, event.id, { capacity: 1 });
    const leaver = (await register(occurrence.id, 'b-1')).body;
    await setStatus(leaver.id, 'CANCELLED').expect(200);
    await register(occurrence.id, 'b-2').expect(201);

    const back = await setStatus(leaver.id, 'CONFIRMED');

    expect(back.status).toBe(200);
    expect(back.body.status).toBe('WAITING_LIST');
  });
});

describe('raising a capacity', () => {
  let t: TestApp;
  let organizer: TestUser;
  let organizationId: string;
  beforeAll(async () => {
    t = await startTestApp();
    organizationId = (await createOrganization(t)).id;
    organizer = await createUser(t, { role: 'ORGANIZER', organizationId });
  });
  afterAll(() => t.close());

  it('promotes as many waiting attendees as the new seats allow, earliest first', async () => {
    const event = await createEvent(t, organizationId);
    const occurrence = await createOccurrence(t, event.id, { capacity: 1 });
    const ids: string[] = [];
    for (const n of [1, 2, 3, 4]) {
      const res = await t
        .http()
        .post(PATH)
        .set(bearer(organizer.token))
        .send({ occurrenceId: occurrence.id, externalUserId: `r-${n}` });
      ids.push(res.body.id);
    }

    const raised = await t
      .http()
      .patch(`/api/events/${event.id}/occurrences/${occurrence.id}`)
      .set(bearer(organizer.token))
      .send({ capacity: 3 });

    expect(raised.body).toMatchObject({ capacity: 3, registrations: 3 });
    const statuses = await Promise.all(
      ids.map(
        async (id) =>
          (await t.http().get(`${PATH}/${id}`).set(bearer(organizer.token))).body.status,
      ),
    );
    expect(statuses).toEqual(['CONFIRMED', 'CONFIRMED', 'CONFIRMED', 'WAITING_LIST']);
  });

  it('promotes event-level registrations when the event’s own capacity is raised', async () => {
    const event = await createEvent(t, organizationId, { capacity: 1 });
    const [first, second] = [await createUser(t), await createUser(t)];
    const attend = (user: TestUser) =>
      t
        .http()
        .post('/api/attendances')
        .set(bearer(user.token))
        .send({ userId: user.id, eventId: event.id, state: 'CONFIRMADO' })
        .expect(201);
    await attend(first);
    const waiting = (await attend(second)).body;
    expect(waiting.status).toBe('WAITING_LIST');

    await t
      .http()
      .patch(`/api/events/${event.id}`)
      .set(bearer(organizer.token))
      .send({ capacity: 2 })
      .expect(200);

    const detail = await t.http().get(`/api/events/${event.id}`);
    expect(detail.body.attendancesCount).toBe(2);
    expect(detail.body.attendances.find((a: { id: string }) => a.id === waiting.id)).toMatchObject({
      state: 'CONFIRMADO',
      status: 'CONFIRMED',
    });
  });
});
