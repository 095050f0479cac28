import { isoSeconds, isoSecondsOrNull } from '@turnout/common/text/iso-seconds';
import type { CheckInView } from './check-ins.service';
import type { CredentialTypeView } from './credential-types.service';
import type { CredentialView } from './credentials.service';
import type { CheckInDto } from './dto/check-in.dto';
import type { CredentialTypeDto } from './dto/credential-type.dto';
import type { CredentialDto } from './dto/credential.dto';

export const toCredentialTypeDto = (type: CredentialTypeView): CredentialTypeDto => ({
  id: type.id,
  code: type.code,
  name: type.name,
  created_at: isoSeconds(type.createdAt),
});

export const toCredentialDto = (credential: CredentialView): CredentialDto => ({
  id: credential.id,
  attendee_id: credential.attendeeId,
  credential_type_id: credential.credentialTypeId,
  credential_type: credential.credentialType,
  value: credential.value,
  created_at: isoSeconds(credential.createdAt),
});

export const toCheckInDto = (checkIn: CheckInView): CheckInDto => ({
  id: checkIn.id,
  attendee_id: checkIn.attendeeId,
  credential_id: checkIn.credentialId,
  direction: checkIn.direction,
  gate: checkIn.gate,
  nonce: checkIn.nonce,
  scanned_at: isoSeconds(checkIn.scannedAt),
  scanned_by: checkIn.scannedBy,
  first_entry: checkIn.firstEntry,
  attendee: {
    id: checkIn.attendee.id,
    first_name: checkIn.attendee.firstName,
    last_name: checkIn.attendee.lastName,
    status: checkIn.attendee.status,
    checked_in_at: isoSecondsOrNull(checkIn.attendee.checkedInAt),
  },
});
