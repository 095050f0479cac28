/** Every event type a subscription may ask for, with what its `data` is. */
export const WEBHOOK_EVENT_TYPES = {
  'attendee.created': 'The GxP attendee (as `GET /api/v1/projects/.../attendees/{id}` answers it)',
  'attendee.updated': 'The GxP attendee after the change',
  'attendee.deleted': 'The GxP attendee as it was when deleted',
  'attendee.checked_in': '`{ check_in, attendee }`: the first-entry scan and the GxP attendee',
  'registration.created': 'The EventRegistration (as `/api/v1/event-registrations` answers it)',
  'registration.updated': 'The EventRegistration after the change',
  'registration.cancelled': 'The EventRegistration, now CANCELLED',
  'registration.waitlisted': 'The EventRegistration, now WAITING_LIST',
  'registration.promoted': 'The EventRegistration promoted from the waiting list',
  'registration.deleted': 'The EventRegistration as it was when deleted',
  'credential.created':
    'The credential (`{ id, attendee_id, credential_type_id, value, created_at }`)',
  'credential.deleted': 'The credential as it was when deleted',
  'event.updated': 'The event (as `GET /api/events/{id}` answers it, without attendances)',
} as const;

export type WebhookEventType = keyof typeof WEBHOOK_EVENT_TYPES;
export const WEBHOOK_EVENT_TYPE_NAMES = Object.keys(WEBHOOK_EVENT_TYPES) as WebhookEventType[];

/** Sent by `POST /api/webhooks/{id}/test` only; nobody subscribes to it. */
export const TEST_EVENT_TYPE = 'webhook.test';
