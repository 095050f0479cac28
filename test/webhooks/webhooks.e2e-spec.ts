import { Webhook } from 'standardwebhooks';
import { WebhookDispatcher } from 'src/modules/webhooks/webhook-dispatcher';
import {
  bearer,
  createEvent,
  createOrganization,
  createUser,
  type TestUser,
} from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { type Receiver, startReceiver, verified } from './receiver';

describe('webhooks', () => {
  let t: TestApp;
  let organizer: TestUser;
  let receiver: Receiver;
  let project: string;
  let eventId: string;
  const drain = () => t.app.get(WebhookDispatcher).drain();

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        WEBHOOK_ALLOW_HTTP: 'true',
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
        WEBHOOK_RETRY_SCHEDULE: '0,0,0',
        WEBHOOK_POLL_MS: '60000',
      },
    });
    receiver = await startReceiver();
    const organization = await createOrganization(t);
    organizer = await createUser(t, { role: 'ORGANIZER', organizationId: organization.id });
    const event = await createEvent(t, organization.id, { capacity: 1, slug: 'hooked' });
    eventId = event.id;
    project = `/api/v1/projects/${organization.slug}/hooked`;
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });
  beforeEach(() => {
    receiver.received.length = 0;
    receiver.script.length = 0;
  });

  const subscribe = async (body: object) =>
    (await t.http().post('/api/webhooks').set(bearer(organizer.token)).send(body).expect(201))
      .body as { id: string; secret: string };

  it('delivers a signed attendee.created that the standardwebhooks library verifies', async () => {
    const { id, secret } = await subscribe({ url: receiver.url, events: ['attendee.created'] });
    expect(secret).toMatch(/^whsec_/);
    const created = await t
      .http()
      .post(`${project}/attendees`)
      .set(bearer(organizer.token))
      .send({ first_name: 'Jane', last_name: 'Smith' })
      .expect(201);
    await drain();
    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    const payload = verified(secret, delivery);
    expect(payload).toMatchObject({
      type: 'attendee.created',
      data: { id: created.body.data.id, first_name: 'Jane' },
    });
    expect(delivery.headers['user-agent']).toMatch(/^Turnout-Webhooks\//);
    const log = await t
      .http()
      .get(`/api/webhooks/${id}/deliveries`)
      .set(bearer(organizer.token))
      .expect(200);
    expect(log.body.data[0]).toMatchObject({
      status: 'SUCCEEDED',
      attempts: 1,
      eventType: 'attendee.created',
    });
    await t.http().delete(`/api/webhooks/${id}`).set(bearer(organizer.token)).expect(204);
  });

  it('writes nothing for a change that rolls back', async () => {
    const { id } = await subscribe({ url: receiver.url, events: ['*'] });
    // The project holds one seat and has no waiting list: the second of these is refused.
    await t
      .http()
      .patch(`/api/events/${eventId}`)
      .set(bearer(organizer.token))
      .send({ waitlistEnabled: false })
      .expect(200);
    receiver.received.length = 0;
    await drain();
    receiver.received.length = 0;
    await t
      .http()
      .post(`${project}/attendees/batch`)
      .set(bearer(organizer.token))
      .send({
        resources: [
          { first_name: 'A', last_name: 'A' },
          { first_name: 'B', last_name: 'B' },
        ],
      })
      .expect(409);
    await drain();
    expect(receiver.received).toEqual([]);
    await t.http().delete(`/api/webhooks/${id}`).set(bearer(organizer.token)).expect(204);
  });

  it('retries failures with the same webhook-id, and a 410 disables the subscription', async () => {
    const { id } = await subscribe({ url: receiver.url, events: ['*'] });
    receiver.script.push({ status: 500 }, { status: 200 });
    await t.http().post(`/api/webhooks/${id}/test`).set(bearer(organizer.token)).expect(202);
    await drain();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[0].headers['webhook-id']).toBe(
      receiver.received[1].headers['webhook-id'],
    );

    receiver.received.length = 0;
    receiver.script.push({ status: 410 });
    await t.http().post(`/api/webhooks/${id}/test`).set(bearer(organizer.token)).expect(202);
    await drain();
    const subscription = await t
      .http()
      .get(`/api/webhooks/${id}`)
      .set(bearer(organizer.token))
      .expect(200);
    expect(subscription.body).toMatchObject({
      active: false,
      disabledReason: expect.stringContaining('410'),
    });
  });

  it('signs with both secrets during a rotation', async () => {
    const { id, secret: old } = await subscribe({ url: receiver.url, events: ['*'] });
    const rotated = await t
      .http()
      .post(`/api/webhooks/${id}/rotate-secret`)
      .set(bearer(organizer.token))
      .expect(200);
    await t.http().post(`/api/webhooks/${id}/test`).set(bearer(organizer.token)).expect(202);
    await drain();
    const [delivery] = receiver.received;
    const headers = {
      'webhook-id': String(delivery.headers['webhook-id']),
      'webhook-timestamp': String(delivery.headers['webhook-timestamp']),
      'webhook-signature': String(delivery.headers['webhook-signature']),
    };
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(old).verify(delivery.body, headers)).not.toThrow();
    expect(() =>
      new Webhook(rotated.body.secret as string).verify(delivery.body, headers),
    ).not.toThrow();
  });

  it('redelivers a delivery on demand', async () => {
    const { id } = await subscribe({ url: receiver.url, events: ['*'] });
    const test = await t
      .http()
      .post(`/api/webhooks/${id}/test`)
      .set(bearer(organizer.token))
      .expect(202);
    await drain();
    await t
      .http()
      .post(`/api/webhooks/${id}/deliveries/${test.body.id}/redeliver`)
      .set(bearer(organizer.token))
      .expect(202);
    await drain();
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([
      test.body.id,
      test.body.id,
    ]);
  });

  it('prunes finished deliveries older than the retention period', async () => {
    const { id } = await subscribe({ url: receiver.url, events: ['*'] });
    await t.http().post(`/api/webhooks/${id}/test`).set(bearer(organizer.token)).expect(202);
    await drain();
    const log = () => t.http().get(`/api/webhooks/${id}/deliveries`).set(bearer(organizer.token));
    expect((await log()).body.meta.total).toBe(1);
    await t.orm.em
      .fork()
      .getConnection()
      .execute(
        `update webhook_deliveries set completed_at = now() - interval '31 days' where subscription_id = ?`,
        [id],
      );
    await t.app.get(WebhookDispatcher).prune();
    expect((await log()).body.meta.total).toBe(0);
  });

  it('refuses URLs to private networks and plain http by default', async () => {
    const strict = await startTestApp();
    try {
      const organization = await createOrganization(strict);
      const someone = await createUser(strict, {
        role: 'ORGANIZER',
        organizationId: organization.id,
      });
      for (const url of [
        'http://example.com/hook',
        'https://127.0.0.1/hook',
        'https://[::ffff:127.0.0.1]/hook',
        'https://localhost/hook',
        'https://10.0.0.8/hook',
        'https://169.254.169.254/latest',
      ]) {
        const response = await strict
          .http()
          .post('/api/webhooks')
          .set(bearer(someone.token))
          .send({ url, events: ['*'] });
        expect({ url, status: response.status }).toEqual({ url, status: 422 });
      }
    } finally {
      await strict.close();
    }
  });
});
