import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import {
  NumberedPageLinksDto,
  NumberedPageMetaDto,
} from '@turnout/common/pagination/numbered-page.dto';

/** A kind of credential: every project has `barcode`, `qr`, `rfid` and `nfc`, and may add its own. */
export class CredentialTypeDto {
  id: string;
  /** Stable machine name, unique in the project: `barcode`, `qr`, `rfid`, `nfc`, … */
  code: string;
  /** Display name: "QR code". */
  name: string;
  /** `2024-01-15T10:30:00Z`. */
  created_at: string;
}

export class CredentialTypeResponseDto {
  data: CredentialTypeDto;
}

export class CredentialTypePageDto {
  data: CredentialTypeDto[];
  meta: NumberedPageMetaDto;
  links: NumberedPageLinksDto;
}

export class CreateCredentialTypeDto {
  /** Lowercase letters, digits, `_` and `-`, starting with a letter; up to 50 characters. */
  @IsString()
  @Matches(/^[a-z][a-z0-9_-]{0,49}$/, {
    message: 'code must start with a lowercase letter, then up to 49 of a-z 0-9 _ -',
  })
  code: string;

  /** Display name, up to 100 characters. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @Matches(/\S/, { message: 'name must not be blank' })
  name: string;
}
