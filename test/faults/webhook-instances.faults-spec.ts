import { scratchDatabase, startApp } from './support/fault-app';
import { teardownStack } from './support/teardown';
import { adminClient, createProject, people, subscribe } from './support/turnout-client';
import {
  deduplicate,
  deliveredIds,
  untilAllDelivered,
  WebhookReceiver,
} from './support/webhook-receiver';

const ATTENDEES = 200;
const BATCHES = 4;
/** Deliveries each instance has in flight at most: more than this at once means both are sending. */
const CONCURRENCY = 4;

describe('two app processes dispatching webhooks from one PostgreSQL database (issue 7)', () => {
  const teardown = teardownStack();

  it('delivers each of 200 attendee.created events exactly once to each of two subscriptions', async () => {
    const databaseUrl = await scratchDatabase(teardown, 'turnout_faults_webhook_instances');
    const receiver = teardown.defer(await WebhookReceiver.start(), (started) => started.close());
    // Held a moment, so each instance's slots fill up and both have to work through the backlog.
    receiver.holdMs = 100;
    const env = { WEBHOOK_CONCURRENCY: String(CONCURRENCY) };
    const a = await startApp(teardown, databaseUrl, env);
    const b = await startApp(teardown, databaseUrl, env);
    const adminA = await adminClient(a.url);
    const adminB = adminA.at(b.url);
    const project = await createProject(adminA, 'two-instances', {
      capacity: null,
      waitlistEnabled: true,
    });
    const first = await subscribe(adminA, project, receiver.url('/first'), ['attendee.created']);
    const second = await subscribe(adminB, project, receiver.url('/second'), ['*']);

    const answers = await Promise.all(
      Array.from({ length: BATCHES }, (_, index) =>
        (index % 2 ? adminB : adminA).expect(201, 'POST', `${project.path}/attendees/batch`, {
          resources: people(`Batch ${index}`, ATTENDEES / BATCHES),
        }),
      ),
    );
    const created = answers.flatMap((answer) =>
      answer.data.map((attendee: { id: string }) => attendee.id),
    );
    expect(created).toHaveLength(ATTENDEES);

    await untilAllDelivered(adminA, receiver, [first.id, second.id]);

    const one = deduplicate(receiver.accepted, '/first', first.secret);
    const all = deduplicate(receiver.accepted, '/second', second.secret);
    const attendeeCreated = new Map(
      [...all.byWebhookId].filter(([, payload]) => payload.type === 'attendee.created'),
    );
    expect({ first: one.duplicates, second: all.duplicates }).toEqual({ first: 0, second: 0 });
    expect(deliveredIds(one.byWebhookId)).toEqual([...created].sort());
    expect(deliveredIds(attendeeCreated)).toEqual([...created].sort());
    // One instance never holds more than CONCURRENCY deliveries: the receiver saw both at work.
    expect(receiver.peakInFlight).toBeGreaterThan(CONCURRENCY);
  });
});
