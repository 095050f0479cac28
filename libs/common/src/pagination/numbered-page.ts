import type { NumberedPageLinksDto, NumberedPageMetaDto } from './numbered-page.dto';

/** `{ data, meta: { current_page, per_page, total, last_page }, links: { first, last, prev, next } }`. */
export interface NumberedPage<T> {
  data: T[];
  meta: NumberedPageMetaDto;
  links: NumberedPageLinksDto;
}

/**
 * The Laravel-style page envelope. Links are the request's own path and query with `page` (and
 * `per_page`) replaced, relative to the host, so they stay right behind a proxy.
 */
export function toNumberedPage<T>(
  data: T[],
  total: number,
  { page, perPage, url }: { page: number; perPage: number; url: string },
): NumberedPage<T> {
  const lastPage = Math.max(1, Math.ceil(total / perPage));
  const target = new URL(url, 'http://turnout.invalid');
  const link = (to: number) => {
    target.searchParams.set('page', String(to));
    target.searchParams.set('per_page', String(perPage));
    return `${target.pathname}${target.search}`;
  };
  return {
    data,
    meta: { current_page: page, per_page: perPage, total, last_page: lastPage },
    links: {
      first: link(1),
      last: link(lastPage),
      prev: page > 1 ? link(Math.min(page - 1, lastPage)) : null,
      next: page < lastPage ? link(page + 1) : null,
    },
  };
}

export const numberedWindow = (query: { page: number; per_page: number }) => ({
  limit: query.per_page,
  offset: (query.page - 1) * query.per_page,
});
