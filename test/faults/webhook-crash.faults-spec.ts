import { scratchDatabase, startApp } from './support/fault-app';
import { teardownStack } from './support/teardown';
import { adminClient, createProject, people, subscribe } from './support/turnout-client';
import { until } from './support/until';
import {
  deduplicate,
  deliveredIds,
  untilAllDelivered,
  WebhookReceiver,
} from './support/webhook-receiver';

const SINGLES = 20;
const BATCH = 40;

describe('webhook deliveries through kill -9 of the app (issue 7)', () => {
  const teardown = teardownStack();
  let databaseUrl: string;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    databaseUrl = await scratchDatabase(teardown, 'turnout_faults_webhook_crash');
    receiver = teardown.defer(await WebhookReceiver.start(), (started) => started.close());
  });

  it('delivers every committed attendee once per attendee after a crash, and nothing for a rolled-back change', async () => {
    // The receiver is down: it holds each delivery a moment, then answers 503.
    receiver.mode = 'down';
    receiver.holdMs = 200;
    const first = await startApp(teardown, databaseUrl);
    const admin = await adminClient(first.url);
    const project = await createProject(admin, 'crash-hooks', {
      capacity: SINGLES + BATCH,
      waitlistEnabled: false,
    });
    const { id: subscriptionId, secret } = await subscribe(admin, project, receiver.url('/hooks'), [
      'attendee.created',
    ]);

    const singles = await Promise.all(
      people('Single', SINGLES).map((body) =>
        admin.expect(201, 'POST', `${project.path}/attendees`, body),
      ),
    );
    const batch = await admin.expect(201, 'POST', `${project.path}/attendees/batch`, {
      resources: people('Batch', BATCH),
    });
    const created = [...singles.map((answer) => answer.data), ...batch.data].map(
      (attendee: { id: string }) => attendee.id,
    );

    // The project is full and has no waiting list: the first two roll back, the third is refused
    // before any transaction starts. None may send anything.
    await admin.expect(409, 'POST', `${project.path}/attendees`, people('Refused', 1)[0]);
    await admin.expect(409, 'POST', `${project.path}/attendees/batch`, {
      resources: people('Refused', 2),
    });
    await admin.expect(400, 'POST', `${project.path}/attendees/batch`, {
      resources: [...people('Refused', 2), { first_name: 'Refused' }],
    });

    await until(
      'deliveries in flight to the receiver',
      () => receiver.refused > 0 && receiver.inFlight > 0,
    );
    expect(await first.stop('SIGKILL')).toBeNull();
    expect(first.child.signalCode).toBe('SIGKILL');

    const second = await startApp(teardown, databaseUrl);
    receiver.mode = 'up';
    receiver.holdMs = 0;
    const restarted = admin.at(second.url);
    await untilAllDelivered(restarted, receiver, [subscriptionId]);

    const { byWebhookId } = deduplicate(receiver.accepted, '/hooks', secret);
    expect(deliveredIds(byWebhookId)).toEqual([...created].sort());
    expect([...byWebhookId.values()].map((payload) => payload.type)).toEqual(
      created.map(() => 'attendee.created'),
    );
    const log = await restarted.expect(200, 'GET', `/api/webhooks/${subscriptionId}/deliveries`);
    expect(log.meta.total).toBe(created.length);
  });
});
