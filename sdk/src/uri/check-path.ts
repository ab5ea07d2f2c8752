import { invalidUri } from './invalid-uri.js';

export interface CheckPathOptions {
  /** Names the URI form in messages, e.g. `gh://<owner>/<repo>/<branch>/<path>`. */
  shape: string;
  /** Plugin locations (`gs://`, `npm://`) may end in `/`, as a directory. */
  allowTrailingSlash?: boolean;
}

/**
 * Checks the path part of a gh/zenodo/gs/npm URI. Empty, `.` and `..` segments are refused:
 * each of these paths becomes part of an HTTP URL or an API call, where they would silently
 * point somewhere else. `?` and `#` are refused because none of these forms has a query.
 *
 * @example
 * checkPath(uri, 'figures/curation.json', { shape: 'gh://<owner>/<repo>/<branch>/<path>' });
 */
export function checkPath(input: string, path: string, options: CheckPathOptions): string {
  const special = /[?#]/.exec(path);
  if (special) {
    throw invalidUri(input, `no ${JSON.stringify(special[0])} in the path of ${options.shape} (no query or fragment)`);
  }
  const segments = path.split('/');
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === '' && !(last && options.allowTrailingSlash)) {
      throw invalidUri(
        input,
        `no empty segments (no leading, doubled or trailing "/") in the path of ${options.shape}`,
      );
    }
    if (segment === '.' || segment === '..') {
      throw invalidUri(input, `no "." or ".." segments in the path of ${options.shape}`);
    }
  });
  return path;
}
