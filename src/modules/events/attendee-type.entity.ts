import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { Event } from './event.entity';

/** A kind of attendee of one event (GxP attendee type, Planning Center selection type): "VIP", "Speaker". */
export const AttendeeTypeSchema = defineEntity({
  name: 'AttendeeType',
  tableName: 'attendee_types',
  uniques: [{ name: 'attendee_types_event_name_unique', properties: ['event', 'name'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    event: () => p.manyToOne(Event).ref().deleteRule('cascade'),
    name: p.string().length(100),
    description: p.string().length(1000).nullable(),
    priceCents: p.integer().default(0),
    priceCurrency: p.string().length(3).default('USD'),
    publiclyAvailable: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

export class AttendeeType extends AttendeeTypeSchema.class {}
AttendeeTypeSchema.setClass(AttendeeType);
