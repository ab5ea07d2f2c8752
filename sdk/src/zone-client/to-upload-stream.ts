import { FigurlError } from '../errors/index.js';

/** What `uploadBytes` accepts: bytes in memory, a web stream, or any (async) iterable of chunks. */
export type UploadBody = Uint8Array | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/**
 * A pull-based web stream over `body` that holds one chunk at a time, reports the running byte
 * count, and fails the upload if the source yields more or fewer than `size` bytes (the file
 * changed after it was hashed), rather than letting the zone see a truncated body.
 *
 * @example
 * const stream = toUploadStream(createReadStream(path), size, (sent) => bar.update(sent));
 */
export function toUploadStream(
  body: UploadBody,
  size: number,
  onProgress?: (bytes: number) => void,
): ReadableStream<Uint8Array> {
  const iterator = toAsyncIterator(body);
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let next: IteratorResult<Uint8Array>;
      try {
        next = await iterator.next();
      } catch (err) {
        // Tagged so the client does not mistake a local read error for an unreachable zone.
        const reason = err instanceof Error ? err.message : String(err);
        controller.error(new FigurlError('INTERNAL', `cannot read the bytes to upload: ${reason}`, { cause: err }));
        return;
      }
      const { done, value } = next;
      if (done) {
        if (sent === size) controller.close();
        else controller.error(uploadSizeError(sent, size, 'ended after'));
        return;
      }
      sent += value.byteLength;
      if (sent > size) {
        controller.error(uploadSizeError(sent, size, 'grew to at least'));
        await iterator.return?.();
        return;
      }
      if (value.byteLength > 0) controller.enqueue(value);
      onProgress?.(sent);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** An upload body that turned out longer or shorter than the size announced for it. */
export function uploadSizeError(sent: number, size: number, how: 'ended after' | 'grew to at least'): FigurlError {
  return new FigurlError(
    'INVALID_REQUEST',
    `upload body ${how} ${sent} bytes: expected exactly ${size} (did the file change while it was being stored?)`,
  );
}

function toAsyncIterator(body: UploadBody): AsyncIterator<Uint8Array> {
  if (body instanceof Uint8Array) return toAsyncIterator([body]);
  if (body instanceof ReadableStream) {
    const reader = body.getReader();
    return {
      next: async () => {
        const result = await reader.read();
        return result.done ? { done: true, value: undefined } : { done: false, value: result.value };
      },
      return: async () => {
        await reader.cancel();
        return { done: true, value: undefined };
      },
    };
  }
  if (Symbol.asyncIterator in body) return body[Symbol.asyncIterator]();
  const sync = body[Symbol.iterator]();
  return {
    next: async () => sync.next(),
    return: async () => sync.return?.() ?? { done: true, value: undefined },
  };
}
