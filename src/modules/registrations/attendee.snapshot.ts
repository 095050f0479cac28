import type { Attendee } from './attendee.entity';
import type { AttendeeSnapshot } from './registration.events';

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

export const toSnapshot = (attendee: Attendee): AttendeeSnapshot => ({
  id: attendee.id,
  registrationId: attendee.registration.id,
  eventId: attendee.eventId,
  occurrenceId: attendee.occurrenceId ?? null,
  userId: attendee.userId ?? null,
  externalUserId: attendee.externalUserId ?? null,
  firstName: attendee.firstName ?? null,
  lastName: attendee.lastName ?? null,
  email: attendee.email ?? null,
  phone: attendee.phone ?? null,
  fields: attendee.fields,
  attendeeTypeId: attendee.attendeeTypeId ?? null,
  groupIds: attendee.groupIds ?? [],
  emergencyContact: attendee.emergencyContact ?? null,
  status: attendee.status,
  waitlistedAt: iso(attendee.waitlistedAt),
  offerExpiresAt: iso(attendee.offerExpiresAt),
  cancelledAt: iso(attendee.cancelledAt),
  cancelReason: attendee.cancelReason ?? null,
  checkedInAt: iso(attendee.checkedInAt),
  createdAt: attendee.createdAt.toISOString(),
  updatedAt: attendee.updatedAt.toISOString(),
  deletedAt: iso(attendee.deletedAt),
});

/** A datetime as a row read without an entity holds it: a Date or a string, depending on the driver. */
type RowDate = Date | string;

/** An attendee row read without an entity, its columns mapped to property names. */
export type AttendeeRow = Omit<
  AttendeeSnapshot,
  | 'registrationId'
  | 'waitlistedAt'
  | 'offerExpiresAt'
  | 'cancelledAt'
  | 'checkedInAt'
  | 'createdAt'
  | 'updatedAt'
  | 'deletedAt'
> & {
  /** The booking, by id. */
  registration: string | { id: string };
  waitlistedAt: RowDate | null;
  offerExpiresAt: RowDate | null;
  cancelledAt: RowDate | null;
  checkedInAt: RowDate | null;
  createdAt: RowDate;
  updatedAt: RowDate;
  deletedAt: RowDate | null;
};

const isoOf = (date: RowDate | null | undefined) => (date ? new Date(date).toISOString() : null);

/** The snapshot of a row read without an entity: lists skip the ORM's hydration this way. */
export const rowToSnapshot = (row: AttendeeRow): AttendeeSnapshot => ({
  id: row.id,
  registrationId: typeof row.registration === 'string' ? row.registration : row.registration.id,
  eventId: row.eventId,
  occurrenceId: row.occurrenceId ?? null,
  userId: row.userId ?? null,
  externalUserId: row.externalUserId ?? null,
  firstName: row.firstName ?? null,
  lastName: row.lastName ?? null,
  email: row.email ?? null,
  phone: row.phone ?? null,
  fields: row.fields,
  attendeeTypeId: row.attendeeTypeId ?? null,
  groupIds: row.groupIds ?? [],
  emergencyContact: row.emergencyContact ?? null,
  status: row.status,
  waitlistedAt: isoOf(row.waitlistedAt),
  offerExpiresAt: isoOf(row.offerExpiresAt),
  cancelledAt: isoOf(row.cancelledAt),
  cancelReason: row.cancelReason ?? null,
  checkedInAt: isoOf(row.checkedInAt),
  createdAt: new Date(row.createdAt).toISOString(),
  updatedAt: new Date(row.updatedAt).toISOString(),
  deletedAt: isoOf(row.deletedAt),
});
