import { FigurlError, quote } from '@figurl/sdk';
import type { ByteRange } from './bucket.js';

/**
 * Throws `INVALID_REQUEST` unless `range` is an inclusive byte range of non-negative safe
 * integers with `start <= end`. An `end` past the object's last byte is allowed (HTTP clamps it);
 * a `start` past it is refused by the bucket once the size is known.
 *
 * @example
 * assertByteRange({ start: 0, end: 1023 }); // the first KiB
 */
export function assertByteRange(range: ByteRange): void {
  const ok =
    Number.isSafeInteger(range.start) &&
    Number.isSafeInteger(range.end) &&
    range.start >= 0 &&
    range.start <= range.end;
  if (!ok) {
    throw new FigurlError(
      'INVALID_REQUEST',
      `invalid byte range ${quote(range)}: expected integers 0 <= start <= end (inclusive, as in "Range: bytes=start-end")`,
    );
  }
}

/** The error for a range that starts at or past the end of an object of `size` bytes. */
export function unsatisfiableRange(key: string, range: ByteRange, size: number | undefined): FigurlError {
  const of = size === undefined ? '' : ` of ${size} bytes`;
  return new FigurlError(
    'INVALID_REQUEST',
    `byte range ${range.start}-${range.end} is not satisfiable for object ${quote(key)}${of}: expected start below the object's size`,
  );
}
