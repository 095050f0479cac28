import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { WebhookDelivery } from './webhook-delivery.entity';

/** One try at a delivery, for the delivery log. */
export const WebhookAttemptSchema = defineEntity({
  name: 'WebhookAttempt',
  tableName: 'webhook_attempts',
  indexes: [{ name: 'webhook_attempts_delivery_index', properties: ['delivery', 'attemptedAt'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    delivery: () => p.manyToOne(WebhookDelivery).ref().deleteRule('cascade'),
    attemptedAt: p.datetime(),
    responseStatus: p.integer().nullable(),
    latencyMs: p.integer(),
    error: p.string().length(1000).nullable(),
    responseBody: p.text().nullable(),
  },
});

export class WebhookAttempt extends WebhookAttemptSchema.class {}
WebhookAttemptSchema.setClass(WebhookAttempt);
