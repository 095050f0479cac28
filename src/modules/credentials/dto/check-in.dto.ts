import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { NumberedPageQueryDto } from '@turnout/common/pagination/numbered-page.dto';
import { RequestValidationError } from '@turnout/common/validation/request-validation.error';
import { ATTENDEE_STATUSES } from 'src/modules/registrations/attendee-status';
import { CHECK_IN_DIRECTIONS, type CheckInDirection } from '../check-in.entity';
import {
  NumberedPageLinksDto,
  NumberedPageMetaDto,
} from '@turnout/common/pagination/numbered-page.dto';
import { IsOmittable } from '@turnout/common/validation/is-omittable';

export class CreateCheckInDto {
  /** The scanned credential's value. Send this or `attendee_id`, not both. */
  @IsOmittable()
  @IsString()
  @Length(1, 200)
  credential_value?: string;

  /** The attendee, when checked in by hand (no credential). Send this or `credential_value`. */
  @IsOmittable()
  @IsUUID()
  attendee_id?: string;

  /** `in` (default) or `out`. */
  @ApiPropertyOptional({ enum: CHECK_IN_DIRECTIONS, default: 'in' })
  @IsOmittable()
  @IsIn(CHECK_IN_DIRECTIONS)
  direction: CheckInDirection = 'in';

  /** Where the scan happened: "North entrance". */
  @IsOmittable()
  @IsString()
  @Length(1, 100)
  gate?: string;

  /**
   * The scanner's id for this scan, unique per project. A retry with the same nonce is recorded
   * once and answers exactly what the first attempt did; the same nonce for another attendee or
   * direction is a 409 `nonce-reused`.
   */
  @IsOmittable()
  @IsString()
  @Length(1, 200)
  nonce?: string;
}

/** 400 with pointers unless exactly one of `credential_value` and `attendee_id` is sent. */
export function requireOneIdentifier(dto: CreateCheckInDto): void {
  const sent = (['credential_value', 'attendee_id'] as const).filter((key) => dto[key] != null);
  if (sent.length === 1) return;
  const message =
    sent.length === 0
      ? 'send credential_value or attendee_id'
      : 'send credential_value or attendee_id, not both';
  throw new RequestValidationError(
    (sent.length === 0 ? ['credential_value', 'attendee_id'] : sent).map((key) => ({
      pointer: `/${key}`,
      message,
    })),
  );
}

export class CheckInQueryDto extends NumberedPageQueryDto {
  /** Only this attendee's scans. */
  @IsOptional()
  @IsUUID()
  attendee_id?: string;

  /** Only `in` or only `out` scans. */
  @ApiPropertyOptional({ enum: CHECK_IN_DIRECTIONS })
  @IsOptional()
  @IsIn(CHECK_IN_DIRECTIONS)
  direction?: CheckInDirection;
}

export class ScannerDto {
  /** A person (their token) or an API key. */
  @ApiProperty({ enum: ['user', 'api_key'] })
  type: 'user' | 'api_key';
  id: string;
}

/** The attendee as the scan left them. */
export class CheckInAttendeeDto {
  id: string;
  first_name: string | null;
  last_name: string | null;
  @ApiProperty({ enum: ATTENDEE_STATUSES })
  status: string;
  /** When they were first admitted (`2024-01-15T10:30:00Z`). */
  checked_in_at: string | null;
}

/** One scan at the door. */
export class CheckInDto {
  id: string;
  attendee_id: string;
  /** The credential scanned; null for a check-in by attendee id. */
  credential_id: string | null;
  @ApiProperty({ enum: CHECK_IN_DIRECTIONS })
  direction: CheckInDirection;
  gate: string | null;
  nonce: string | null;
  /** `2024-01-15T10:30:00Z`. */
  scanned_at: string;
  scanned_by: ScannerDto | null;
  /** This scan admitted the attendee: their first entry, which made them ATTENDED. */
  first_entry: boolean;
  attendee: CheckInAttendeeDto;
}

export class CheckInResponseDto {
  data: CheckInDto;
}

export class CheckInPageDto {
  data: CheckInDto[];
  meta: NumberedPageMetaDto;
  links: NumberedPageLinksDto;
}
