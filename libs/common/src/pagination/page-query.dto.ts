import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;

/**
 * The furthest page (or offset) a list may ask for: beyond any real list, yet small enough that
 * the row offset it becomes fits a PostgreSQL bigint (a larger one answered 500).
 */
export const MAX_PAGE = 1_000_000_000;

/** `?page=&perPage=` for the management API's lists. */
export class PageQueryDto {
  /** 1-based page number. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page: number = 1;

  /** Items per page (at most 100). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  perPage: number = 25;
}

export interface PageMeta {
  page: number;
  perPage: number;
  total: number;
  totalPages: number;
}

/** The list envelope: `{ data, meta: { page, perPage, total, totalPages } }`. */
export interface Page<T> {
  data: T[];
  meta: PageMeta;
}

export function toPage<T>(
  data: T[],
  total: number,
  query: { page: number; perPage: number },
): Page<T> {
  return {
    data,
    meta: {
      page: query.page,
      perPage: query.perPage,
      total,
      totalPages: Math.ceil(total / query.perPage),
    },
  };
}

/** `limit`/`offset` for a query answering `query`. */
export const pageWindow = (query: { page: number; perPage: number }) => ({
  limit: query.perPage,
  offset: (query.page - 1) * query.perPage,
});
