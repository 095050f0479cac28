import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';

export const CHECK_IN_DIRECTIONS = ['in', 'out'] as const;
export type CheckInDirection = (typeof CHECK_IN_DIRECTIONS)[number];

/** The attendee as the scan left them: a replayed scan answers exactly what the first one did. */
export interface ScannedAttendee {
  id: string;
  firstName: string | null;
  lastName: string | null;
  status: string;
  checkedInAt: string | null;
}

/** One scan at the door, in or out. Kept as history: credentials may go, their scans stay. */
export const CheckInSchema = defineEntity({
  name: 'CheckIn',
  tableName: 'check_ins',
  // A scanner's retry carries the same nonce: the index lets exactly one of them be recorded.
  uniques: [{ name: 'check_ins_event_nonce_unique', properties: ['eventId', 'nonce'] }],
  indexes: [
    { name: 'check_ins_event_scanned_at_index', properties: ['eventId', 'scannedAt'] },
    { name: 'check_ins_attendee_scanned_at_index', properties: ['attendeeId', 'scannedAt'] },
  ],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    /** The event (events module), by id. */
    eventId: p.uuid(),
    /** The attendee (registrations module), by id. */
    attendeeId: p.uuid(),
    /** The credential scanned, if the scan was by credential; no foreign key, the scan outlives it. */
    credentialId: p.uuid().nullable(),
    direction: p.enum(CHECK_IN_DIRECTIONS),
    gate: p.string().length(100).nullable(),
    nonce: p.string().length(200).nullable(),
    scannedByUserId: p.uuid().nullable(),
    scannedByApiKeyId: p.uuid().nullable(),
    scannedAt: p.datetime(),
    /** This scan admitted the attendee (made them ATTENDED). */
    firstEntry: p.boolean(),
    attendee: p.json<ScannedAttendee>(),
  },
});

export class CheckIn extends CheckInSchema.class {}
CheckInSchema.setClass(CheckIn);
