import type { LookupAddress } from 'node:dns';
import { isIP, isIPv4 } from 'node:net';
import { FigurlError, quote } from '../errors/index.js';
import { describeUrl } from '../zone-client/describe-url.js';
import { describeNonPublicAddress } from './describe-non-public-address.js';

/** What safeFetch lets through besides public hosts on ports 80 and 443. */
export interface FetchPolicy {
  allowPorts: ReadonlySet<number>;
  allowHosts: readonly AllowedHost[];
  lookup: (hostname: string) => Promise<readonly LookupAddress[]>;
}

/** An `allowHosts` entry: a host as `new URL()` writes it, and its port when one was named. */
export interface AllowedHost {
  hostname: string;
  port: number | null;
}

const defaultPorts = new Set([80, 443]);

/**
 * `text` (resolved against `base`, for a Location) as an http(s) URL without credentials, or
 * INVALID_URI. `context` words the attempt around the quoted URL ("fetch …"). Numeric hosts
 * come back normalized by the WHATWG parser: `0x7f000001`, `2130706433`, `0177.0.0.1` and
 * `127.1` all become `127.0.0.1`, which is what the checks then see.
 *
 * @example
 * parseFetchUrl('gopher://x', undefined, (s) => `fetch ${s}`); // throws: refused to fetch "gopher://x": expected an http:// or https:// URL
 */
export function parseFetchUrl(text: string, base: URL | undefined, context: (shown: string) => string): URL {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    throw new FigurlError(
      'INVALID_URI',
      `refused to ${context(quote(text))}: expected an absolute http:// or https:// URL`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new FigurlError(
      'INVALID_URI',
      `refused to ${context(quote(describeUrl(url)))}: expected no user name or password in the URL`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FigurlError('INVALID_URI', `refused to ${context(quote(text))}: expected an http:// or https:// URL`);
  }
  return url;
}

/**
 * An `allowHosts` entry, `host` or `host:port` (IPv6 in brackets), normalized as `new URL()`
 * would normalize a URL's host so that the two compare equal; INVALID_REQUEST otherwise.
 *
 * @example
 * parseAllowedHost('[::1]:8080'); // { hostname: '[::1]', port: 8080 }
 */
export function parseAllowedHost(entry: string): AllowedHost {
  let url: URL | undefined;
  try {
    url = /[/?#@\\\s]/.test(entry) ? undefined : new URL(`http://${entry}`);
  } catch {
    url = undefined;
  }
  if (url === undefined || url.hostname === '') {
    throw new FigurlError('INVALID_REQUEST', `invalid allowHosts entry ${quote(entry)}: expected host or host:port`);
  }
  // URL drops a scheme's default port (":80"), which the entry still names.
  const port = /:(\d+)$/.exec(entry)?.[1];
  return { hostname: url.hostname, port: port === undefined ? null : Number(port) };
}

/**
 * The addresses `url` may be connected to, or a FigurlError saying why not: FORBIDDEN for a
 * port other than 80/443 (or allowed), a non-public IP literal, `localhost` or `*.localhost`, or
 * a name with any non-public address; UNAVAILABLE when the name does not resolve. An
 * `allowHosts` match skips the address checks. `context` is the attempt ("fetch …").
 */
export async function checkFetchTarget(
  url: URL,
  policy: FetchPolicy,
  context: string,
  signal: AbortSignal,
): Promise<LookupAddress[]> {
  const refuse = (reason: string) => new FigurlError('FORBIDDEN', `refused to ${context}: ${reason}`);
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  const allowed = policy.allowHosts.find((h) => h.hostname === url.hostname && (h.port === null || h.port === port));
  if (!defaultPorts.has(port) && !policy.allowPorts.has(port) && allowed?.port !== port) {
    throw refuse(`port ${port} is not allowed; expected 80 or 443`);
  }
  const literal = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (isIP(literal) !== 0) {
    const why = allowed ? null : describeNonPublicAddress(literal);
    if (why !== null) throw refuse(`${literal} is ${why}; expected a public address`);
    return [{ address: literal, family: isIPv4(literal) ? 4 : 6 }];
  }
  const name = url.hostname.endsWith('.') ? url.hostname.slice(0, -1) : url.hostname;
  if (!allowed && (name === 'localhost' || name.endsWith('.localhost'))) {
    throw refuse(`${url.hostname} is a loopback name; expected a public host`);
  }
  const addresses = await resolve(name, policy, signal, context);
  for (const { address } of allowed ? [] : addresses) {
    // The address itself stays out of the message: it would tell a caller what names inside
    // the server's network resolve to.
    const why = describeNonPublicAddress(address);
    if (why !== null) throw refuse(`${url.hostname} resolves to ${why}; expected only public addresses`);
  }
  return addresses.map(({ address }) => ({ address, family: isIPv4(address) ? 4 : 6 }));
}

async function resolve(
  name: string,
  policy: FetchPolicy,
  signal: AbortSignal,
  context: string,
): Promise<readonly LookupAddress[]> {
  const unavailable = (reason: string, cause?: unknown) =>
    new FigurlError('UNAVAILABLE', `could not ${context}: ${reason}`, { cause });
  signal.throwIfAborted();
  let stop = () => {};
  const aborted = new Promise<never>((_, reject) => {
    stop = () => reject(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
  });
  let addresses: readonly LookupAddress[];
  try {
    addresses = await Promise.race([policy.lookup(name), aborted]);
  } catch (err) {
    if (signal.aborted) throw signal.reason;
    throw unavailable(`cannot resolve ${name} (${err instanceof Error ? err.message : String(err)})`, err);
  } finally {
    signal.removeEventListener('abort', stop);
  }
  if (addresses.length === 0) throw unavailable(`${name} resolves to no address`);
  return addresses;
}
