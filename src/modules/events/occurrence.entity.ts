import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { Event } from './event.entity';

/** One session of an event (seed 002), with its own capacity. */
export const OccurrenceSchema = defineEntity({
  name: 'Occurrence',
  tableName: 'occurrences',
  checks: [
    {
      name: 'occurrences_seats_check',
      expression: 'seats_held >= 0 and (capacity is null or seats_held <= capacity)',
    },
    { name: 'occurrences_dates_check', expression: 'end_date >= start_date' },
  ],
  indexes: [{ name: 'occurrences_event_start_date_index', properties: ['event', 'startDate'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    event: () => p.manyToOne(Event).ref().deleteRule('cascade'),
    startDate: p.datetime(),
    endDate: p.datetime(),
    /** Null = unlimited. */
    capacity: p.integer().nullable(),
    /** Seat-holding attendees counted against `capacity` (kept by the registrations module). */
    seatsHeld: p.integer().default(0),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

export class Occurrence extends OccurrenceSchema.class {}
OccurrenceSchema.setClass(Occurrence);
