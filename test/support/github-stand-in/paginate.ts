import type { StandInRequest } from './route-table.js';

/**
 * One page of `items` as GitHub pages lists ("Using pagination in the REST API"): `per_page`
 * (default 30, at most 100) and `page` (from 1), with a `Link` header naming the `prev`, `next`,
 * `last` and `first` pages by full URL, keeping the request's other query parameters, so
 * Octokit's `paginate` follows `next` until it is absent.
 *
 * @example
 * const { items: page, headers } = paginate(all, request, `${baseUrl}/repos/a/b/issues/1/comments`);
 */
export function paginate<T>(
  items: readonly T[],
  request: Pick<StandInRequest, 'query'>,
  url: string,
): { items: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, toInt(request.query.get('per_page')) ?? 30));
  const page = Math.max(1, toInt(request.query.get('page')) ?? 1);
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const link = (n: number, rel: string) => {
    const query = new URLSearchParams(request.query);
    query.set('per_page', String(perPage));
    query.set('page', String(n));
    return `<${url}?${query}>; rel="${rel}"`;
  };
  const links = [
    ...(page > 1 ? [link(Math.min(page - 1, lastPage), 'prev')] : []),
    ...(page < lastPage ? [link(page + 1, 'next'), link(lastPage, 'last')] : []),
    ...(page > 1 ? [link(1, 'first')] : []),
  ];
  return {
    items: items.slice((page - 1) * perPage, page * perPage),
    headers: links.length === 0 ? {} : { link: links.join(', ') },
  };
}

function toInt(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}
