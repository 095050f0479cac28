import { EntityManager } from '@mikro-orm/core';
import type { Response } from 'supertest';
import { WebhookDispatcher } from 'src/modules/webhooks/webhook-dispatcher';
import { createOccurrence } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { createProject, expectStatus, type Project, projectApi } from '../projects/project-fixture';
import { type Receiver, startReceiver, verified } from './receiver';

const EVENT_TYPES = [
  'attendee.created',
  'attendee.updated',
  'attendee.deleted',
  'attendee.checked_in',
  'registration.created',
  'registration.updated',
  'registration.cancelled',
  'registration.waitlisted',
  'registration.promoted',
  'registration.deleted',
  'credential.created',
  'credential.deleted',
  'event.updated',
];

interface Payload {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

/** Maps whose keys are the project's or the caller's own, not the API's. */
const FREE_FORM = new Set(['custom_fields', 'fields']);

/**
 * Where two values differ in shape (missing or extra keys, object against scalar), ignoring nulls
 * (a nullable field) and free-form maps.
 */
function shapeDifferences(example: unknown, actual: unknown, path = 'data'): string[] {
  if (example === null || actual === null) return [];
  if (Array.isArray(example) || Array.isArray(actual)) {
    if (!Array.isArray(example) || !Array.isArray(actual)) return [path];
    return example.length && actual.length
      ? shapeDifferences(example[0], actual[0], `${path}[0]`)
      : [];
  }
  const isObject = (value: unknown) => typeof value === 'object';
  if (!isObject(example) || !isObject(actual))
    return isObject(example) === isObject(actual) ? [] : [path];
  const a = example as Record<string, unknown>;
  const b = actual as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort().flatMap((key) => {
    if (!(key in a) || !(key in b)) return [`${path}.${key}`];
    return FREE_FORM.has(key) ? [] : shapeDifferences(a[key], b[key], `${path}.${key}`);
  });
}

interface Delivery {
  id: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  attemptLog: Array<{ responseStatus: number | null; error: string | null; latencyMs: number }>;
}

/**
 * What a subscriber sees of the delivery policy: every event type with its documented `data`,
 * the retry schedule running out, 3xx as failure, Retry-After, disabling after days of failure,
 * the delivery log's filters, and the webhook figures on /metrics.
 */
describe('webhook deliveries: event types and the delivery policy', () => {
  let t: TestApp;
  let receiver: Receiver;
  let project: Project;
  const drain = () => t.app.get(WebhookDispatcher).drain();
  const http = () => t.http();

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        WEBHOOK_ALLOW_HTTP: 'true',
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
        WEBHOOK_RETRY_SCHEDULE: '0,0',
        WEBHOOK_POLL_MS: '60000',
        WEBHOOK_DISABLE_AFTER_DAYS: '5',
      },
    });
    receiver = await startReceiver();
    project = await createProject(t);
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
    expectStatus(
      await http()
        .post('/api/webhooks')
        .set(project.auth)
        .send({ url: receiver.url, ...body }),
      201,
    ).body as { id: string; secret: string };
  const unsubscribe = (id: string) =>
    http().delete(`/api/webhooks/${id}`).set(project.auth).expect(204);
  const deliveries = async (id: string, query = '') =>
    expectStatus(await http().get(`/api/webhooks/${id}/deliveries${query}`).set(project.auth), 200)
      .body as { data: Delivery[]; meta: { total: number } };
  const sendTest = async (id: string) =>
    expectStatus(await http().post(`/api/webhooks/${id}/test`).set(project.auth), 202).body as {
      id: string;
    };

  let catalogue: Map<string, { description: string; example: Payload }>;

  it('lists every event type with a description and an example delivery', async () => {
    const res = expectStatus(await http().get('/api/webhooks/event-types').set(project.auth), 200);
    const types = res.body as Array<{ type: string; description: string; example: Payload }>;
    expect(types.map((type) => type.type).sort()).toEqual([...EVENT_TYPES].sort());
    for (const { type, description, example } of types) {
      expect({ description: typeof description, exampleType: example.type }).toEqual({
        description: 'string',
        exampleType: type,
      });
    }
    catalogue = new Map(types.map(({ type, ...rest }) => [type, rest]));
  });

  it('delivers each event type, with the GxP attendee or the EventRegistration as data', async () => {
    const { id, secret } = await subscribe({ events: ['*'], eventId: project.eventId });
    const api = projectApi(t, project);
    const occurrence = await createOccurrence(t, project.eventId, { capacity: 1 });
    const register = async (name: string) =>
      expectStatus(
        await http()
          .post('/api/v1/event-registrations')
          .set(project.auth)
          .send({
            occurrenceId: occurrence.id,
            externalUserId: `ext-${name}`,
            fields: { email: `${name}@hooks.test`, firstName: name, lastName: 'Hook' },
          }),
        201,
      ).body as { id: string; status: string };

    const first = await register('first');
    const second = await register('second');
    expect([first.status, second.status]).toEqual(['CONFIRMED', 'WAITING_LIST']);
    // Cancelling the first promotes the second; deleting the second frees the seat again.
    const cancel = await http()
      .put(`/api/v1/event-registrations/${first.id}`)
      .set(project.auth)
      .send({ status: 'CANCELLED' });
    expectStatus(cancel, 200);
    expectStatus(
      await http().delete(`/api/v1/event-registrations/${second.id}`).set(project.auth),
      200,
    );
    const attendee = await api.attendee({ first_name: 'Gxp' });
    expectStatus(await api.patch(`/attendees/${attendee.id}`, { first_name: 'Changed' }), 200);
    const credential = expectStatus(
      await api.post(`/attendees/${attendee.id}/credentials`, {}),
      201,
    ).body.data as { id: string; value: string };
    expectStatus(
      await api.post('/check-ins', { credential_value: credential.value, direction: 'in' }),
      201,
    );
    expectStatus(await api.delete(`/attendees/${attendee.id}/credentials/${credential.id}`), 204);
    expectStatus(await api.delete(`/attendees/${attendee.id}`), 204);
    expectStatus(
      await http()
        .patch(`/api/events/${project.eventId}`)
        .set(project.auth)
        .send({ title: 'Renamed' }),
      200,
    );
    await drain();

    const payloads = receiver.received.map((delivery) => verified<Payload>(secret, delivery));
    expect([...new Set(payloads.map((payload) => payload.type))].sort()).toEqual(
      [...EVENT_TYPES].sort(),
    );
    // The catalogue's examples have the shape of what is really sent.
    for (const payload of payloads) {
      const example = catalogue.get(payload.type)!.example.data;
      expect({ type: payload.type, differences: shapeDifferences(example, payload.data) }).toEqual({
        type: payload.type,
        differences: [],
      });
    }
    /** The data of the first delivery of `type` about the resource `id`. */
    const data = (type: string, id: string) =>
      payloads.find(
        (payload) =>
          payload.type === type &&
          (payload.data.id ?? (payload.data.attendee as { id?: string } | undefined)?.id) === id,
      )?.data;
    const firstRead = expectStatus(
      await http().get(`/api/v1/event-registrations/${first.id}`).set(project.auth),
      200,
    ).body as Record<string, unknown>;
    // A registration's data is the EventRegistration the REST API serves (as it was then).
    expect(Object.keys(data('registration.created', first.id)!).sort()).toEqual(
      Object.keys(firstRead).sort(),
    );
    expect(data('registration.created', first.id)).toMatchObject({
      id: first.id,
      status: 'CONFIRMED',
    });
    expect(data('registration.waitlisted', second.id)).toMatchObject({
      id: second.id,
      status: 'WAITING_LIST',
    });
    expect(data('registration.promoted', second.id)).toMatchObject({ id: second.id });
    expect(data('registration.cancelled', first.id)).toMatchObject({
      id: first.id,
      status: 'CANCELLED',
    });
    expect(data('registration.deleted', second.id)).toMatchObject({ id: second.id });
    // An attendee's data is the GxP attendee, with updated_at for discarding stale deliveries.
    expect(data('attendee.created', attendee.id)).toEqual({
      ...attendee,
      updated_at: expect.any(String),
    });
    expect(data('attendee.updated', attendee.id)).toMatchObject({
      id: attendee.id,
      first_name: 'Changed',
    });
    expect(data('attendee.checked_in', attendee.id)).toMatchObject({
      attendee: { id: attendee.id, status: 'ATTENDED' },
      check_in: { attendee_id: attendee.id, credential_id: credential.id, direction: 'in' },
    });
    expect(data('event.updated', project.eventId)).toMatchObject({
      id: project.eventId,
      title: 'Renamed',
    });
    await unsubscribe(id);
  });

  it('fails a delivery once the schedule runs out, with every attempt in the log', async () => {
    const { id } = await subscribe({ events: ['*'] });
    receiver.script.push({ status: 500 }, { status: 500 });
    const test = await sendTest(id);
    await drain();
    // One attempt per entry of the schedule ("0,0": now, and again at once).
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([test.id, test.id]);
    const failed = await deliveries(id, '?status=FAILED');
    expect(failed.data).toEqual([
      expect.objectContaining({ id: test.id, status: 'FAILED', attempts: 2 }),
    ]);
    expect(failed.data[0].attemptLog.map((a) => [a.responseStatus, a.error])).toEqual([
      [500, 'HTTP 500'],
      [500, 'HTTP 500'],
    ]);
    expect((await deliveries(id, '?status=SUCCEEDED')).meta.total).toBe(0);
    expect((await deliveries(id, '?eventType=attendee.created')).meta.total).toBe(0);
    expect((await deliveries(id, '?eventType=webhook.test')).meta.total).toBe(1);
    await unsubscribe(id);
  });

  it('counts a redirect as a failure and never follows it', async () => {
    const { id } = await subscribe({ events: ['*'] });
    receiver.script.push({ status: 302, headers: { location: `${receiver.url}/elsewhere` } });
    const test = await sendTest(id);
    await drain();
    expect(receiver.received.map((r) => r.url)).toEqual(['/hooks', '/hooks']);
    const [delivery] = (await deliveries(id)).data;
    expect(delivery).toMatchObject({ id: test.id, status: 'SUCCEEDED', attempts: 2 });
    expect(delivery.attemptLog[0]).toMatchObject({ responseStatus: 302, error: 'HTTP 302' });
    await unsubscribe(id);
  });

  it.each([429, 503])('waits as long as a %i asks with Retry-After', async (status) => {
    const { id } = await subscribe({ events: ['*'] });
    receiver.script.push({ status, headers: { 'retry-after': '120' } });
    const before = Date.now();
    await sendTest(id);
    await drain();
    expect(receiver.received).toHaveLength(1);
    const [delivery] = (await deliveries(id)).data;
    expect(delivery).toMatchObject({ status: 'PENDING', attempts: 1 });
    const wait = new Date(delivery.nextAttemptAt!).getTime() - before;
    expect(wait).toBeGreaterThanOrEqual(119_000);
    expect(wait).toBeLessThan(180_000);
    await unsubscribe(id);
  });

  it('disables a subscription that has failed for WEBHOOK_DISABLE_AFTER_DAYS, and says why', async () => {
    const { id } = await subscribe({ events: ['*'] });
    // Failing for six days already (as the dispatcher records it at the first failure).
    await t.orm.em
      .fork()
      .getConnection()
      .execute(
        `update webhook_subscriptions set failing_since = now() - interval '6 days' where id = ?`,
        [id],
      );
    receiver.script.push({ status: 500 });
    await sendTest(id);
    await drain();
    // Disabled at that failure: the rest of the schedule is not tried.
    expect(receiver.received).toHaveLength(1);
    const read = expectStatus(await http().get(`/api/webhooks/${id}`).set(project.auth), 200);
    expect(read.body).toMatchObject({
      active: false,
      disabledReason: expect.stringContaining('5 days'),
    });
    // Turned back on, it delivers again.
    expectStatus(
      await http().patch(`/api/webhooks/${id}`).set(project.auth).send({ active: true }),
      200,
    );
    receiver.received.length = 0;
    await sendTest(id);
    await drain();
    expect(receiver.received).toHaveLength(1);
    await unsubscribe(id);
  });

  it('reports deliveries by outcome, the queue depth and the oldest pending age on /metrics', async () => {
    const scrape = async () => {
      const res: Response = await http().get('/metrics').expect(200);
      const value = (name: string) =>
        Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(res.text)?.[1] ?? NaN);
      return {
        succeeded: value('webhook_deliveries_total\\{outcome="succeeded"\\}'),
        retrying: value('webhook_deliveries_total\\{outcome="retrying"\\}'),
        depth: value('webhook_queue_depth'),
        oldest: value('webhook_oldest_pending_seconds'),
      };
    };
    // The queue is the database's: with PostgreSQL one database serves the whole run, so other
    // files' deliveries (to receivers long gone, retrying) may be in it. The oracle is the table.
    const queue = async () => {
      const [row] = (await t.app
        .get(EntityManager)
        .fork()
        .getConnection()
        .execute(
          `select count(*)::int as depth,
                  count(*) filter (where subscription_id = ?)::int as ours
             from webhook_deliveries where status = 'PENDING'`,
          [id],
        )) as Array<{ depth: number; ours: number }>;
      return row;
    };
    const { id } = await subscribe({ events: ['*'] });
    const before = await scrape();
    receiver.script.push({ status: 503, headers: { 'retry-after': '3600' } });
    await sendTest(id);
    await sendTest(id);
    await drain();
    const after = await scrape();
    const pending = await queue();
    expect(receiver.received).toHaveLength(2);
    // At least ours: a leftover of another file may have been tried in the same drain.
    expect(after.succeeded - (before.succeeded || 0)).toBeGreaterThanOrEqual(1);
    expect(after.retrying - (before.retrying || 0)).toBeGreaterThanOrEqual(1);
    // The one waiting an hour is ours, and the gauge is the whole queue.
    expect(pending.ours).toBe(1);
    expect(after.depth).toBe(pending.depth);
    expect(after.oldest).toBeGreaterThanOrEqual(0);
    await unsubscribe(id);
    expect((await scrape()).depth).toBe((await queue()).depth);
  });
});
