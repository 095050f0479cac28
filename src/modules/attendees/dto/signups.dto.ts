import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { MAX_PAGE, MAX_PAGE_SIZE } from '@turnout/common/pagination/page-query.dto';

export const SIGNUP_ATTENDEE_ORDERS = [
  'created_at',
  '-created_at',
  'waitlisted_at',
  '-waitlisted_at',
] as const;
export const SIGNUP_ATTENDEE_FILTERS = ['active', 'canceled', 'waitlist'] as const;
export const SIGNUP_ATTENDEE_INCLUDES = [
  'emergency_contact',
  'person',
  'registration',
  'selection_type',
] as const;

/** `per_page` (1–100, default 25; outside is a 400) and `offset` (from 0), as Planning Center pages. */
export class OffsetPageQueryDto {
  /** How many records to return per page (min 1, max 100, default 25). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  per_page: number = 25;

  /** Get results from this offset. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_PAGE)
  offset: number = 0;
}

export class SparseQueryDto {
  /** Sparse fieldsets: `fields[Attendee]=complete,created_at` (JSON:API). */
  @IsOptional()
  @IsObject()
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  fields?: Record<string, unknown>;

  /** Related resources to include: emergency_contact, person, registration, selection_type. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  include?: string;
}

export class SignupAttendeeQueryDto extends IntersectionType(OffsetPageQueryDto, SparseQueryDto) {
  /** `active`, `canceled`, `waitlist`; comma-separated ones must all hold. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  filter?: string;

  /** created_at (default), -created_at, waitlisted_at, -waitlisted_at. */
  @IsOptional()
  @IsIn(SIGNUP_ATTENDEE_ORDERS)
  order?: (typeof SIGNUP_ATTENDEE_ORDERS)[number];
}

export class SignupParamsDto {
  @IsUUID()
  signup_id: string;
}

export class SignupAttendeeParamsDto extends SignupParamsDto {
  @IsUUID()
  id: string;
}

export class SignupAssociationParamsDto extends SignupParamsDto {
  @IsUUID()
  attendee_id: string;
}
