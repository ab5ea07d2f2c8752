/**
 * Bytes from elsewhere (a GitHub file, a fetched URL), answered so that the shell's origin never
 * renders them: `application/octet-stream`, no sniffing, and a sandbox CSP in case a browser is
 * pointed at the URL directly. Pages read them with `fetch`, which is unaffected. The length goes
 * in `Content-Length` and, because Next removes that one, in `x-figurl-content-length`.
 */
export function toBytesResponse(bytes: Uint8Array, headers: Record<string, string>): Response {
  // Never a SharedArrayBuffer here (fetch answers and Node buffers), which is all the type excludes.
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: {
      'content-type': 'application/octet-stream',
      'content-length': String(bytes.byteLength),
      // Next drops Content-Length from route handler answers (send-response.ts); pages that show
      // progress read the size from here.
      'x-figurl-content-length': String(bytes.byteLength),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'content-disposition': 'attachment',
      ...headers,
    },
  });
}
