import { defineErrors } from '@turnout/common/problems/domain-error';

export class AttendeesError extends defineErrors({
  'attendee-not-found': { status: 404, title: 'Attendee not found' },
  'signup-not-found': { status: 404, title: 'Signup not found' },
  'invalid-include': { status: 400, title: 'Validation failed: unknown include' },
  'invalid-batch': { status: 400, title: 'Validation failed' },
  'invalid-custom-fields': { status: 422, title: 'Invalid data: check the custom field values' },
  'invalid-attendees': { status: 422, title: 'Invalid data: some attendees cannot be written' },
  'email-taken': { status: 409, title: 'Duplicate entry: that email already exists' },
}) {}
