import { IsUUID } from 'class-validator';
import { ProjectParamsDto } from 'src/modules/events/dto/project-params.dto';

/** `/projects/{teamSlug}/{projectSlug}/attendees/{attendeeId}`. */
export class AttendeeParamsDto extends ProjectParamsDto {
  /** The attendee's id. */
  @IsUUID()
  attendeeId: string;
}

/** `/projects/{teamSlug}/{projectSlug}/attendees/{attendeeId}/credentials/{credentialId}`. */
export class CredentialParamsDto extends AttendeeParamsDto {
  /** The credential's id. */
  @IsUUID()
  credentialId: string;
}
