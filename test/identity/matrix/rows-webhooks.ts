import { eventLikeE1 } from './fixtures';
import {
  all,
  asAdmin,
  call,
  type Cell,
  type Ids,
  orgFor,
  RO,
  type Row,
  UNAUTH as U,
} from './matrix';

// Columns, in order:
//  anonymous | user | member | owner | organizerA | organizerB | admin | managerE1 | managerE2 | keyA | readKeyA | keyB
//
// Organizers (and organizer keys) manage their organization's subscriptions, Admins all of them,
// a signup manager those scoped to an event they manage; read-only keys read. Anyone else: 404.

const URL = 'https://hooks.example.com/turnout';

/** A subscription of org A scoped to an event like E1, with one queued test delivery. */
async function webhookOfEventLikeE1(): Promise<Ids> {
  const { eventId } = await eventLikeE1();
  const subscription = await asAdmin(
    'post',
    '/api/webhooks',
    { url: URL, events: ['*'], eventId },
    201,
  );
  const webhookId = subscription.body.id as string;
  const test = await asAdmin('post', `/api/webhooks/${webhookId}/test`, undefined, 202);
  return { eventId, webhookId, deliveryId: test.body.id as string };
}

const ONE: Cell[] = [U, 404, 404, 404, 200, 404, 200, 200, 404, 200, 200, 404];
const manage = (ok: number): Cell[] => [U, 404, 404, 404, ok, 404, ok, ok, 404, ok, RO, 404];

export const WEBHOOK_ROWS: Row[] = [
  {
    operation: 'GET /api/webhooks/event-types',
    send: (c) => call(c, 'get', '/api/webhooks/event-types'),
    expect: [U, ...all(200).slice(1)],
  },
  {
    operation: 'GET /api/webhooks',
    send: (c) => call(c, 'get', '/api/webhooks'),
    expect: [U, ...all(200).slice(1)],
  },
  {
    operation: 'POST /api/webhooks',
    route: 'for the whole organization',
    send: (c) => call(c, 'post', '/api/webhooks', { url: URL, events: ['*'], ...orgFor(c) }),
    expect: [U, 422, 403, 403, 201, 201, 201, 403, 403, 201, RO, 201],
  },
  {
    operation: 'POST /api/webhooks',
    route: 'scoped to an event like E1',
    arrange: eventLikeE1,
    send: (c, { eventId }) =>
      call(c, 'post', '/api/webhooks', { url: URL, events: ['*'], eventId }),
    expect: [U, 403, 403, 403, 201, 403, 201, 201, 403, 201, RO, 403],
  },
  {
    operation: 'GET /api/webhooks/{id}',
    arrange: webhookOfEventLikeE1,
    send: (c, { webhookId }) => call(c, 'get', `/api/webhooks/${webhookId}`),
    expect: ONE,
  },
  {
    operation: 'PATCH /api/webhooks/{id}',
    arrange: webhookOfEventLikeE1,
    send: (c, { webhookId }) =>
      call(c, 'patch', `/api/webhooks/${webhookId}`, { description: 'x' }),
    expect: manage(200),
  },
  {
    operation: 'DELETE /api/webhooks/{id}',
    arrange: webhookOfEventLikeE1,
    send: (c, { webhookId }) => call(c, 'delete', `/api/webhooks/${webhookId}`),
    expect: manage(204),
  },
  {
    operation: 'POST /api/webhooks/{id}/rotate-secret',
    arrange: webhookOfEventLikeE1,
    send: (c, { webhookId }) => call(c, 'post', `/api/webhooks/${webhookId}/rotate-secret`),
    expect: manage(200),
  },
  {
    operation: 'POST /api/webhooks/{id}/test',
    arrange: webhookOfEventLikeE1,
    send: (c, { webhookId }) => call(c, 'post', `/api/webhooks/${webhookId}/test`),
    expect: manage(202),
  },
  {
    operation: 'GET /api/webhooks/{id}/deliveries',
    arrange: webhookOfEventLikeE1,
    send: (c, { webhookId }) => call(c, 'get', `/api/webhooks/${webhookId}/deliveries`),
    expect: ONE,
  },
  {
    operation: 'POST /api/webhooks/{id}/deliveries/{deliveryId}/redeliver',
    arrange: webhookOfEventLikeE1,
    send: (c, { webhookId, deliveryId }) =>
      call(c, 'post', `/api/webhooks/${webhookId}/deliveries/${deliveryId}/redeliver`),
    expect: manage(202),
  },
];
