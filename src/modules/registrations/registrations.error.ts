import { defineErrors } from '@turnout/common/problems/domain-error';

export class RegistrationError extends defineErrors({
  'registration-not-found': { status: 404, title: 'No such registration' },
  'occurrence-not-found': { status: 404, title: 'No such occurrence' },
  'event-full': { status: 409, title: 'The event is full' },
  'already-registered': { status: 409, title: 'This person is already registered' },
  'not-allowed': { status: 403, title: 'You may not do this' },
  'person-required': { status: 422, title: 'A registration needs a user or an external user id' },
}) {}
