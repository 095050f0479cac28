import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { CUSTOM_FIELD_TYPES, type CustomFieldType } from 'src/modules/events/custom-field.entity';
import {
  NumberedPageLinksDto,
  NumberedPageMetaDto,
} from '@turnout/common/pagination/numbered-page.dto';
import { MAX_BATCH_SIZE } from './gxp-attendee.dto';
import { IsOmittable } from '@turnout/common/validation/is-omittable';

export class AttendeeTypeDto {
  id: string;
  name: string;
  description: string | null;
  price_cents: number;
  /** ISO 4217 code. */
  price_currency: string;
  publicly_available: boolean;
  created_at: string;
  updated_at: string;
}

class AttendeeTypeFieldsDto {
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string | null;

  /** Price in the currency's minor unit (cents). */
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  price_cents?: number;

  /** ISO 4217 code, e.g. USD. */
  @IsOmittable()
  @Matches(/^[A-Z]{3}$/, { message: 'price_currency must be an ISO 4217 code such as USD' })
  price_currency?: string;

  /** Offered to the public (false: given out by organizers only). */
  @IsOmittable()
  @IsBoolean()
  publicly_available?: boolean;
}

export class CreateAttendeeTypeDto extends AttendeeTypeFieldsDto {
  /** Unique in the project: "General Admission", "VIP". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;
}

export class UpdateAttendeeTypeDto extends AttendeeTypeFieldsDto {
  /** Unique in the project. */
  @IsOmittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;
}

export class CustomFieldDto {
  id: string;
  key: string;
  label: string;
  @ApiProperty({ enum: CUSTOM_FIELD_TYPES })
  type: CustomFieldType;
  options: string[] | null;
  required: boolean;
  created_at: string;
  updated_at: string;
}

class CustomFieldFieldsDto {
  /** The choices of a select or multiselect field. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  options?: string[] | null;

  /** Every attendee must answer it (checked on create, PUT and batch create). */
  @IsOmittable()
  @IsBoolean()
  required?: boolean;
}

export class UpdateCustomFieldDto extends CustomFieldFieldsDto {
  /** What clients show as the question. */
  @IsOmittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  label?: string;
}

export class CreateCustomFieldDto extends CustomFieldFieldsDto {
  /** The key answers use in `custom_fields`: lowercase letters, digits and underscores. */
  @Matches(/^[a-z][a-z0-9_]{0,63}$/, {
    message: 'key must start with a letter and hold only a-z, 0-9 and _ (at most 64)',
  })
  key: string;

  /** What clients show as the question. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  label: string;

  @IsIn(CUSTOM_FIELD_TYPES)
  @ApiProperty({ enum: CUSTOM_FIELD_TYPES })
  type: CustomFieldType;
}

export class GroupDto {
  id: string;
  name: string;
  description: string | null;
  created_at: string;
  updated_at: string;
}

class GroupFieldsDto {
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string | null;
}

export class CreateGroupDto extends GroupFieldsDto {
  /** Unique in the project. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;
}

export class UpdateGroupDto extends GroupFieldsDto {
  /** Unique in the project. */
  @IsOmittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;
}

export class GroupMembersDto {
  /** Attendees of the project to add (at most 1000). */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_SIZE)
  @IsUUID('all', { each: true })
  attendee_ids: string[];
}

export class AttendeeTypeResponseDto {
  data: AttendeeTypeDto;
}

export class AttendeeTypeListDto {
  data: AttendeeTypeDto[];
  meta: NumberedPageMetaDto;
  links: NumberedPageLinksDto;
}

export class CustomFieldResponseDto {
  data: CustomFieldDto;
}

export class CustomFieldListDto {
  data: CustomFieldDto[];
}

export class GroupResponseDto {
  data: GroupDto;
}

export class GroupListDto {
  data: GroupDto[];
  meta: NumberedPageMetaDto;
  links: NumberedPageLinksDto;
}
