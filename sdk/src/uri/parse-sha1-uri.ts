import { checkSha1Hash } from './check-sha1-hash.js';
import { checkUriText } from './check-uri-text.js';
import type { Sha1Uri } from './figurl-uri.js';
import { invalidUri } from './invalid-uri.js';
import { parseQuery } from './parse-query.js';

const prefix = 'sha1://';

/**
 * Parses `sha1://<40 hex>[/<name>][?<query>]`. The name (kachery-p2p's basename) and the query
 * are kept raw; `label` and `location` are read the way the Python client reads them, last one
 * wins and nothing is percent-decoded.
 *
 * @example
 * parseSha1Uri('sha1://b971c6ef19b1d70ae8f0feb989b106c319b36230?label=test.txt');
 * // { kind: 'sha1', hash: 'b971…6230', query: 'label=test.txt', params: [['label', 'test.txt']], label: 'test.txt' }
 */
export function parseSha1Uri(input: unknown): Sha1Uri {
  const text = checkUriText(input);
  if (!text.startsWith(prefix)) throw invalidUri(text, 'a sha1:// URI such as "sha1://<40 hex>[?label=…]"');
  const rest = text.slice(prefix.length);
  const queryStart = rest.indexOf('?');
  const beforeQuery = queryStart < 0 ? rest : rest.slice(0, queryStart);
  const slash = beforeQuery.indexOf('/');
  const hash = checkSha1Hash(text, slash < 0 ? beforeQuery : beforeQuery.slice(0, slash), 'after "sha1://"');

  const query = queryStart < 0 ? undefined : rest.slice(queryStart + 1);
  const params = query === undefined ? [] : parseQuery(query);
  const label = lastValue(params, 'label');
  const location = lastValue(params, 'location');
  return {
    kind: 'sha1',
    hash,
    ...(slash < 0 ? {} : { name: beforeQuery.slice(slash + 1) }),
    ...(query === undefined ? {} : { query }),
    params,
    ...(label === undefined ? {} : { label }),
    ...(location === undefined ? {} : { location }),
  };
}

// Python builds a dict from the pairs, so a repeated key keeps its last value.
function lastValue(params: Sha1Uri['params'], key: string): string | undefined {
  let value: string | undefined;
  for (const [k, v] of params) if (k === key) value = v;
  return value;
}
