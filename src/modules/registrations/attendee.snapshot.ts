import type { Attendee } from './attendee.entity';
import type { AttendeeSnapshot } from './registration.events';

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

const iso = (date: RowDate | null | undefined) => (date ? new Date(date).toISOString() : null);

/**
 * What other modules (and listeners) see of an attendee: from the entity, or from a row read
 * without one (lists skip the ORM's hydration that way).
 */
export const toSnapshot = (attendee: Attendee | AttendeeRow): AttendeeSnapshot => ({
  id: attendee.id,
  registrationId:
    typeof attendee.registration === 'string' ? attendee.registration : attendee.registration.id,
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
  createdAt: new Date(attendee.createdAt).toISOString(),
  updatedAt: new Date(attendee.updatedAt).toISOString(),
  deletedAt: iso(attendee.deletedAt),
});
