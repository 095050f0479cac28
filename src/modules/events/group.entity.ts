import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { Event } from './event.entity';

/** A named set of an event's attendees ("Team A", "Press"); membership is kept on the attendee. */
export const GroupSchema = defineEntity({
  name: 'Group',
  tableName: 'groups',
  uniques: [{ name: 'groups_event_name_unique', properties: ['event', 'name'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    event: () => p.manyToOne(Event).ref().deleteRule('cascade'),
    name: p.string().length(100),
    description: p.string().length(1000).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

export class Group extends GroupSchema.class {}
GroupSchema.setClass(Group);
