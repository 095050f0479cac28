import { defineErrors } from '@turnout/common/problems/domain-error';

export class RegistrationError extends defineErrors({
  'registration-not-found': { status: 404, title: 'No such registration' },
  'occurrence-not-found': { status: 404, title: 'No such occurrence' },
  'event-full': { status: 409, title: 'The event is full' },
  'already-registered': { status: 409, title: 'This person is already registered' },
  'email-taken': { status: 409, title: 'Duplicate entry: that email is already registered here' },
  'not-allowed': { status: 403, title: 'You may not do this' },
}) {}

/** The 409 a unique index answers: the same person, or the same email, already registered. */
export function duplicateRegistration(error: Error): RegistrationError {
  return error.message.includes('attendees_one_active_per_email')
    ? new RegistrationError('email-taken', 'That email already has an active registration here')
    : new RegistrationError(
        'already-registered',
        'This person already has an active registration here',
      );
}
