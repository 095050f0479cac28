import type { FieldType, FilterSpec } from '@turnout/common/filtering/filter-spec';
import type { CustomFieldType } from 'src/modules/events/custom-field.entity';
import type { CustomFieldView } from 'src/modules/events/custom-fields.service';
import { ATTENDEE_COLUMNS as c } from 'src/modules/registrations/attendee-directory.service';
import { ATTENDEE_STATUSES } from 'src/modules/registrations/attendee-status';
import { ATTENDEE_INCLUDES, type AttendeeInclude } from './dto/gxp-attendee.dto';
import { AttendeesError } from './attendees.error';

const JSON_TYPES: Record<CustomFieldType, FieldType> = {
  text: 'string',
  email: 'string',
  select: 'string',
  number: 'number',
  boolean: 'boolean',
  date: 'date',
  multiselect: 'string[]',
};

/**
 * The GxP fields a list or search may filter and sort on, over the registrations module's columns.
 * Each is backed by an index on (event_id, …); `custom_fields.<key>` by the GIN index on `fields`
 * for equality, and only keys the project defines are allowed.
 */
/** How a filter or sort names a custom field: `custom_fields.<key>`. */
export const CUSTOM_FIELDS_PREFIX = 'custom_fields.';

export function attendeeFilterSpec(customFields: readonly CustomFieldView[]): FilterSpec {
  const types = new Map(customFields.map((field) => [field.key, JSON_TYPES[field.type]]));
  return {
    fields: {
      id: { type: 'uuid', sql: c.id },
      attendee_type_id: { type: 'uuid', sql: c.attendeeTypeId },
      email: { type: 'string', sql: c.email, sortable: true, caseInsensitive: true },
      first_name: { type: 'string', sql: c.firstName, sortable: true },
      last_name: { type: 'string', sql: c.lastName, sortable: true },
      status: { type: 'enum', sql: c.status, values: ATTENDEE_STATUSES, sortable: true },
      group_id: { type: 'uuid', sql: c.groupIds, array: true },
      created_at: { type: 'datetime', sql: c.createdAt, sortable: true },
      updated_at: { type: 'datetime', sql: c.updatedAt, sortable: true },
      checked_in_at: { type: 'datetime', sql: c.checkedInAt, sortable: true },
    },
    json: { prefix: CUSTOM_FIELDS_PREFIX, sql: c.fields, resolve: (key) => types.get(key) },
  };
}

/** `include=credentials,groups` → the set, or a 400 naming what is unknown. */
export function parseIncludes(value: string | undefined): Set<AttendeeInclude> {
  const wanted = (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  const unknown = wanted.filter((item) => !(ATTENDEE_INCLUDES as readonly string[]).includes(item));
  if (unknown.length > 0) {
    throw new AttendeesError(
      'invalid-include',
      `Cannot include ${unknown.join(', ')}; includable: ${ATTENDEE_INCLUDES.join(', ')}`,
      { errors: [{ pointer: '/include', in: 'query', message: `unknown: ${unknown.join(', ')}` }] },
    );
  }
  return new Set(wanted as AttendeeInclude[]);
}
