import { defineErrors } from '@turnout/common/problems/domain-error';

export class EventsError extends defineErrors({
  'occurrence-not-found': { status: 404, title: 'No such occurrence' },
  'project-not-found': { status: 404, title: 'No such project' },
  'attendee-type-not-found': { status: 404, title: 'No such attendee type' },
  'custom-field-not-found': { status: 404, title: 'No such custom field' },
  'group-not-found': { status: 404, title: 'No such group' },
  'attendee-type-name-taken': {
    status: 409,
    title: 'The project already has an attendee type with that name',
  },
  'attendee-type-in-use': { status: 409, title: 'Attendees still have this attendee type' },
  'custom-field-key-taken': {
    status: 409,
    title: 'The project already has a custom field with that key',
  },
  'group-name-taken': { status: 409, title: 'The project already has a group with that name' },
  'unknown-attendee-type': { status: 422, title: 'The attendee type is not one of the project’s' },
  'invalid-custom-field': { status: 422, title: 'A custom field definition is not valid' },
  'category-not-found': { status: 404, title: 'No such category' },
  'organization-not-found': { status: 404, title: 'No such organization' },
  'user-not-found': { status: 404, title: 'No such user' },
  'slug-taken': { status: 409, title: 'That slug is already used in the organization' },
  'category-name-taken': {
    status: 409,
    title: 'The organization already has a category with that name',
  },
  'capacity-below-held': { status: 409, title: 'The capacity is below the seats already held' },
  'occurrence-has-registrations': { status: 409, title: 'The occurrence has registrations' },
  'organization-required': { status: 422, title: 'An organization is required' },
  'unknown-category': { status: 422, title: 'A category is not one of the organization’s' },
  'invalid-period': { status: 422, title: 'The period ends before it starts' },
  'offer-ttl-required': { status: 422, title: 'The OFFER policy needs offerTtlMinutes' },
  'manager-not-in-organization': {
    status: 422,
    title: 'A signup manager must belong to the event’s organization',
  },
  'not-allowed': { status: 403, title: 'You may not do this' },
}) {}
