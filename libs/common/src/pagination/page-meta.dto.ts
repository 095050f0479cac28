/** Paging facts of a list response. */
export class PageMetaDto {
  /** The page returned (1-based). */
  page: number;
  /** Items per page. */
  perPage: number;
  /** Items across all pages. */
  total: number;
  /** Number of pages. */
  totalPages: number;
}
