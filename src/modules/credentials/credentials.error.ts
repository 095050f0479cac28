import { defineErrors } from '@turnout/common/problems/domain-error';

export class CredentialsError extends defineErrors({
  'attendee-not-found': { status: 404, title: 'Attendee not found' },
  'credential-not-found': { status: 404, title: 'Credential not found' },
  'credential-taken': {
    status: 409,
    title: 'Duplicate entry: that credential value already exists in this project',
  },
  'credential-type-code-taken': {
    status: 409,
    title: 'Duplicate entry: the project already has a credential type with that code',
  },
  'not-admissible': { status: 409, title: 'The attendee may not be admitted' },
  'nonce-reused': { status: 409, title: 'That nonce was already used for a different scan' },
  'unknown-credential-type': {
    status: 422,
    title: 'The credential type is not one of the project’s',
  },
}) {}

export const attendeeNotFound = (id: string) =>
  new CredentialsError('attendee-not-found', `No attendee ${id} in this project`);
