import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import {
  EVENT_STATUSES,
  type EventStatus,
  WAITLIST_POLICIES,
  type WaitlistPolicy,
} from '../event.entity';
import { IsOmittable, NULL_IS_A_VALUE } from '@turnout/common/validation/is-omittable';
import { IsDateTime } from '@turnout/common/validation/is-date-time';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_CAPACITY = 1_000_000;

export class CreateEventDto {
  /** Required for Admins; Organizers create events in their own organization. */
  @IsOmittable()
  @IsUUID()
  organizationId?: string;

  /** URL-safe and unique in the organization; derived from the title when omitted. */
  @IsOmittable()
  @Matches(SLUG, { message: 'slug must be lower-case letters, digits and single hyphens' })
  @MaxLength(100)
  slug?: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(20_000)
  description?: string | null;

  /** DRAFT (default: visible to its managers only), PUBLISHED (public) or ARCHIVED. */
  @IsOmittable()
  @IsIn(EVENT_STATUSES)
  @ApiProperty({ enum: EVENT_STATUSES, required: false })
  status?: EventStatus;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsDateTime()
  startsAt?: Date | null;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsDateTime()
  endsAt?: Date | null;

  /** Seats when the event has no occurrences; null or omitted = unlimited. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(0)
  @Max(MAX_CAPACITY)
  capacity?: number | null;

  /** Default true. */
  @IsOmittable()
  @IsBoolean()
  waitlistEnabled?: boolean;

  /** Attendees must give an emergency contact to be complete. Default false. */
  @IsOmittable()
  @IsBoolean()
  requiresEmergencyContact?: boolean;

  /** Default AUTO_CONFIRM. */
  @IsOmittable()
  @IsIn(WAITLIST_POLICIES)
  @ApiProperty({ enum: WAITLIST_POLICIES, required: false })
  waitlistPolicy?: WaitlistPolicy;

  /** How long an offered seat is held under the OFFER policy (required with it). */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(60 * 24 * 30)
  offerTtlMinutes?: number | null;

  /** Categories of the same organization. */
  @IsOmittable()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(50)
  categoryIds?: string[];
}

/** Any field of an event but its organization. Lowering `capacity` below the seats held is refused with 409. */
export class UpdateEventDto extends PartialType(
  OmitType(CreateEventDto, ['organizationId'] as const),
  NULL_IS_A_VALUE,
) {}
