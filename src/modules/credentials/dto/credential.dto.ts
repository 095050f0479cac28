import { IsString, IsUUID, Length, Matches } from 'class-validator';
import {
  NumberedPageLinksDto,
  NumberedPageMetaDto,
} from '@turnout/common/pagination/numbered-page.dto';
import { IsOmittable } from '@turnout/common/validation/is-omittable';

export class CredentialTypeRefDto {
  id: string;
  code: string;
  name: string;
}

/** Something an attendee carries to be recognised at the door. */
export class CredentialDto {
  id: string;
  attendee_id: string;
  credential_type_id: string;
  credential_type: CredentialTypeRefDto;
  /** What the scanner reads; unique within the project. */
  value: string;
  /** `2024-01-15T10:30:00Z`. */
  created_at: string;
}

export class CredentialResponseDto {
  data: CredentialDto;
}

export class CredentialPageDto {
  data: CredentialDto[];
  meta: NumberedPageMetaDto;
  links: NumberedPageLinksDto;
}

/** Printable characters only (no control or format characters), no whitespace at either end. */
const PRINTABLE = /^[^\s\p{C}](?:[^\p{C}]*[^\s\p{C}])?$/u;

export class CreateCredentialDto {
  /** One of the project's credential types; default: its `qr` type. */
  @IsOmittable()
  @IsUUID()
  credential_type_id?: string;

  /**
   * What the scanner will read: 1 to 200 printable characters, unique in the project. Omit it to
   * have an unguessable 24-character token generated (URL-safe, fit for a QR code).
   */
  @IsOmittable()
  @IsString()
  @Length(1, 200)
  @Matches(PRINTABLE, {
    message: 'value must be printable characters without whitespace at either end',
  })
  value?: string;
}
