import type { GitHubWriteCache } from './github-write-cache';
import type { ShellConfig } from './shell-config';

/**
 * What the route handlers' logic takes as arguments instead of reading the environment: the
 * shell's configuration, the fetch GitHub is reached with, the write cache and the clock. The
 * Next route files build one (`getShellDeps`); tests build their own against stand-ins.
 */
export interface ShellDeps {
  config: ShellConfig;
  fetch: typeof fetch;
  cache: GitHubWriteCache;
  /** Milliseconds since the epoch; default Date.now. */
  now?: (() => number) | undefined;
}
