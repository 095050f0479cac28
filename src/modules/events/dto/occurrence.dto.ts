import { PartialType } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import { NULL_IS_A_VALUE } from '@turnout/common/validation/is-omittable';
import { IsDateTime } from '@turnout/common/validation/is-date-time';

/** One session of an event, with its own capacity (seed 002). */
export class OccurrenceDto {
  id: string;
  eventId: string;
  startDate: Date;
  endDate: Date;
  /** Null = unlimited. */
  capacity: number | null;
  /** Seats held by registrations (pending, confirmed or attended). */
  registrations: number;
  createdAt: Date;
  updatedAt: Date;
}

export class CreateOccurrenceDto {
  @IsDateTime()
  startDate: Date;

  @IsDateTime()
  endDate: Date;

  /** Null or omitted = unlimited. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  capacity?: number | null;
}

/** Any field of an occurrence; lowering `capacity` below the seats held is refused with 409. */
export class UpdateOccurrenceDto extends PartialType(CreateOccurrenceDto, NULL_IS_A_VALUE) {}
