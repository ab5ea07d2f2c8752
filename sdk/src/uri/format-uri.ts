import { type FigurlUri, figurlUriSchema } from './figurl-uri.js';
import { invalidUri } from './invalid-uri.js';
import { parseUri } from './parse-uri.js';

/**
 * The text of a parsed URI; for anything `parseUri` returned, `formatUri(parseUri(x)) === x`.
 *
 * Objects built by hand are held to the same contract: the text is parsed back and must give an
 * equal object, so a spread like `{ ...uri, label: 'new' }` (which would leave `query` stale) or a
 * bad hash throws INVALID_URI instead of producing a URI that means something else.
 *
 * @example
 * formatUri({ kind: 'gh', owner: 'o', repo: 'r', branch: 'main', path: 'c.json' }); // 'gh://o/r/main/c.json'
 * formatUri(parseUri('kachery::sha1:b971c6ef19b1d70ae8f0feb989b106c319b36230:x')); // the same text
 */
export function formatUri(uri: FigurlUri): string {
  const shape = safeParseShape(uri);
  if (!shape.success) {
    const issue = shape.error.issues[0];
    const where = issue && issue.path.length > 0 ? `field "${issue.path.join('.')}": ` : '';
    throw invalidUri(uri, 'a FigurlUri object as parseUri returns', `${where}${issue?.message ?? 'wrong shape'}`);
  }
  const text = toText(shape.data);
  const reparsed = parseUri(text);
  const field = findDifference(reparsed, shape.data);
  if (field !== undefined) {
    const expected = `an object equal to parseUri(${JSON.stringify(text)})`;
    throw invalidUri(uri, expected, `field "${field}" disagrees with the text it formats to`);
  }
  return text;
}

// A Proxy or a throwing getter must still end in INVALID_URI, not in whatever it throws.
function safeParseShape(uri: unknown): ReturnType<typeof figurlUriSchema.safeParse> {
  try {
    return figurlUriSchema.safeParse(uri);
  } catch {
    throw invalidUri(uri, 'a FigurlUri object as parseUri returns', 'its fields could not be read');
  }
}

function toText(uri: FigurlUri): string {
  switch (uri.kind) {
    case 'sha1':
      return `sha1://${uri.hash}${optional('/', uri.name)}${optional('?', uri.query)}`;
    case 'kachery':
      return `kachery:${uri.zone}:sha1:${uri.hash}${optional(':', uri.label)}`;
    case 'gh':
      return `gh://${uri.owner}/${uri.repo}/${uri.branch}/${uri.path}`;
    case 'zenodo':
      return `${uri.sandbox ? 'zenodo-sandbox' : 'zenodo'}://${uri.recordId}/${uri.path}`;
    case 'data':
      return `data:${uri.mediaType}${uri.base64 ? ';base64' : ''},${uri.data}`;
    case 'http':
      return uri.url;
    case 'gs':
      return `gs://${uri.bucket}${optional('/', uri.path)}`;
    case 'npm':
      return `npm://${uri.package}@${uri.version}${optional('/', uri.path)}`;
  }
}

function optional(separator: string, value: string | undefined): string {
  return value === undefined ? '' : `${separator}${value}`;
}

/** The first key (dotted path) where two parsed URIs differ, or undefined when they are equal. */
function findDifference(expected: unknown, actual: unknown, path = ''): string | undefined {
  if (Object.is(expected, actual)) return undefined;
  if (typeof expected !== 'object' || typeof actual !== 'object' || expected === null || actual === null) {
    return path || '(root)';
  }
  if (Array.isArray(expected) !== Array.isArray(actual)) return path || '(root)';
  const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  for (const key of keys) {
    const difference = findDifference(
      (expected as Record<string, unknown>)[key],
      (actual as Record<string, unknown>)[key],
      path ? `${path}.${key}` : key,
    );
    if (difference !== undefined) return difference;
  }
  return undefined;
}
