import { PartialType } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { NULL_IS_A_VALUE } from '@turnout/common/validation/is-omittable';
import { IsDateTime } from '@turnout/common/validation/is-date-time';

export class CreateMembershipDto {
  /** The tier or plan. */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  /** ISO 8601 date-time. */
  @IsDateTime()
  startsAt: Date;

  /** ISO 8601 date-time; null or omitted: open-ended. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsDateTime()
  endsAt?: Date | null;
}

export class UpdateMembershipDto extends PartialType(CreateMembershipDto, NULL_IS_A_VALUE) {}
