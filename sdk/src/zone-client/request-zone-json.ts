import type { z } from 'zod';
import { parseJsonPreservingNumbers } from '../canonical-json/index.js';
import { readZoneJson } from './read-zone-json.js';
import { inZone, sendZoneRequest, type ZoneConnection } from './send-zone-request.js';

export interface ZoneJsonCall {
  /** What the call does, for error messages: "append to feed". */
  what: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Relative to the zone's base URL, without a leading slash: `api/v1/feeds/abc/messages`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** Sent as JSON (JSON.stringify), or as this exact text when a string is given in `bodyText`. */
  body?: unknown;
  bodyText?: string;
  /** Parse the answer keeping numbers as written (PythonFloat, bigint): see parseJsonPreservingNumbers. */
  lossless?: boolean;
  signal?: AbortSignal;
}

/**
 * One JSON call of the zone API: the zone name and `query` in the URL, `body` as JSON, the
 * answer validated with `schema`. Errors are FigurlErrors naming the call (see sendZoneRequest).
 *
 * @example
 * const feed = await requestZoneJson(connection, { what: 'create feed', method: 'POST', path: 'api/v1/feeds', body: {} }, feedSchema);
 */
export async function requestZoneJson<S extends z.ZodType>(
  connection: ZoneConnection,
  call: ZoneJsonCall,
  schema: S,
): Promise<z.infer<S>> {
  const url = inZone(connection, new URL(call.path, connection.baseUrl));
  for (const [name, value] of Object.entries(call.query ?? {})) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  const headers: Record<string, string> = { accept: 'application/json' };
  const text = call.bodyText ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
  if (text !== undefined) headers['content-type'] = 'application/json';
  const request = { what: call.what, method: call.method, url };
  const response = await sendZoneRequest(connection, {
    ...request,
    headers,
    ...(text === undefined ? {} : { body: text }),
    ...(call.signal === undefined ? {} : { signal: call.signal }),
  });
  return readZoneJson(response, schema, request, call.lossless ? parseJsonPreservingNumbers : JSON.parse);
}
