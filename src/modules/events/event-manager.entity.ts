import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { Event } from './event.entity';

/** A signup manager: a user who may manage this one event (and nothing else through it). */
export const EventManagerSchema = defineEntity({
  name: 'EventManager',
  tableName: 'event_managers',
  uniques: [{ name: 'event_managers_event_user_unique', properties: ['event', 'userId'] }],
  indexes: [{ name: 'event_managers_user_id_index', properties: ['userId'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    event: () => p.manyToOne(Event).ref().deleteRule('cascade'),
    /** The manager (auth module), by id. */
    userId: p.uuid(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class EventManager extends EventManagerSchema.class {}
EventManagerSchema.setClass(EventManager);
