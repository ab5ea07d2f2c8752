import { FigurlError, quote } from '@figurl/sdk';

/** A body passed through `countBodyBytes`: iterate `chunks`, then read `bytes`. */
export interface CountedBody {
  chunks: AsyncIterable<Uint8Array>;
  /** Bytes yielded so far; the body's length once `chunks` is exhausted. */
  readonly bytes: number;
  /**
   * Set when the body itself failed (the source errored, or its size was wrong), so a bucket
   * can tell the caller's error, rethrown unchanged, from its own storage errors.
   */
  readonly failure: { error: unknown } | undefined;
}

/**
 * Counts a body's bytes as it streams and, when `size` is given, throws `INVALID_REQUEST` on a
 * body of another length. The last chunk is held back until the source ends, so a consumer that
 * forwards chunks to a socket never sends a complete `size`-byte body for a source that turns
 * out too long: an over- or under-sized body always ends in an error, never in a stored object.
 *
 * @example
 * const counted = countBodyBytes(request, 'staging/x', 1024);
 * for await (const chunk of counted.chunks) await file.write(chunk);
 * counted.bytes; // 1024
 */
export function countBodyBytes(
  body: AsyncIterable<Uint8Array | string>,
  key: string,
  size: number | undefined,
): CountedBody {
  if (size !== undefined && !(Number.isSafeInteger(size) && size >= 0)) {
    throw new FigurlError(
      'INVALID_REQUEST',
      `invalid size ${quote(size)} for ${quote(key)}: expected a non-negative integer`,
    );
  }
  let bytes = 0;
  const mismatch = (received: string) =>
    new FigurlError(
      'INVALID_REQUEST',
      `body of ${quote(key)} has the wrong size: expected ${size} bytes, received ${received}`,
    );
  let failure: { error: unknown } | undefined;
  async function* recorded(): AsyncGenerator<Uint8Array> {
    try {
      yield* chunks();
    } catch (error) {
      failure = { error };
      throw error;
    }
  }
  async function* chunks(): AsyncGenerator<Uint8Array> {
    let held: Uint8Array | undefined;
    let seen = 0;
    for await (const piece of body) {
      const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
      seen += chunk.length;
      if (size !== undefined && seen > size) throw mismatch(`more than ${size}`);
      if (held !== undefined) {
        bytes += held.length;
        yield held;
      }
      held = chunk;
    }
    if (size !== undefined && seen !== size) throw mismatch(`${seen}`);
    if (held !== undefined) {
      bytes += held.length;
      yield held;
    }
  }
  return {
    chunks: recorded(),
    get bytes() {
      return bytes;
    },
    get failure() {
      return failure;
    },
  };
}
