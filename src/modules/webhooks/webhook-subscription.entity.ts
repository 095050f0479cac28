import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';

/** Where an organization (or one of its events) wants its domain events delivered. */
export const WebhookSubscriptionSchema = defineEntity({
  name: 'WebhookSubscription',
  tableName: 'webhook_subscriptions',
  indexes: [
    // The outbox looks up an organization's active subscriptions in every transaction that
    // changes something; disabled ones (possibly thousands) stay out of that index.
    {
      name: 'webhook_subscriptions_organization_active_index',
      expression:
        'create index "webhook_subscriptions_organization_active_index" on "webhook_subscriptions" ("organization_id") where "active" = true',
    },
    { name: 'webhook_subscriptions_organization_index', properties: ['organizationId'] },
  ],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    /** The organization (auth module), by id. */
    organizationId: p.uuid(),
    /** Only this event's changes (events module, by id); null: the whole organization's. */
    eventId: p.uuid().nullable(),
    url: p.string().length(2000),
    /** Event types, or `*` for all. */
    events: p.json<string[]>(),
    description: p.string().length(500).nullable(),
    active: p.boolean().default(true),
    /** Why Turnout disabled it (410 Gone, failing for days); null when a person did. */
    disabledReason: p.string().length(500).nullable(),
    secret: p.string().length(100).lazy().hidden(),
    /** The secret before the last rotation: it keeps signing until previousSecretExpiresAt. */
    previousSecret: p.string().length(100).nullable().lazy().hidden(),
    previousSecretExpiresAt: p.datetime().nullable(),
    /** Since when every delivery has failed; null after a success. */
    failingSince: p.datetime().nullable(),
    createdByUserId: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

export class WebhookSubscription extends WebhookSubscriptionSchema.class {}
WebhookSubscriptionSchema.setClass(WebhookSubscription);
