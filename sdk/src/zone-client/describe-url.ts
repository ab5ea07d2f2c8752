/**
 * A URL as it may appear in an error message: without user info, query or fragment, because
 * presigned and zone-issued upload URLs carry their credentials there.
 *
 * @example
 * describeUrl('https://bucket.s3.amazonaws.com/sha1/b9/71?X-Amz-Signature=abc');
 * // 'https://bucket.s3.amazonaws.com/sha1/b9/71?…'
 */
export function describeUrl(url: URL | string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '<malformed URL>';
  }
  const hidden = parsed.search !== '' || parsed.hash !== '' ? '?…' : '';
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}${hidden}`;
}
