import type { CreateHasher } from '../hash/hasher.js';
import type { ZoneClient } from '../zone-client/create-zone-client.js';

/** Where a figure was made in CI, recorded with it in the zone's registry. */
export interface GitHubContext {
  /** `owner/name`. */
  repo: string;
  pullRequest?: number | undefined;
  /** 40 (or 64) lowercase hex. */
  commitSha?: string | undefined;
}

/**
 * Everything a figure builder needs to publish: the zone that stores the data and registers the
 * figure, and the shell whose links it prints. Made by `createFigurl`, or from the environment
 * by `figurlFromEnv` in `@figurl/sdk/node`.
 */
export interface FigurlContext {
  zone: ZoneClient;
  /** The shell, base of the figURLs: `http://127.0.0.1:3000`, `https://figurl.org`. */
  shellUrl: string;
  /** Recorded with every figure published through this context. */
  github?: GitHubContext | undefined;
  /** SHA-1 of the data; default the portable one (`@figurl/sdk/node` passes node:crypto's). */
  createHasher?: CreateHasher | undefined;
}
