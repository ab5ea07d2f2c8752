import type { QueryPair } from './figurl-uri.js';

/**
 * Pairs of a sha1 URI query exactly as kachery-cloud's `_get_query_from_uri` reads them: only the
 * text up to a second `?` counts (Python takes `uri.split('?')[1]`), pieces split on `&` then `=`,
 * and only pieces with exactly one `=` are kept. Values stay percent-encoded.
 *
 * @example
 * parseQuery('label=a%20b&flag&location=/x'); // [['label', 'a%20b'], ['location', '/x']]
 */
export function parseQuery(query: string): QueryPair[] {
  const pairs: QueryPair[] = [];
  for (const piece of (query.split('?')[0] ?? '').split('&')) {
    const parts = piece.split('=');
    if (parts.length === 2) pairs.push([parts[0] ?? '', parts[1] ?? '']);
  }
  return pairs;
}
