import type { ResourceObject } from '@turnout/common/jsonapi/document';
import { isoSecondsOrNull, isoSeconds } from '@turnout/common/text/iso-seconds';
import type { AttendeeTypeView } from 'src/modules/events/attendee-types.service';
import type { EventDto } from 'src/modules/events/dto/event.dto';
import type { BookingView } from 'src/modules/registrations/attendee-directory.service';
import { SEAT_HOLDING } from 'src/modules/registrations/attendee-status';
import type { AttendeeSnapshot } from 'src/modules/registrations/registration.events';

/** The Planning Center resource types this dialect speaks, and what each may show. */
export const ATTENDEE_ATTRIBUTES = [
  'active',
  'canceled',
  'complete',
  'created_at',
  'updated_at',
  'waitlisted',
  'waitlisted_at',
] as const;
export const ATTENDEE_RELATIONSHIPS = [
  'emergency_contact',
  'person',
  'registration',
  'selection_type',
] as const;
export type AttendeeRelationship = (typeof ATTENDEE_RELATIONSHIPS)[number];

/** `fields[Type]` names each type allows: its attributes and relationships. */
export const SPARSE_FIELDS: Record<string, readonly string[]> = {
  Attendee: [...ATTENDEE_ATTRIBUTES, ...ATTENDEE_RELATIONSHIPS],
  EmergencyContact: ['name', 'phone_number', 'created_at', 'updated_at'],
  Person: [
    'first_name',
    'last_name',
    'name',
    'email',
    'email_addresses',
    'created_at',
    'updated_at',
  ],
  Registration: ['created_at', 'updated_at', 'registrant'],
  SelectionType: [
    'name',
    'price_cents',
    'price_currency',
    'publicly_available',
    'created_at',
    'updated_at',
  ],
  Signup: ['name', 'description', 'starts_at', 'ends_at', 'archived', 'created_at', 'updated_at'],
};

const iso = (value: Date | string) =>
  isoSeconds(typeof value === 'string' ? new Date(value) : value);
export const signupPath = (signupId: string) => `/registrations/v2/signups/${signupId}`;
const attendeePath = (a: AttendeeSnapshot) => `${signupPath(a.eventId)}/attendees/${a.id}`;

/** The person behind an attendee: their user when they have one, else the attendee record itself. */
const personId = (attendee: AttendeeSnapshot) => attendee.userId ?? attendee.id;

export function toSignupResource(event: EventDto): ResourceObject {
  return {
    type: 'Signup',
    id: event.id,
    attributes: {
      name: event.title,
      description: event.description,
      starts_at: isoSecondsOrNull(event.startsAt),
      ends_at: isoSecondsOrNull(event.endsAt),
      archived: event.status === 'ARCHIVED',
      created_at: iso(event.createdAt),
      updated_at: iso(event.updatedAt),
    },
    links: { self: signupPath(event.id) },
  };
}

/**
 * The attendee in Planning Center's words: `active` holds a seat, `canceled` is CANCELLED,
 * `waitlisted` is WAITING_LIST. `complete` is only computed when asked for (`fields[Attendee]`).
 */
export function toAttendeeResource(
  attendee: AttendeeSnapshot,
  complete: boolean | undefined,
): ResourceObject {
  const link = (relationship: AttendeeRelationship) => ({
    related: `${attendeePath(attendee)}/${relationship}`,
  });
  return {
    type: 'Attendee',
    id: attendee.id,
    attributes: {
      active: SEAT_HOLDING.has(attendee.status),
      canceled: attendee.status === 'CANCELLED',
      ...(complete === undefined ? {} : { complete }),
      created_at: iso(attendee.createdAt),
      updated_at: iso(attendee.updatedAt),
      waitlisted: attendee.status === 'WAITING_LIST',
      waitlisted_at: isoSecondsOrNull(attendee.waitlistedAt),
    },
    relationships: {
      emergency_contact: {
        data: attendee.emergencyContact ? { type: 'EmergencyContact', id: attendee.id } : null,
        links: link('emergency_contact'),
      },
      person: { data: { type: 'Person', id: personId(attendee) }, links: link('person') },
      registration: {
        data: { type: 'Registration', id: attendee.registrationId },
        links: link('registration'),
      },
      selection_type: {
        data: attendee.attendeeTypeId
          ? { type: 'SelectionType', id: attendee.attendeeTypeId }
          : null,
        links: link('selection_type'),
      },
    },
    links: { self: attendeePath(attendee) },
  };
}

export function toEmergencyContactResource(attendee: AttendeeSnapshot): ResourceObject | null {
  const contact = attendee.emergencyContact;
  if (!contact) return null;
  return {
    type: 'EmergencyContact',
    id: attendee.id,
    attributes: {
      name: contact.name,
      phone_number: contact.phoneNumber,
      created_at: iso(attendee.createdAt),
      updated_at: iso(attendee.updatedAt),
    },
  };
}

export function toPersonResource(attendee: AttendeeSnapshot): ResourceObject {
  const name = [attendee.firstName, attendee.lastName].filter(Boolean).join(' ');
  return {
    type: 'Person',
    id: personId(attendee),
    attributes: {
      first_name: attendee.firstName,
      last_name: attendee.lastName,
      name: name || null,
      email: attendee.email,
      email_addresses: attendee.email ? [attendee.email] : [],
      created_at: iso(attendee.createdAt),
      updated_at: iso(attendee.updatedAt),
    },
  };
}

export function toRegistrationResource(booking: BookingView): ResourceObject {
  return {
    type: 'Registration',
    id: booking.id,
    attributes: { created_at: iso(booking.createdAt), updated_at: iso(booking.updatedAt) },
    relationships: {
      registrant: {
        data: booking.registrantUserId ? { type: 'Person', id: booking.registrantUserId } : null,
      },
    },
  };
}

export function toSelectionTypeResource(type: AttendeeTypeView): ResourceObject {
  return {
    type: 'SelectionType',
    id: type.id,
    attributes: {
      name: type.name,
      price_cents: type.priceCents,
      price_currency: type.priceCurrency,
      publicly_available: type.publiclyAvailable,
      created_at: iso(type.createdAt),
      updated_at: iso(type.updatedAt),
    },
  };
}
