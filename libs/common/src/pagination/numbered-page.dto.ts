import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_PAGE, MAX_PAGE_SIZE } from './page-query.dto';

/** `?page=&per_page=` in the snake_case dialects (default 25, at most 100: more is a 400). */
export class NumberedPageQueryDto {
  /** 1-based page number (default 1). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page: number = 1;

  /** Items per page (default 25, at most 100; more is a 400). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  per_page: number = 25;
}

/** Paging facts of a list. */
export class NumberedPageMetaDto {
  /** The page returned (1-based). */
  current_page: number;
  /** Items per page. */
  per_page: number;
  /** Items across all pages. */
  total: number;
  /** The last page's number (1 when there is nothing). */
  last_page: number;
}

/** Links to other pages of the same list: the request's path and query with `page` replaced. */
export class NumberedPageLinksDto {
  first: string;
  last: string;
  /** Null on the first page. */
  prev: string | null;
  /** Null on the last page. */
  next: string | null;
}
