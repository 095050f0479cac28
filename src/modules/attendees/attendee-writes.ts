import type { FieldError } from '@turnout/common/problems/problem';
import { checkCustomFieldValues } from 'src/modules/events/custom-field-values';
import type { CustomFieldView } from 'src/modules/events/custom-fields.service';
import type { AttendeeSnapshot } from 'src/modules/registrations/registration.events';
import type { ProfileChanges } from 'src/modules/registrations/registrations.service';
import type { CreateGxpAttendeeDto, UpdateGxpAttendeeDto } from './dto/gxp-attendee.dto';

/** How a write treats `custom_fields`: create and PUT replace them, PATCH merges key by key. */
export type WriteMode = 'create' | 'replace' | 'merge';

export interface PreparedWrite {
  changes: ProfileChanges;
  errors: FieldError[];
}

const trimmed = (value: string | null | undefined) =>
  value === undefined ? undefined : value === null ? null : value.trim() || null;

/**
 * Turns a GxP body into the registrations module's profile changes, and lists what is wrong with
 * its custom fields (422 material) with pointers under `base` (`''` or `/resources/3`).
 */
export function prepareWrite(
  dto: CreateGxpAttendeeDto | UpdateGxpAttendeeDto,
  mode: WriteMode,
  customFields: readonly CustomFieldView[],
  current: AttendeeSnapshot | null,
  base = '',
): PreparedWrite {
  const changes: ProfileChanges = {};
  if (dto.first_name !== undefined) changes.firstName = dto.first_name.trim();
  if (dto.last_name !== undefined) changes.lastName = dto.last_name.trim();
  if (dto.email !== undefined) changes.email = trimmed(dto.email);
  if (dto.phone !== undefined) changes.phone = trimmed(dto.phone);
  if (dto.attendee_type_id !== undefined) {
    changes.attendeeTypeId = dto.attendee_type_id?.toLowerCase() ?? null;
  }
  if (dto.emergency_contact !== undefined) {
    changes.emergencyContact = dto.emergency_contact && {
      name: dto.emergency_contact.name.trim(),
      phoneNumber: trimmed(dto.emergency_contact.phone_number) ?? null,
    };
  }

  const errors: FieldError[] = [];
  const given = dto.custom_fields;
  if (mode === 'create' || given !== undefined) {
    const pointer = (key: string) =>
      `${base}/custom_fields/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    errors.push(
      ...checkCustomFieldValues(customFields, given ?? {}, {
        complete: mode !== 'merge',
        pointer,
      }),
    );
    if (mode === 'merge') {
      const merged: Record<string, unknown> = { ...(current?.fields ?? {}), ...given };
      for (const [key, value] of Object.entries(given ?? {}))
        if (value === null) delete merged[key];
      changes.fields = merged;
    } else {
      changes.fields = Object.fromEntries(
        Object.entries(given ?? {}).filter(([, value]) => value !== null),
      );
    }
  }
  return { changes, errors };
}
