import type { Writable } from 'node:stream';

/**
 * Writes text and waits until the stream has taken it, so a write error (EPIPE when the reader
 * has gone) surfaces here as a rejection instead of as an unhandled 'error' event.
 *
 * @example
 * await writeOutput(io.stdout, `${uri}\n`);
 */
export function writeOutput(stream: Writable, text: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (err) => (err ? reject(err) : resolve()));
  });
}
