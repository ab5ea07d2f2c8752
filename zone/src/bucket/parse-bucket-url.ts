import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FigurlError, quote } from '@figurl/sdk';
import { assertBucketKey } from './assert-bucket-key.js';

/** Where the zone keeps blob bytes, as read from `FIGURL_BUCKET_URL`. */
export type BucketConfig =
  | { kind: 'filesystem'; root: string }
  | { kind: 's3'; bucket: string; region: string; forcePathStyle: boolean; endpoint?: string; prefix?: string };

const expectedForms =
  'expected file:///absolute/path or s3://bucket[/prefix][?endpoint=http(s)://host[:port]&region=name&forcePathStyle=true|false]';
const s3Pattern = /^s3:\/\/([^/?#]*)(\/[^?#]*)?(?:\?([^#]*))?$/;
// S3 bucket naming rules: 3–63 lowercase letters, digits, dots and hyphens, alphanumeric ends.
const bucketName = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const regionName = /^[a-z0-9][a-z0-9-]{0,62}$/;
const s3Parameters = new Set(['endpoint', 'region', 'forcePathStyle']);

/**
 * Parses a bucket URL: unset (or empty) → a folder at `defaultRoot`; `file:///abs/path` → that
 * folder; `s3://bucket[/prefix]?endpoint=…&region=…&forcePathStyle=…` → S3 (region defaults to
 * `us-east-1`; path-style addressing defaults to on with a custom endpoint, as MinIO and most
 * S3-compatibles need, and off for AWS). Credentials never go in the URL (it ends up in logs):
 * pass them to `createBucket` (see `awsCredentialsFromEnv`). Anything else is `INVALID_REQUEST`.
 *
 * @example
 * parseBucketUrl('s3://figurl/zones/lab?endpoint=http://127.0.0.1:9000', { defaultRoot: '/data/bucket' });
 * // { kind: 's3', bucket: 'figurl', prefix: 'zones/lab', endpoint: 'http://127.0.0.1:9000', region: 'us-east-1', forcePathStyle: true }
 */
export function parseBucketUrl(url: string | undefined, options: { defaultRoot: string }): BucketConfig {
  if (url === undefined || url === '') return { kind: 'filesystem', root: path.resolve(options.defaultRoot) };
  if (url.startsWith('file:')) return { kind: 'filesystem', root: parseFileUrl(url) };
  const match = s3Pattern.exec(url);
  if (match === null) throw invalid(url, '');
  const [, bucket = '', rawPrefix = '', query = ''] = match;
  if (bucket.includes('@'))
    throw invalid(url, ': credentials do not belong in the URL, pass them as AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY');
  if (!bucketName.test(bucket)) throw invalid(url, `: bucket ${quote(bucket)} is not a valid S3 bucket name`);
  const config: BucketConfig = { kind: 's3', bucket, region: 'us-east-1', forcePathStyle: false };
  const prefix = rawPrefix.replace(/^\/+/, '').replace(/\/+$/, '');
  if (prefix !== '') {
    try {
      assertBucketKey(prefix);
    } catch {
      throw invalid(
        url,
        `: prefix ${quote(prefix)} must be "/"-separated segments of letters, digits, ".", "_" or "-"`,
      );
    }
    config.prefix = prefix;
  }
  const params = new URLSearchParams(query);
  for (const name of new Set(params.keys())) {
    if (!s3Parameters.has(name)) throw invalid(url, `: unknown parameter ${quote(name)}`);
    if (params.getAll(name).length > 1) throw invalid(url, `: parameter ${quote(name)} given twice`);
  }
  const endpoint = params.get('endpoint');
  if (endpoint !== null) config.endpoint = parseEndpoint(url, endpoint);
  const region = params.get('region');
  if (region !== null) {
    if (!regionName.test(region)) throw invalid(url, `: region ${quote(region)} is not a region name`);
    config.region = region;
  }
  const pathStyle = params.get('forcePathStyle');
  if (pathStyle !== null && pathStyle !== 'true' && pathStyle !== 'false') {
    throw invalid(url, `: forcePathStyle ${quote(pathStyle)} must be true or false`);
  }
  config.forcePathStyle = pathStyle === null ? endpoint !== null : pathStyle === 'true';
  return config;
}

function parseFileUrl(url: string): string {
  // Only the absolute form: `file:relative` and `file://host/…` are ambiguous or remote.
  if (!url.startsWith('file:///')) throw invalid(url, ': a file URL needs an absolute path (three slashes)');
  let parsed: URL;
  try {
    parsed = new URL(url);
    if (parsed.search !== '' || parsed.hash !== '') throw new Error('query or fragment');
    return path.resolve(fileURLToPath(parsed));
  } catch {
    throw invalid(url, '');
  }
}

function parseEndpoint(url: string, endpoint: string): string {
  let parsed: URL;
  try {
    parsed = new URL(endpoint);
  } catch {
    throw invalid(url, `: endpoint ${quote(redact(endpoint))} is not a URL`);
  }
  const ok =
    (parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.pathname === '/' &&
    parsed.search === '' &&
    parsed.hash === '';
  if (!ok)
    throw invalid(url, `: endpoint ${quote(redact(endpoint))} must be http(s)://host[:port] without credentials`);
  return parsed.origin;
}

function invalid(url: string, detail: string): FigurlError {
  return new FigurlError('INVALID_REQUEST', `invalid bucket URL ${quote(redact(url))}${detail}: ${expectedForms}`);
}

/** Hides `user:password@` so an error message never repeats a secret someone put in a URL. */
function redact(url: string): string {
  return url.replace(/\/\/[^/?#]*@/g, '//***@');
}
