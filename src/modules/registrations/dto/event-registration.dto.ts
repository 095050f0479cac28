import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { MAX_PAGE } from '@turnout/common/pagination/page-query.dto';
import { ATTENDEE_STATUSES, type AttendeeStatus } from '../attendee-status';
import { IsOmittable } from '@turnout/common/validation/is-omittable';

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class RegistrationUserDto {
  id: string;
  createdAt: Date;
  updatedAt: Date;
  organizationId: string | null;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  /** `attendee` (a USER), `organizer` or `admin`. */
  role: string;
  avatar: string | null;
  isActive: boolean;
}

export class RegistrationOccurrenceDto {
  id: string;
  createdAt: Date;
  updatedAt: Date;
  startDate: Date;
  endDate: Date;
  capacity: number | null;
  /** Seats held (PENDING, CONFIRMED, ATTENDED). */
  registrations: number;
}

export class RegistrationEventDto {
  id: string;
  createdAt: Date;
  updatedAt: Date;
  name: string;
  slug: string;
  description: string | null;
}

export class RegistrationOrganizationDto {
  id: string;
  name: string;
  slug: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A user's registration for an event occurrence (the ONLIVE.SITE EventRegistration object). */
export class EventRegistrationDto {
  id: string;
  createdAt: Date;
  updatedAt: Date;
  @ApiProperty({ enum: ATTENDEE_STATUSES })
  status: AttendeeStatus;
  /** JSON fields provided by the registrant. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  fields: Record<string, unknown>;
  user: RegistrationUserDto | null;
  occurrence: RegistrationOccurrenceDto | null;
  event: RegistrationEventDto;
  organization: RegistrationOrganizationDto | null;
  /** Set once the registration is deleted (soft delete). */
  deletedAt: Date | null;
}

export class CreateEventRegistrationDto {
  /** The occurrence to register for. */
  @IsUUID()
  occurrenceId: string;

  /** Your system's id for the person; the user is found or created in the event's organization. */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  externalUserId: string;

  /** Free-form answers; `email`, `firstName`, `lastName` and `phone` also fill in the user. */
  @IsOmittable()
  @IsObject()
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  fields?: Record<string, unknown>;
}

export class UpdateEventRegistrationDto {
  /** PENDING, CONFIRMED, CANCELLED, WAITING_LIST or ATTENDED (allowed changes only; 409 otherwise). */
  @IsOmittable()
  @IsIn(ATTENDEE_STATUSES)
  @ApiProperty({ enum: ATTENDEE_STATUSES, required: false })
  status?: AttendeeStatus;

  /** Replaces the fields as given. */
  @IsOmittable()
  @IsObject()
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  fields?: Record<string, unknown>;
}

export class TrashedQueryDto {
  /** Include soft-deleted registrations. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  withTrashed?: boolean;
}

export const SORTABLE = [
  'createdAt',
  'updatedAt',
  'status',
  'firstName',
  'lastName',
  'email',
] as const;

export class EventRegistrationQueryDto extends TrashedQueryDto {
  /** Items per page: 1 to 100, default 10. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 10;

  /** Page number, from 1. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page: number = 1;

  /** `"<field> ASC|DESC"`, field one of createdAt, updatedAt, status, firstName, lastName, email (default `createdAt DESC`). */
  @IsOptional()
  @Matches(new RegExp(`^(${SORTABLE.join('|')}) (ASC|DESC)$`, 'i'), {
    message: `sort must be "<field> ASC|DESC" with field one of ${SORTABLE.join(', ')}`,
  })
  sort: string = 'createdAt DESC';

  @IsOptional()
  @IsUUID()
  eventId?: string;

  @IsOptional()
  @IsUUID()
  occurrenceId?: string;

  @IsOptional()
  @IsIn(ATTENDEE_STATUSES)
  @ApiProperty({ enum: ATTENDEE_STATUSES, required: false })
  status?: AttendeeStatus;

  /** Case-insensitive search over event name, event id, user id, user email, phone, first and last name. */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  search?: string;

  /** Registrations of events in at least one of these categories (`categories=a&categories=b` or `categories=a,b`). */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    (Array.isArray(value) ? value : [value])
      .flatMap((item) => String(item).split(','))
      .filter(Boolean),
  )
  @IsUUID('all', { each: true })
  categories?: string[];
}
