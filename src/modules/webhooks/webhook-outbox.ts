import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import { AfterCommit, type AfterCommitBatch } from '@turnout/common/events/after-commit';
import { BeforeCommit, type BeforeCommitBatch } from '@turnout/common/events/before-commit';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookSubscription } from './webhook-subscription.entity';
import type { ChangeScope } from './webhook-payloads';
import { sqlRows, Statement } from '@turnout/common/database/sql';

const ACTIVE_SUBSCRIPTIONS = new Statement(
  'webhook-active-subscriptions',
  'select id, event_id, events from webhook_subscriptions where organization_id = ? and active = true',
);

/** A transaction's deliveries in one statement: its rows travel as one JSON array, values bound. */
const INSERT_DELIVERIES = new Statement(
  'webhook-deliveries-insert',
  `insert into webhook_deliveries
     (id, subscription_id, event_type, payload, status, attempts, next_attempt_at, created_at)
   select d.id, d.subscription_id, d.event_type, d.payload, 'PENDING', 0, d.created_at, d.created_at
   from jsonb_to_recordset(?::jsonb)
     as d(id uuid, subscription_id uuid, event_type text, payload jsonb, created_at timestamptz)`,
);

/** A delivery as INSERT_DELIVERIES takes it. */
interface DeliveryRow {
  id: string;
  subscription_id: string;
  event_type: string;
  payload: Record<string, unknown>;
  created_at: string;
}

/** What the outbox needs to know of an active subscription. */
interface Listening {
  id: string;
  eventId: string | null;
  events: string[];
}

/** Subscriptions read once per transaction: a batch of 1000 attendees looks them up once. */
const subscriptionsByTransaction = new WeakMap<object, Map<string, Promise<Listening[]>>>();

/**
 * Writes outbox rows in the transaction of the change, so a delivery exists exactly when the
 * change committed; the dispatcher sends them later, even if this process dies first.
 */
@Injectable()
export class WebhookOutbox {
  /** A transaction's deliveries, written together just before it commits. */
  private readonly deliveries: BeforeCommitBatch<DeliveryRow> = {
    write: (rows, em) => sqlRows(em, INSERT_DELIVERIES, [JSON.stringify(rows)]),
  };
  /** Once a transaction that wrote deliveries commits, the dispatcher looks at once. */
  private readonly written: AfterCommitBatch<null> = { flush: () => this.dispatcher.nudge() };

  constructor(
    private readonly beforeCommit: BeforeCommit,
    private readonly afterCommit: AfterCommit,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  /**
   * One delivery per active subscription of the organization that wants `type` for this event.
   * `data` is only built when someone subscribes. In a transaction, its deliveries are written
   * together when it commits (a batch of 1000 attendees: one INSERT, no entities); outside one,
   * at once.
   */
  async enqueue(
    tx: EntityManager,
    type: string,
    scope: ChangeScope,
    data: () => unknown,
  ): Promise<number> {
    const subscriptions = (await this.subscriptionsOf(tx, scope.organizationId)).filter(
      (subscription) =>
        (subscription.eventId === null || subscription.eventId === scope.eventId) &&
        (subscription.events.includes('*') || subscription.events.includes(type)),
    );
    if (subscriptions.length === 0) return 0;
    const now = new Date().toISOString();
    const payload = { type, timestamp: now, data: await data() };
    const rows = subscriptions.map((subscription) => ({
      id: randomUUID(),
      subscription_id: subscription.id,
      event_type: type,
      payload,
      created_at: now,
    }));
    if (!this.beforeCommit.collect(tx, this.deliveries, rows))
      await this.deliveries.write(rows, tx);
    this.afterCommit.collect(tx, this.written, null);
    return subscriptions.length;
  }

  /**
   * A delivery for one subscription, whatever it listens to (a test event), as an entity the
   * caller flushes, outside any transaction, and then nudges the dispatcher for.
   */
  insert(
    em: EntityManager,
    subscription: Pick<WebhookSubscription, 'id'>,
    type: string,
    payload: Record<string, unknown>,
  ): WebhookDelivery {
    return em.create(WebhookDelivery, {
      subscription: em.getReference(WebhookSubscription, subscription.id),
      eventType: type,
      payload,
      status: 'PENDING',
      attempts: 0,
      nextAttemptAt: new Date(),
    });
  }

  /**
   * The organization's active subscriptions, read once per transaction (as rows: every change
   * asks, and few need more than a glance). The promise is what is kept: the listeners of one
   * change (attendee.created, registration.created) ask at once.
   */
  private subscriptionsOf(tx: EntityManager, organizationId: string): Promise<Listening[]> {
    const transaction = tx.getTransactionContext<object>();
    const read = async () => {
      const rows = await sqlRows<{
        id: string;
        event_id: string | null;
        events: string[] | string;
      }>(tx, ACTIVE_SUBSCRIPTIONS, [organizationId]);
      return rows.map((row) => ({
        id: row.id,
        eventId: row.event_id,
        // jsonb: parsed or a string, depending on the driver.
        events: typeof row.events === 'string' ? (JSON.parse(row.events) as string[]) : row.events,
      }));
    };
    if (!transaction) return read();
    let cache = subscriptionsByTransaction.get(transaction);
    if (!cache)
      subscriptionsByTransaction.set(
        transaction,
        (cache = new Map<string, Promise<Listening[]>>()),
      );
    let found = cache.get(organizationId);
    if (!found) cache.set(organizationId, (found = read()));
    return found;
  }
}
