import { FigurlError, quote } from '../errors/index.js';
import type { CreateHasher } from '../hash/hasher.js';
import { createZoneClient } from '../zone-client/create-zone-client.js';
import { parseHttpUrl } from '../zone-client/parse-http-url.js';
import type { ZoneFetch } from '../zone-client/zone-fetch.js';
import type { FigurlContext, GitHubContext } from './figurl-context.js';

export interface CreateFigurlOptions {
  /** The zone, e.g. `http://127.0.0.1:4100`. */
  zoneUrl: string;
  /** The shell of the printed figURLs, e.g. `http://127.0.0.1:3000`. */
  shellUrl: string;
  /** Bearer token: the figures are owned by its user (anonymous without one, on an open zone). */
  token?: string | undefined;
  fetch: ZoneFetch;
  /** Which zone of the server (kachery's KACHERY_ZONE); default "default". */
  zone?: string | undefined;
  github?: GitHubContext | undefined;
  createHasher?: CreateHasher | undefined;
}

/**
 * A context for the figure builders, from explicit settings (pure: no environment is read).
 * Throws INVALID_REQUEST for a zone or shell URL that is not http(s).
 *
 * @example
 * const figurl = createFigurl({ zoneUrl: 'http://127.0.0.1:4100', shellUrl: 'http://127.0.0.1:3000', fetch });
 * const url = await new VegaLite(spec).url({ label: 'stocks', context: figurl });
 */
export function createFigurl(options: CreateFigurlOptions): FigurlContext {
  const shell = parseHttpUrl(options.shellUrl, 'shell URL');
  if (shell.search || shell.hash) {
    throw new FigurlError(
      'INVALID_REQUEST',
      `invalid shell URL ${quote(options.shellUrl)}: expected an http:// or https:// URL without query or fragment`,
    );
  }
  return {
    zone: createZoneClient({
      baseUrl: options.zoneUrl,
      fetch: options.fetch,
      token: options.token,
      zone: options.zone,
    }),
    shellUrl: options.shellUrl,
    github: options.github,
    createHasher: options.createHasher,
  };
}
