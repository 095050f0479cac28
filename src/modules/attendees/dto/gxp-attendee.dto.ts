import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  NumberedPageLinksDto,
  NumberedPageMetaDto,
  NumberedPageQueryDto,
} from '@turnout/common/pagination/numbered-page.dto';
import { ATTENDEE_STATUSES } from 'src/modules/registrations/attendee-status';
import { IsOmittable } from '@turnout/common/validation/is-omittable';

export const MAX_BATCH_SIZE = 1000;
export const MAX_SEARCH_FILTERS = 20;
export const ATTENDEE_INCLUDES = ['credentials', 'attendee_type', 'groups'] as const;
export type AttendeeInclude = (typeof ATTENDEE_INCLUDES)[number];

export class EmergencyContactDto {
  /** Who to call. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  /** Their phone number. */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  phone_number?: string | null;
}

/** What create and update share; every field may be left out. */
class GxpAttendeeFieldsDto {
  /** Email address, unique among the project's active attendees (null removes it). */
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  email?: string | null;

  /** Phone number. */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  phone?: string | null;

  /** One of the project's attendee types (null removes it). */
  @IsOptional()
  @IsUUID()
  attendee_type_id?: string | null;

  /** Answers keyed by the project's custom field keys, checked against their definitions (422). */
  @IsOmittable()
  @IsObject()
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  custom_fields?: Record<string, unknown>;

  /** Who to call in an emergency (null removes it). */
  @IsOptional()
  @ValidateNested()
  @Type(() => EmergencyContactDto)
  emergency_contact?: EmergencyContactDto | null;
}

/** A new attendee (`first_name` and `last_name` required). */
export class CreateGxpAttendeeDto extends GxpAttendeeFieldsDto {
  /** First name. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  first_name: string;

  /** Last name. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  last_name: string;
}

/**
 * PUT replaces the fields it is given (`custom_fields` as a whole); PATCH changes them too, but
 * merges `custom_fields` key by key (a key set to null is removed). Names may change, not vanish.
 */
export class UpdateGxpAttendeeDto extends GxpAttendeeFieldsDto {
  /** First name. */
  @IsOmittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  first_name?: string;

  /** Last name. */
  @IsOmittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  last_name?: string;
}

export class GxpAttendeeTypeRefDto {
  id: string;
  name: string;
}

export class GxpCredentialRefDto {
  id: string;
  credential_type_id: string;
  credential_type: { id: string; code: string; name: string };
  value: string;
  created_at: string;
}

export class GxpGroupRefDto {
  id: string;
  name: string;
}

export class GxpEmergencyContactDto {
  name: string;
  phone_number: string | null;
}

/** A GxP attendee: the same registration every other dialect sees. */
export class GxpAttendeeDto {
  id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  attendee_type_id: string | null;
  /** Always on single attendees; on lists with `include=attendee_type`. */
  attendee_type?: GxpAttendeeTypeRefDto | null;
  @ApiProperty({ type: 'object', additionalProperties: true })
  custom_fields: Record<string, unknown>;
  emergency_contact: GxpEmergencyContactDto | null;
  /** The registration's status (CONFIRMED, PENDING, WAITING_LIST, CANCELLED, ATTENDED). */
  @ApiProperty({ enum: ATTENDEE_STATUSES })
  status: string;
  /** First entry through the door (check-in), if any. */
  checked_in_at: string | null;
  created_at: string;
  updated_at: string;
  /** With `include=credentials`. */
  credentials?: GxpCredentialRefDto[];
  /** With `include=groups`. */
  groups?: GxpGroupRefDto[];
}

export class GxpAttendeeResponseDto {
  data: GxpAttendeeDto;
}

export class GxpAttendeeListDto {
  data: GxpAttendeeDto[];
  meta: NumberedPageMetaDto;
  links: NumberedPageLinksDto;
}

/** `?include=` as a comma-separated list of credentials, attendee_type, groups. */
export class IncludeQueryDto extends NumberedPageQueryDto {
  /** Related resources to embed: `credentials`, `attendee_type`, `groups` (comma-separated). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  include?: string;
}

export class GxpAttendeeQueryDto extends IncludeQueryDto {
  /** Sort fields, `-` for descending, comma-separated: `-created_at,last_name`. Sortable: created_at, updated_at, first_name, last_name, email, status. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  sort?: string;

  /**
   * `filter[field]=value` (equality) on attendee_type_id, email, first_name, last_name, status,
   * group_id, created_at (a date means that day), checked_in_at and `custom_fields.<key>`. Several
   * ids or statuses separated by commas match any of them; `null` matches a missing value.
   */
  @IsOptional()
  @IsObject()
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { attendee_type_id: '6c1b3a4e-…' },
  })
  filter?: Record<string, unknown>;
}

export class SearchFilterDto {
  /** An allow-listed field, or `custom_fields.<key>`. */
  @IsString()
  @MaxLength(200)
  field: string;

  @IsString()
  @ApiProperty({
    enum: ['=', '!=', '<', '>', '<=', '>=', 'like', 'in', 'not in', 'is null', 'is not null'],
  })
  operator: string;

  /** The value: a list for `in` / `not in`, absent for `is null` / `is not null`. */
  @IsOptional()
  @ApiPropertyOptional({ oneOf: [{}, { type: 'array', items: {} }] })
  value?: unknown;
}

export class SearchSortDto {
  @IsString()
  @MaxLength(200)
  field: string;

  @IsIn(['asc', 'desc'])
  direction: 'asc' | 'desc' = 'asc';
}

/** `POST .../attendees/search`: filters combine with AND. */
export class GxpAttendeeSearchDto {
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(MAX_SEARCH_FILTERS)
  @ValidateNested({ each: true })
  @Type(() => SearchFilterDto)
  filters: SearchFilterDto[] = [];

  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => SearchSortDto)
  sort: SearchSortDto[] = [];
}

export class BatchCreateGxpAttendeesDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_SIZE)
  @ValidateNested({ each: true })
  @Type(() => CreateGxpAttendeeDto)
  resources: CreateGxpAttendeeDto[];
}

export class BatchUpdateGxpAttendeesDto {
  /** Changes by attendee id (PATCH semantics for each), at most 1000. */
  @IsObject()
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/UpdateGxpAttendeeDto' },
  })
  resources: Record<string, unknown>;
}

export class GxpAttendeeBatchDto {
  /** Each item's result, in input order. */
  data: GxpAttendeeDto[];
}
