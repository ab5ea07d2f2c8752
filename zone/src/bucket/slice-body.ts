import { Readable } from 'node:stream';

/**
 * The `length` bytes of `body` that follow its first `skip` bytes, as a stream; `body` is
 * destroyed once they are out (freeing its socket). HTTP lets a server ignore a Range header
 * (200 with the whole object) or serve a wider range than asked (s3rver 3.7.1 answers
 * `bytes=0-0` with the whole object), so a client that promised a range trims what it got.
 *
 * @example
 * sliceBody(response, 10, 5); // bytes 10–14 of the response
 */
export function sliceBody(body: Readable, skip: number, length: number): Readable {
  async function* slice(): AsyncGenerator<Uint8Array> {
    let toSkip = skip;
    let left = length;
    // Leaving the loop early (return) calls body's iterator return, which destroys body.
    for await (const piece of body) {
      const chunk = piece as Uint8Array;
      if (left <= 0) return;
      const from = Math.min(toSkip, chunk.length);
      toSkip -= from;
      const part = chunk.subarray(from, from + left);
      left -= part.length;
      if (part.length > 0) yield part;
      if (left <= 0) return;
    }
  }
  return Readable.from(slice(), { objectMode: false });
}
