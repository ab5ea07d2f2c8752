/**
 * The chunks of a web `ReadableStream` as an async iterable. Browsers other than Firefox do not
 * make streams async-iterable, and a consumer that stops early (a write error) must cancel the
 * stream so its connection is released: both are handled here, once.
 *
 * @example
 * for await (const chunk of readStreamChunks(response.body)) hasher.update(chunk);
 */
export async function* readStreamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
