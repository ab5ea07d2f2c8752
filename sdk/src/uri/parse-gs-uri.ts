import { checkPath } from './check-path.js';
import { checkUriText } from './check-uri-text.js';
import type { GsUri } from './figurl-uri.js';
import { invalidUri } from './invalid-uri.js';

const shape = 'gs://<bucket>[/<path>]';
// Google Cloud Storage bucket names: 3-222 lowercase letters, digits, ".", "_", "-", starting
// and ending with a letter or digit.
const bucketPattern = /^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/;

/**
 * Parses a Google Cloud Storage plugin location `gs://<bucket>[/<path>]` (figurl's classic `v=`,
 * e.g. `gs://figurl/vegalite-2`, served from `https://storage.googleapis.com/<bucket>/<path>`).
 * A trailing `/` is kept, as for a directory.
 *
 * @example
 * parseGsUri('gs://figurl/spikesortingview-10'); // { kind: 'gs', bucket: 'figurl', path: 'spikesortingview-10' }
 */
export function parseGsUri(input: unknown): GsUri {
  const text = checkUriText(input);
  if (!text.startsWith('gs://')) throw invalidUri(text, `a Cloud Storage URI of the form ${shape}`);
  const rest = text.slice('gs://'.length);
  const slash = rest.indexOf('/');
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  if (!bucketPattern.test(bucket)) {
    throw invalidUri(
      text,
      `a bucket name of 3-222 lowercase letters, digits, ".", "_" or "-" in ${shape}, got ${JSON.stringify(bucket)}`,
    );
  }
  if (slash < 0) return { kind: 'gs', bucket };
  const path = checkPath(text, rest.slice(slash + 1), { shape, allowTrailingSlash: true });
  return { kind: 'gs', bucket, path };
}
