import { PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';

export class CreateMembershipDto {
  /** The tier or plan. */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  /** ISO 8601 date-time. */
  @Type(() => Date)
  @IsDate()
  startsAt: Date;

  /** ISO 8601 date-time; null or omitted: open-ended. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Type(() => Date)
  @IsDate()
  endsAt?: Date | null;
}

export class UpdateMembershipDto extends PartialType(CreateMembershipDto) {}
