import { setTimeout as sleep } from 'node:timers/promises';
import { createProject, expectStatus, type Project, projectApi } from '../projects/project-fixture';
import { until } from '../realtime/echo-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { type Receiver, startReceiver, verified } from './receiver';

const ALLOW_LOCAL = { WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' };

interface Delivery {
  id: string;
  status: string;
  attempts: number;
}

/**
 * `WEBHOOK_DISPATCHER=false`: an API instance that writes deliveries but leaves sending them to
 * another instance (a dedicated dispatcher), so a burst of sends does not slow its requests.
 */
describe('webhook deliveries sent by a dedicated instance', () => {
  let api: TestApp;
  let receiver: Receiver;
  let project: Project;
  let subscription: { id: string; secret: string };

  const deliveries = async () =>
    expectStatus(
      await api.http().get(`/api/webhooks/${subscription.id}/deliveries`).set(project.auth),
      200,
    ).body as { data: Delivery[] };

  beforeAll(async () => {
    api = await startTestApp({
      env: { ...ALLOW_LOCAL, WEBHOOK_DISPATCHER: 'false', WEBHOOK_POLL_MS: '50' },
    });
    receiver = await startReceiver();
    project = await createProject(api);
    subscription = expectStatus(
      await api
        .http()
        .post('/api/webhooks')
        .set(project.auth)
        .send({ url: receiver.url, events: ['attendee.created'], eventId: project.eventId }),
      201,
    ).body as { id: string; secret: string };
  });
  afterAll(async () => {
    await api?.close();
    await receiver?.close();
  });

  it('writes the delivery with the change but never sends it from an instance with WEBHOOK_DISPATCHER=false', async () => {
    await projectApi(api, project).attendee({ first_name: 'Queued' });
    // Ten of its polls, and the commit that would have woken a dispatching instance at once.
    await sleep(500);
    expect(receiver.received).toEqual([]);
    expect((await deliveries()).data).toEqual([
      expect.objectContaining({ status: 'PENDING', attempts: 0 }),
    ]);
  });

  (process.env.DATABASE_URL ? it : it.skip)(
    'has the dedicated instance send it, signed, at its next poll (PostgreSQL: two instances share the database)',
    async () => {
      const dispatcher = await startTestApp({ env: { ...ALLOW_LOCAL, WEBHOOK_POLL_MS: '100' } });
      try {
        await until(() => receiver.received.length > 0);
        expect(verified(subscription.secret, receiver.received[0])).toMatchObject({
          type: 'attendee.created',
          data: { first_name: 'Queued' },
        });
        // The attempt is recorded once the receiver has answered.
        let log = await deliveries();
        for (let polls = 0; log.data[0]?.status === 'PENDING' && polls < 50; polls++) {
          await sleep(100);
          log = await deliveries();
        }
        expect(log.data).toEqual([expect.objectContaining({ status: 'SUCCEEDED', attempts: 1 })]);
        expect(receiver.received).toHaveLength(1);
      } finally {
        await dispatcher.close();
      }
    },
  );
});
