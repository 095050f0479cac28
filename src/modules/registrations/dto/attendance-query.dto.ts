import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_PAGE } from '@turnout/common/pagination/page-query.dto';

/** Attendances per page of `GET /api/attendances`: fixed by the seed's API, which pages by number only. */
export const ATTENDANCES_PER_PAGE = 10;

export class AttendanceQueryDto {
  /** Case-insensitive substring of the user's name or the event's title; empty: everything. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  searchTerm?: string;

  /** 1-based page number; pages hold 10 attendances. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page: number = 1;
}
