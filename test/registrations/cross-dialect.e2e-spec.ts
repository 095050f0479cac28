import {
  bearer,
  createEvent,
  createOccurrence,
  createOrganization,
  createUser,
  type TestUser,
} from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/** One attendee record behind every dialect: what one API creates, the others show with the same status. */
describe('one registration, two dialects', () => {
  let t: TestApp;
  let organizer: TestUser;
  let organizationId: string;
  beforeAll(async () => {
    t = await startTestApp();
    organizationId = (await createOrganization(t)).id;
    organizer = await createUser(t, { role: 'ORGANIZER', organizationId });
  });
  afterAll(() => t.close());

  it('shows a seed 002 registration as an attendance with the same status, and follows its changes', async () => {
    const event = await createEvent(t, organizationId, { title: 'Crossover Conference' });
    const occurrence = await createOccurrence(t, event.id, { capacity: 10 });
    const created = await t
      .http()
      .post('/api/v1/event-registrations')
      .set(bearer(organizer.token))
      .send({
        occurrenceId: occurrence.id,
        externalUserId: 'cross-1',
        fields: { firstName: 'Ada', lastName: 'Cross' },
      });

    const attendance = async () =>
      (await t.http().get('/api/attendances?searchTerm=Crossover')).body.data.find(
        (a: { id: string }) => a.id === created.body.id,
      );
    expect(await attendance()).toMatchObject({
      eventId: event.id,
      eventTitle: 'Crossover Conference',
      state: 'CONFIRMADO',
      status: 'CONFIRMED',
    });

    await t
      .http()
      .put(`/api/v1/event-registrations/${created.body.id}`)
      .set(bearer(organizer.token))
      .send({ status: 'CANCELLED' })
      .expect(200);

    expect(await attendance()).toMatchObject({ state: 'CANCELADO', status: 'CANCELLED' });
  });

  it('shows a seed 000 attendance in the seed 002 list with the same status', async () => {
    const event = await createEvent(t, organizationId, { capacity: 5 });
    const user = await createUser(t, { organizationId });
    const attendance = await t
      .http()
      .post('/api/attendances')
      .set(bearer(user.token))
      .send({ userId: user.id, eventId: event.id, state: 'PENDIENTE' })
      .expect(201);

    const list = await t
      .http()
      .get(`/api/v1/event-registrations?eventId=${event.id}`)
      .set(bearer(organizer.token));

    expect(list.body).toEqual([
      expect.objectContaining({
        id: attendance.body.id,
        status: 'PENDING',
        occurrence: null,
        user: expect.objectContaining({ id: user.id }),
      }),
    ]);
  });
});
