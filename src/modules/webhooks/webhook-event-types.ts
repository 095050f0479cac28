/**
 * Every event type a subscription may ask for: what its `data` is, and an example of it. The
 * examples are checked against real deliveries by the tests, so they show what receivers get.
 */

const ORGANIZATION_ID = '6a1f0c52-8d0e-4f3a-9a41-2f3b8c1d7e90';
const EVENT_ID = '0b7d3c6e-2a4f-4e8b-9c15-7f2e1d3a5b68';
const ATTENDEE_ID = '3f9a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const CREDENTIAL_ID = 'c2d4e6f8-1a3b-4c5d-8e7f-9a0b1c2d3e4f';

const gxpAttendee = {
  id: ATTENDEE_ID,
  first_name: 'Jane',
  last_name: 'Smith',
  email: 'jane@example.com',
  phone: '+15551234567',
  attendee_type_id: null,
  attendee_type: null,
  custom_fields: { company: 'Acme Corp' },
  emergency_contact: null,
  status: 'CONFIRMED',
  checked_in_at: null,
  created_at: '2026-05-01T09:30:00Z',
  updated_at: '2026-05-01T09:30:00Z',
};

const organization = {
  id: ORGANIZATION_ID,
  name: 'Acme Events',
  slug: 'acme',
  createdAt: '2026-01-10T08:00:00.000Z',
  updatedAt: '2026-01-10T08:00:00.000Z',
};

const eventRegistration = {
  id: ATTENDEE_ID,
  status: 'CONFIRMED',
  fields: { email: 'jane@example.com', firstName: 'Jane', lastName: 'Smith' },
  user: {
    id: '8e2b4d6f-0a1c-4e3b-9d5f-7a9c1e3b5d70',
    email: 'jane@example.com',
    firstName: 'Jane',
    lastName: 'Smith',
    avatar: null,
    role: 'attendee',
    isActive: true,
    organizationId: ORGANIZATION_ID,
    createdAt: '2026-05-01T09:30:00.000Z',
    updatedAt: '2026-05-01T09:30:00.000Z',
  },
  event: {
    id: EVENT_ID,
    name: 'Spring Summit',
    slug: 'spring-summit',
    description: null,
    createdAt: '2026-02-01T12:00:00.000Z',
    updatedAt: '2026-02-01T12:00:00.000Z',
  },
  occurrence: {
    id: '5a7c9e1b-3d5f-4a7c-8e9b-1d3f5a7c9e2b',
    startDate: '2026-06-01T09:00:00.000Z',
    endDate: '2026-06-01T17:00:00.000Z',
    capacity: 200,
    registrations: 57,
    createdAt: '2026-02-01T12:00:00.000Z',
    updatedAt: '2026-05-01T09:30:00.000Z',
  },
  organization,
  createdAt: '2026-05-01T09:30:00.000Z',
  updatedAt: '2026-05-01T09:30:00.000Z',
  deletedAt: null,
};

const credential = {
  id: CREDENTIAL_ID,
  attendee_id: ATTENDEE_ID,
  credential_type_id: '9d1f3b5a-7c9e-4b1d-8f3a-5c7e9b1d3f5a',
  value: 'Q7mZk2VfP9xWc4LrT8nYb3Hd',
  created_at: '2026-05-01T09:31:00Z',
};

const event = {
  id: EVENT_ID,
  organizationId: ORGANIZATION_ID,
  slug: 'spring-summit',
  title: 'Spring Summit',
  description: null,
  status: 'PUBLISHED',
  startsAt: '2026-06-01T09:00:00.000Z',
  endsAt: '2026-06-01T17:00:00.000Z',
  capacity: null,
  categoryIds: [],
  waitlistEnabled: true,
  waitlistPolicy: 'AUTO_CONFIRM',
  offerTtlMinutes: null,
  requiresEmergencyContact: false,
  createdById: null,
  createdAt: '2026-02-01T12:00:00.000Z',
  updatedAt: '2026-05-02T10:00:00.000Z',
};

const type = (description: string, data: unknown) => ({ description, data });

export const WEBHOOK_EVENT_TYPES = {
  'attendee.created': type(
    'The GxP attendee (as `GET /api/v1/projects/.../attendees/{id}` answers it)',
    gxpAttendee,
  ),
  'attendee.updated': type('The GxP attendee after the change', {
    ...gxpAttendee,
    first_name: 'Janet',
    updated_at: '2026-05-02T10:00:00Z',
  }),
  'attendee.deleted': type('The GxP attendee as it was when deleted', gxpAttendee),
  'attendee.checked_in': type(
    '`{ check_in, attendee }`: the first-entry scan and the GxP attendee',
    {
      check_in: {
        id: '1b3d5f7a-9c1e-4b3d-8f5a-7c9e1b3d5f7a',
        attendee_id: ATTENDEE_ID,
        credential_id: CREDENTIAL_ID,
        direction: 'in',
        gate: 'Hall A',
        nonce: null,
        scanned_at: '2026-06-01T08:55:12Z',
        scanned_by: { type: 'user', id: '4c6e8a0b-2d4f-4a6c-8e0b-2d4f6a8c0e1b' },
      },
      attendee: {
        ...gxpAttendee,
        status: 'ATTENDED',
        checked_in_at: '2026-06-01T08:55:12Z',
        updated_at: '2026-06-01T08:55:12Z',
      },
    },
  ),
  'registration.created': type(
    'The EventRegistration (as `/api/v1/event-registrations` answers it)',
    eventRegistration,
  ),
  'registration.updated': type('The EventRegistration after the change', eventRegistration),
  'registration.cancelled': type('The EventRegistration, now CANCELLED', {
    ...eventRegistration,
    status: 'CANCELLED',
  }),
  'registration.waitlisted': type('The EventRegistration, now WAITING_LIST', {
    ...eventRegistration,
    status: 'WAITING_LIST',
  }),
  'registration.promoted': type(
    'The EventRegistration promoted from the waiting list',
    eventRegistration,
  ),
  'registration.deleted': type('The EventRegistration as it was when deleted', {
    ...eventRegistration,
    deletedAt: '2026-05-03T11:00:00.000Z',
  }),
  'credential.created': type(
    'The credential (`{ id, attendee_id, credential_type_id, value, created_at }`)',
    credential,
  ),
  'credential.deleted': type('The credential as it was when deleted', credential),
  'event.updated': type(
    'The event (as `GET /api/events/{id}` answers it, without attendances)',
    event,
  ),
} as const;

export type WebhookEventType = keyof typeof WEBHOOK_EVENT_TYPES;
export const WEBHOOK_EVENT_TYPE_NAMES = Object.keys(WEBHOOK_EVENT_TYPES) as WebhookEventType[];

/** Sent by `POST /api/webhooks/{id}/test` only; nobody subscribes to it. */
export const TEST_EVENT_TYPE = 'webhook.test';
