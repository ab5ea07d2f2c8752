import { concatBytes } from '../bytes/concat-bytes.js';
import { codeForStatus, errorBodySchema, FigurlError } from '../errors/index.js';
import { describeUrl } from './describe-url.js';

/** Error bodies are small; a misconfigured proxy may answer a large HTML page instead. */
const maxErrorBodyBytes = 16 * 1024;

/** Which call failed, for messages: `initiate upload`, `download`, … */
export interface ZoneCall {
  what: string;
  method: string;
  url: URL;
}

/**
 * The FigurlError for a non-2xx answer: the zone's own code and message when the body has the
 * figurl error shape, otherwise the code for the bare status and the start of the body (an S3
 * XML error, a proxy's HTML page). The message names the call and the URL, never a token.
 *
 * @example
 * throw await toZoneError(response, { what: 'finalize upload', method: 'POST', url });
 * // FigurlError HASH_MISMATCH: 'finalize upload failed: POST http://…/finalize answered HTTP 422: …'
 */
export async function toZoneError(response: Response, call: ZoneCall): Promise<FigurlError> {
  const text = await readStart(response);
  let code = codeForStatus(response.status);
  let detail = text.replace(/\s+/g, ' ').trim().slice(0, 200) || '(empty body)';
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(text));
    if (parsed.success) {
      code = parsed.data.code;
      detail = parsed.data.message;
    }
  } catch {
    // Not JSON: keep the text excerpt.
  }
  return new FigurlError(
    code,
    `${call.what} failed: ${call.method} ${describeUrl(call.url)} answered HTTP ${response.status}: ${detail}`,
  );
}

async function readStart(response: Response): Promise<string> {
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    while (length < maxErrorBodyBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      length += value.byteLength;
    }
  } catch {
    // A body cut short still says something; use what arrived.
  } finally {
    await reader.cancel().catch(() => {});
  }
  return new TextDecoder().decode(concatBytes(chunks).subarray(0, maxErrorBodyBytes));
}
