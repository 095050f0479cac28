import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { trigramIndex } from '@turnout/common/database/trigram-index';
import { Category } from './category.entity';

export const EVENT_STATUSES = ['DRAFT', 'PUBLISHED', 'ARCHIVED'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
export const WAITLIST_POLICIES = ['AUTO_CONFIRM', 'OFFER'] as const;
export type WaitlistPolicy = (typeof WAITLIST_POLICIES)[number];

/** What people register for: a seed 000 event, a seed 001 signup, a seed 002 event, a seed 003 project. */
export const EventSchema = defineEntity({
  name: 'Event',
  tableName: 'events',
  uniques: [{ name: 'events_organization_slug_unique', properties: ['organizationId', 'slug'] }],
  // The database itself refuses an oversold event or a capacity below the seats already held.
  checks: [
    {
      name: 'events_seats_check',
      expression: 'seats_held >= 0 and (capacity is null or seats_held <= capacity)',
    },
    {
      name: 'events_dates_check',
      expression: 'ends_at is null or starts_at is null or ends_at >= starts_at',
    },
    {
      name: 'events_offer_ttl_check',
      expression: 'offer_ttl_minutes is null or offer_ttl_minutes > 0',
    },
  ],
  indexes: [
    // Registration search matches event names with ILIKE '%term%'.
    trigramIndex('events', 'title'),
    { name: 'events_status_starts_at_index', properties: ['status', 'startsAt'] },
    { name: 'events_organization_starts_at_index', properties: ['organizationId', 'startsAt'] },
  ],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    /** The owning organization (auth module), by id across the module boundary. */
    organizationId: p.uuid(),
    slug: p.string().length(100),
    title: p.string().length(200),
    description: p.text().nullable(),
    status: p.enum(EVENT_STATUSES).default('DRAFT'),
    startsAt: p.datetime().nullable(),
    endsAt: p.datetime().nullable(),
    /** Seats when the event has no occurrences; null = unlimited. */
    capacity: p.integer().nullable(),
    /** Seat-holding attendees counted against `capacity` (kept by the registrations module). */
    seatsHeld: p.integer().default(0),
    waitlistEnabled: p.boolean().default(true),
    waitlistPolicy: p.enum(WAITLIST_POLICIES).default('AUTO_CONFIRM'),
    offerTtlMinutes: p.integer().nullable(),
    /** Attendees must give an emergency contact to be complete (Planning Center's `complete`). */
    requiresEmergencyContact: p.boolean().default(false),
    categories: () => p.manyToMany(Category).pivotTable('event_categories').owner(),
    /** The user who created it (auth module), by id. */
    createdById: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
    deletedAt: p.datetime().nullable(),
  },
});

export class Event extends EventSchema.class {}
EventSchema.setClass(Event);
