import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '@turnout/common/pagination/page-query.dto';
import { EVENT_STATUSES, type EventStatus } from '../event.entity';
import { IsDateTime } from '@turnout/common/validation/is-date-time';

export class EventQueryDto extends PageQueryDto {
  /** Case-insensitive search in the title and description. */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  q?: string;

  /** Only events in this category. */
  @IsOptional()
  @IsUUID()
  categoryId?: string;

  @IsOptional()
  @IsUUID()
  organizationId?: string;

  /** Events starting at or after this instant. */
  @IsOptional()
  @IsDateTime()
  from?: Date;

  /** Events starting before this instant. */
  @IsOptional()
  @IsDateTime()
  to?: Date;

  /** Anonymous callers and Users only ever see PUBLISHED events; managers may ask for others. */
  @IsOptional()
  @IsIn(EVENT_STATUSES)
  @ApiProperty({ enum: EVENT_STATUSES, required: false })
  status?: EventStatus;
}
