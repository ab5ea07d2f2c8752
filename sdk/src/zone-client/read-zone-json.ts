import type { z } from 'zod';
import { FigurlError } from '../errors/index.js';
import { parseWith } from '../schemas/parse-with.js';
import { describeUrl } from './describe-url.js';
import type { ZoneCall } from './to-zone-error.js';

/**
 * Reads a 2xx JSON answer and validates it with the sdk schema. A body that is not JSON or not
 * the documented shape is the zone's fault (or not a zone at all), so it is `INTERNAL`, with
 * the call, the URL and the first problem named.
 *
 * @example
 * const blob = await readZoneJson(response, blobSchema, { what: 'get blob', method: 'GET', url });
 */
export async function readZoneJson<S extends z.ZodType>(
  response: Response,
  schema: S,
  call: ZoneCall,
  /** How the text becomes a value; `parseJsonPreservingNumbers` keeps 1.0 and big integers as sent. */
  parse: (text: string) => unknown = JSON.parse,
): Promise<z.infer<S>> {
  const where = `${call.method} ${describeUrl(call.url)} (HTTP ${response.status})`;
  const text = await response.text();
  let body: unknown;
  try {
    body = parse(text);
  } catch {
    const excerpt = JSON.stringify(text.replace(/\s+/g, ' ').slice(0, 80));
    throw new FigurlError('INTERNAL', `invalid response to ${call.what} from ${where}: expected JSON, got ${excerpt}`);
  }
  try {
    return parseWith(schema, body, `response to ${call.what} from ${where}`);
  } catch (err) {
    throw err instanceof FigurlError ? new FigurlError('INTERNAL', err.message) : err;
  }
}
