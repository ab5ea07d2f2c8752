import { type ClientRequest, request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { FigurlError } from '../errors/index.js';
import { describeUrl } from '../zone-client/describe-url.js';
import type { ZoneConnection } from '../zone-client/index.js';
import { toZoneError, type ZoneCall } from '../zone-client/to-zone-error.js';

/** A connection that sends nothing for this long (no byte either way) fails, as fetch's would. */
const idleTimeoutMs = 300_000;
/** The start of an error answer is kept for the message; the rest is dropped. */
const maxErrorBodyBytes = 16 * 1024;

const maxRedirects = 5;
const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/** One request of a blob transfer over node:http(s); see sendNodeRequest. */
export interface NodeZoneRequest extends ZoneCall {
  method: 'GET' | 'PUT';
  headers: Record<string, string>;
  /** GET only: a blob download may be sent on to a presigned bucket URL. */
  followRedirects?: boolean;
  /**
   * Writes the body and ends the request; without it the request has no body. A FigurlError it
   * throws (a local file that changed size) is what the request fails with.
   */
  writeBody?: (request: ClientRequest) => Promise<void>;
}

/**
 * Sends one request with node:http or node:https (by the URL's protocol) and returns the 2xx
 * answer, its body unread: Node streams of Buffers, without the WHATWG stream layer fetch puts
 * on top. The rules are the zone-client's (`sendZoneRequest`): the bearer token goes to the
 * zone's origin only, never to a bucket or another host a Location names; redirects are
 * followed for GET only, at most 5; a non-2xx answer becomes the same FigurlError; a failure to
 * connect is `UNAVAILABLE` "cannot reach …".
 *
 * @example
 * const response = await sendNodeRequest(client.connection, { what: 'download', method: 'GET', url, headers: {}, followRedirects: true });
 * for await (const chunk of response) hash.update(chunk);
 */
export async function sendNodeRequest(connection: ZoneConnection, call: NodeZoneRequest): Promise<IncomingMessage> {
  let url = call.url;
  for (let hop = 0; ; hop++) {
    const { request, response: answered } = openNodeRequest(connection, { ...call, url });
    const writing = call.writeBody?.(request);
    if (writing === undefined) request.end();
    // An answer that comes before the body is sent (an early refusal) wins over the write error
    // the closed connection then causes; a local failure destroys the request and arrives here.
    writing?.catch(() => {});
    const response = await answered;
    const status = response.statusCode ?? 0;
    if (redirectStatuses.has(status)) {
      response.resume();
      const location = response.headers.location;
      if (!call.followRedirects || location === undefined || hop >= maxRedirects) {
        const where = location === undefined ? 'no Location' : describeUrl(new URL(location, url));
        throw new FigurlError(
          'UNAVAILABLE',
          `${call.what} failed: ${call.method} ${describeUrl(url)} answered HTTP ${status} (${where}); ` +
            `expected ${call.followRedirects ? `an answer within ${maxRedirects} redirects` : 'no redirect'}`,
        );
      }
      url = new URL(location, url);
      continue;
    }
    await checkNodeResponse(response, { ...call, url });
    await writing;
    return response;
  }
}

/**
 * Starts one request: `request` to write the body to and end, `response` for the answer's head.
 * A failure to connect or send rejects `response`.
 */
function openNodeRequest(
  connection: ZoneConnection,
  call: NodeZoneRequest,
): { request: ClientRequest; response: Promise<IncomingMessage> } {
  const headers = { ...call.headers };
  if (connection.token !== undefined && call.url.origin === connection.baseUrl.origin) {
    headers.authorization = `Bearer ${connection.token}`;
  }
  if (connection.actingFor !== undefined && call.url.origin === connection.baseUrl.origin) {
    headers['x-figurl-acting-for'] = connection.actingFor;
  }
  const send = call.url.protocol === 'https:' ? httpsRequest : httpRequest;
  const request = send(call.url, { method: call.method, headers, timeout: idleTimeoutMs });
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    request.once('response', resolve);
    // `on`, not `once`: the socket may fail again later (while a body is still being sent), and
    // an 'error' without a listener would crash the process.
    request.on('error', (err) => reject(toNetworkError(err, call.url, connection.baseUrl)));
    request.once('timeout', () => {
      request.destroy(new Error(`no data for ${idleTimeoutMs / 1000} s`));
    });
  });
  return { request, response };
}

/**
 * Nothing for a 2xx answer; otherwise its body (at most 16 KiB of it) becomes the FigurlError the
 * zone-client would throw for the same answer, naming the call and the URL.
 */
async function checkNodeResponse(response: IncomingMessage, call: ZoneCall): Promise<void> {
  const status = response.statusCode ?? 0;
  if (status >= 200 && status < 300) return;
  const body = await readStart(response);
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    if (typeof value === 'string') headers.set(name, value);
  }
  // toZoneError reads a WHATWG Response: the very same mapping as for answers read with fetch.
  throw await toZoneError(new Response(body.length === 0 ? null : body, { status, headers }), call);
}

/** Reads the answer's start and lets the rest go, which frees the connection. */
async function readStart(response: IncomingMessage): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= maxErrorBodyBytes) break;
    }
  } catch {
    // A body cut short still says something; use what arrived.
  } finally {
    response.destroy();
  }
  return new Uint8Array(Buffer.concat(chunks).subarray(0, maxErrorBodyBytes));
}

function toNetworkError(err: Error, url: URL, baseUrl: URL): Error {
  if (err instanceof FigurlError) return err;
  const where = url.origin === baseUrl.origin ? `the zone at ${describeUrl(url)}` : describeUrl(url);
  return new FigurlError('UNAVAILABLE', `cannot reach ${where}: ${err.message}`, { cause: err });
}
