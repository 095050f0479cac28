import type { AttendeeStatus } from './attendee-status';

/** A self-contained picture of an attendee at the moment of the change. */
export interface AttendeeSnapshot {
  id: string;
  registrationId: string;
  eventId: string;
  occurrenceId: string | null;
  userId: string | null;
  externalUserId: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  fields: Record<string, unknown>;
  attendeeTypeId: string | null;
  groupIds: string[];
  emergencyContact: { name: string; phoneNumber: string | null } | null;
  status: AttendeeStatus;
  waitlistedAt: string | null;
  offerExpiresAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  checkedInAt: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface RegistrationEvent {
  attendee: AttendeeSnapshot;
  event: { id: string; organizationId: string; title: string };
  previousStatus: AttendeeStatus | null;
  occurredAt: string;
}

/** The domain events of the registrations module, by name. */
export interface RegistrationEvents {
  'registration.created': RegistrationEvent;
  'registration.updated': RegistrationEvent;
  'registration.cancelled': RegistrationEvent;
  'registration.waitlisted': RegistrationEvent;
  'registration.promoted': RegistrationEvent;
  'registration.deleted': RegistrationEvent;
}
