import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { WebhookSubscription } from './webhook-subscription.entity';

export const DELIVERY_STATUSES = ['PENDING', 'SUCCEEDED', 'FAILED'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * The outbox: one message for one subscription, written in the transaction of the change that
 * caused it, then sent (and retried) by the dispatcher. Its id is the `webhook-id` header.
 */
export const WebhookDeliverySchema = defineEntity({
  name: 'WebhookDelivery',
  tableName: 'webhook_deliveries',
  indexes: [
    {
      name: 'webhook_deliveries_due_index',
      expression:
        'create index "webhook_deliveries_due_index" on "webhook_deliveries" ("next_attempt_at") where "status" = \'PENDING\'',
    },
    {
      name: 'webhook_deliveries_subscription_created_at_index',
      properties: ['subscription', 'createdAt'],
    },
    { name: 'webhook_deliveries_completed_at_index', properties: ['completedAt'] },
  ],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    subscription: () => p.manyToOne(WebhookSubscription).ref().deleteRule('cascade'),
    eventType: p.string().length(100),
    /** The request body: `{ type, timestamp, data }`. */
    payload: p.json<Record<string, unknown>>(),
    status: p.enum(DELIVERY_STATUSES).default('PENDING'),
    attempts: p.integer().default(0),
    nextAttemptAt: p.datetime().nullable(),
    /** Held by a dispatcher until then; a crashed one's deliveries are taken over after it. */
    leaseExpiresAt: p.datetime().nullable(),
    lastAttemptAt: p.datetime().nullable(),
    lastResponseStatus: p.integer().nullable(),
    lastError: p.string().length(1000).nullable(),
    lastLatencyMs: p.integer().nullable(),
    /** The receiver's answer, truncated. */
    lastResponseBody: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    completedAt: p.datetime().nullable(),
  },
});

export class WebhookDelivery extends WebhookDeliverySchema.class {}
WebhookDeliverySchema.setClass(WebhookDelivery);
