import type { Readable } from 'node:stream';
import { FigurlError, quote } from '@figurl/sdk';
import { unsatisfiableRange } from './assert-byte-range.js';
import type { ByteRange } from './bucket.js';
import { sliceBody } from './slice-body.js';

/**
 * Turns a ranged GET response into exactly the bytes of `range` (its end clamped to the object):
 * HTTP lets a server ignore a Range (200, whole object, no Content-Range) or serve a wider one
 * (s3rver 3.7.1 answers `bytes=0-0` with the whole object). A response that lacks some of the
 * asked bytes is an `UNAVAILABLE` error rather than a short body.
 *
 * @example
 * trimToRange('a', response.Body, response.ContentLength, response.ContentRange, { start: 0, end: 0 });
 */
export function trimToRange(
  key: string,
  body: Readable,
  length: number,
  contentRange: string | undefined,
  range: ByteRange,
): { body: Readable; size: number } {
  const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(contentRange ?? '');
  const servedStart = match ? Number(match[1]) : 0;
  const total = match && match[3] !== '*' ? Number(match[3]) : servedStart + length;
  if (range.start >= total) {
    body.destroy();
    throw unsatisfiableRange(key, range, total);
  }
  const size = Math.min(range.end, total - 1) - range.start + 1;
  if (servedStart > range.start || servedStart + length < range.start + size) {
    body.destroy();
    throw new FigurlError(
      'UNAVAILABLE',
      `bucket served bytes ${quote(contentRange ?? 'of unknown range')} of ${quote(key)} for range ${range.start}-${range.end}`,
    );
  }
  if (servedStart === range.start && length === size) return { body, size };
  return { body: sliceBody(body, range.start - servedStart, size), size };
}
