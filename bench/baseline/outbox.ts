import { randomUUID } from 'node:crypto';
import type pg from 'pg';

/** A change for the outbox: its webhook type, and its `data`, built only if someone subscribed. */
export interface Change {
  type: string;
  eventId: string;
  data: () => unknown;
}

const SUBSCRIPTIONS = {
  name: 'outbox-subscriptions',
  text: `select id, event_id, events from webhook_subscriptions where organization_id = $1 and active = true`,
};

const INSERT_DELIVERIES = {
  name: 'outbox-insert',
  text: `insert into webhook_deliveries (id, subscription_id, event_type, payload, status, attempts,
                                         next_attempt_at, created_at)
         select unnest($1::uuid[]), unnest($2::uuid[]), unnest($3::text[]), unnest($4::jsonb[]),
                'PENDING', 0, $5, $5`,
};

/**
 * Turnout's transactional outbox, in the caller's transaction: one delivery per active subscription
 * of the organization that wants the change's type (for its event or the whole organization),
 * written with one INSERT. The deliveries are sent by Turnout's dispatcher, as any others.
 */
export async function enqueue(
  client: pg.PoolClient,
  organizationId: string,
  changes: readonly Change[],
): Promise<void> {
  const { rows: subscriptions } = await client.query<{
    id: string;
    event_id: string | null;
    events: string[];
  }>({ ...SUBSCRIPTIONS, values: [organizationId] });
  const ids: string[] = [];
  const subscriptionIds: string[] = [];
  const types: string[] = [];
  const payloads: string[] = [];
  const now = new Date();
  for (const change of changes) {
    const wanted = subscriptions.filter(
      (subscription) =>
        (subscription.event_id === null || subscription.event_id === change.eventId) &&
        (subscription.events.includes('*') || subscription.events.includes(change.type)),
    );
    if (wanted.length === 0) continue;
    const payload = JSON.stringify({
      type: change.type,
      timestamp: now.toISOString(),
      data: await change.data(),
    });
    for (const subscription of wanted) {
      ids.push(randomUUID());
      subscriptionIds.push(subscription.id);
      types.push(change.type);
      payloads.push(payload);
    }
  }
  if (ids.length === 0) return;
  await client.query({
    ...INSERT_DELIVERIES,
    values: [ids, subscriptionIds, types, payloads, now],
  });
}
