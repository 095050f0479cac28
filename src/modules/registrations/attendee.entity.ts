import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { trigramIndex } from '@turnout/common/database/trigram-index';
import { ATTENDEE_STATUSES } from './attendee-status';
import { Registration } from './registration.entity';

/**
 * One person's registration for an event (and occurrence): the record behind every dialect
 * (an attendance, an event registration, a GxP attendee, a Planning Center attendee).
 */
export const AttendeeSchema = defineEntity({
  name: 'Attendee',
  tableName: 'attendees',
  indexes: [
    // Promotion takes the earliest waiting attendee of a target.
    {
      name: 'attendees_event_occurrence_status_waitlisted_index',
      properties: ['eventId', 'occurrenceId', 'status', 'waitlistedAt'],
    },
    { name: 'attendees_user_id_index', properties: ['userId'] },
    { name: 'attendees_created_at_index', properties: ['createdAt'] },
    { name: 'attendees_offer_expires_at_index', properties: ['offerExpiresAt'] },
    // Project (GxP) lists: every allow-listed filter and sort, within one event.
    { name: 'attendees_event_created_at_index', properties: ['eventId', 'createdAt'] },
    { name: 'attendees_event_updated_at_index', properties: ['eventId', 'updatedAt'] },
    // Planning Center lists order by when attendees joined the waiting list.
    { name: 'attendees_event_waitlisted_at_index', properties: ['eventId', 'waitlistedAt'] },
    { name: 'attendees_event_last_name_index', properties: ['eventId', 'lastName'] },
    { name: 'attendees_event_first_name_index', properties: ['eventId', 'firstName'] },
    {
      name: 'attendees_event_email_index',
      expression:
        'create index "attendees_event_email_index" on "attendees" ("event_id", lower("email"))',
    },
    { name: 'attendees_event_status_index', properties: ['eventId', 'status', 'createdAt'] },
    // Live attendees only, so a project list's count by type is read from the index alone.
    {
      name: 'attendees_event_attendee_type_index',
      expression:
        'create index "attendees_event_attendee_type_index" on "attendees" ("event_id", "attendee_type_id", "created_at") where "deleted_at" is null',
    },
    {
      name: 'attendees_group_ids_index',
      expression: 'create index "attendees_group_ids_index" on "attendees" using gin ("group_ids")',
    },
    {
      name: 'attendees_fields_index',
      expression:
        'create index "attendees_fields_index" on "attendees" using gin ("fields" jsonb_path_ops)',
    },
    // Case-insensitive substring search (ILIKE '%term%') over the person's details.
    trigramIndex('attendees', 'first_name'),
    trigramIndex('attendees', 'last_name'),
    trigramIndex('attendees', 'email'),
    trigramIndex('attendees', 'phone'),
    // One active registration per person per event and occurrence.
    {
      name: 'attendees_one_active_per_user',
      expression:
        'create unique index "attendees_one_active_per_user" on "attendees" ("event_id", coalesce("occurrence_id", \'00000000-0000-0000-0000-000000000000\'::uuid), "user_id") where "status" <> \'CANCELLED\' and "deleted_at" is null',
    },
    // One active registration per email address per event and occurrence.
    {
      name: 'attendees_one_active_per_email',
      expression:
        'create unique index "attendees_one_active_per_email" on "attendees" ("event_id", coalesce("occurrence_id", \'00000000-0000-0000-0000-000000000000\'::uuid), lower("email")) where "status" <> \'CANCELLED\' and "deleted_at" is null',
    },
  ],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    registration: () => p.manyToOne(Registration).ref(),
    /** The event (events module), by id. */
    eventId: p.uuid(),
    /** The occurrence (events module), by id; null for event-level registrations. */
    occurrenceId: p.uuid().nullable(),
    /** The user (auth module), by id. Integrators' users are users too, found by externalId. */
    userId: p.uuid().nullable(),
    externalUserId: p.string().length(200).nullable(),
    firstName: p.string().length(100).nullable(),
    lastName: p.string().length(100).nullable(),
    email: p.string().length(320).nullable(),
    phone: p.string().length(50).nullable(),
    /** Answers given by the registrant: free-form (seed 002), or the project's custom fields (seed 003). */
    fields: p.json<Record<string, unknown>>().default('{}'),
    /** The attendee type (events module), by id. */
    attendeeTypeId: p.uuid().nullable(),
    /** The groups (events module) this attendee is in, by id. */
    groupIds: p
      .uuid()
      .array()
      .defaultRaw("'{}'")
      .onCreate(() => []),
    emergencyContact: p.json<EmergencyContact>().nullable(),
    status: p.enum(ATTENDEE_STATUSES),
    waitlistedAt: p.datetime().nullable(),
    offerExpiresAt: p.datetime().nullable(),
    cancelledAt: p.datetime().nullable(),
    cancelReason: p.string().length(50).nullable(),
    checkedInAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
    deletedAt: p.datetime().nullable(),
  },
});

export interface EmergencyContact {
  name: string;
  phoneNumber: string | null;
}

export class Attendee extends AttendeeSchema.class {}
AttendeeSchema.setClass(Attendee);
