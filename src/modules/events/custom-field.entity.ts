import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { Event } from './event.entity';

export const CUSTOM_FIELD_TYPES = [
  'text',
  'number',
  'boolean',
  'date',
  'email',
  'select',
  'multiselect',
] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

/** A question an event asks its attendees; answers live on the attendee, keyed by `key`. */
export const CustomFieldSchema = defineEntity({
  name: 'CustomField',
  tableName: 'custom_fields',
  uniques: [{ name: 'custom_fields_event_key_unique', properties: ['event', 'key'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    event: () => p.manyToOne(Event).ref().deleteRule('cascade'),
    key: p.string().length(64),
    label: p.string().length(200),
    type: p.enum(CUSTOM_FIELD_TYPES),
    /** The choices of `select` and `multiselect`. */
    options: p.json<string[]>().nullable(),
    required: p.boolean().default(false),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

export class CustomField extends CustomFieldSchema.class {}
CustomFieldSchema.setClass(CustomField);
