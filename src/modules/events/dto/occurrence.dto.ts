import { PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';

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
  @Type(() => Date)
  @IsDate()
  startDate: Date;

  @Type(() => Date)
  @IsDate()
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
export class UpdateOccurrenceDto extends PartialType(CreateOccurrenceDto) {}
