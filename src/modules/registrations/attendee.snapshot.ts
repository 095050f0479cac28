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
