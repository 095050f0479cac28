import { isoSeconds, isoSecondsOrNull } from '@turnout/common/text/iso-seconds';
import type { AttendeeTypeView } from 'src/modules/events/attendee-types.service';
import type { GroupView } from 'src/modules/events/groups.service';
import type { AttendeeSnapshot } from 'src/modules/registrations/registration.events';
import type { CredentialView } from 'src/modules/credentials/credentials.service';
import type { AttendeeInclude, GxpAttendeeDto, GxpCredentialRefDto } from './dto/gxp-attendee.dto';

/** What an attendee's rendering may embed, looked up once for a whole page. */
export interface AttendeeRelations {
  include: ReadonlySet<AttendeeInclude>;
  types: ReadonlyMap<string, AttendeeTypeView>;
  credentials: ReadonlyMap<string, CredentialView[]>;
  groups: ReadonlyMap<string, GroupView>;
}

export const toGxpCredential = (credential: CredentialView): GxpCredentialRefDto => ({
  id: credential.id,
  credential_type_id: credential.credentialTypeId,
  credential_type: credential.credentialType,
  value: credential.value,
  created_at: isoSeconds(credential.createdAt),
});

/** The GxP attendee, in the seed's vocabulary (snake_case, seconds-precision timestamps). */
export function toGxpAttendee(attendee: AttendeeSnapshot, relations: AttendeeRelations) {
  const { include } = relations;
  const type = attendee.attendeeTypeId ? relations.types.get(attendee.attendeeTypeId) : undefined;
  const dto: GxpAttendeeDto = {
    id: attendee.id,
    first_name: attendee.firstName,
    last_name: attendee.lastName,
    email: attendee.email,
    phone: attendee.phone,
    attendee_type_id: attendee.attendeeTypeId,
    ...(include.has('attendee_type')
      ? { attendee_type: type ? { id: type.id, name: type.name } : null }
      : {}),
    custom_fields: attendee.fields,
    emergency_contact: attendee.emergencyContact
      ? {
          name: attendee.emergencyContact.name,
          phone_number: attendee.emergencyContact.phoneNumber,
        }
      : null,
    status: attendee.status,
    checked_in_at: isoSecondsOrNull(attendee.checkedInAt),
    created_at: isoSeconds(new Date(attendee.createdAt)),
    updated_at: isoSeconds(new Date(attendee.updatedAt)),
  };
  if (include.has('credentials')) {
    dto.credentials = (relations.credentials.get(attendee.id) ?? []).map(toGxpCredential);
  }
  if (include.has('groups')) {
    dto.groups = attendee.groupIds
      .map((id) => relations.groups.get(id))
      .filter((group): group is GroupView => group !== undefined)
      .map((group) => ({ id: group.id, name: group.name }));
  }
  return dto;
}
