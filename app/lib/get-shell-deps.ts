import 'server-only';
import { createGitHubWriteCache, type GitHubWriteCache } from './github-write-cache';
import { getShellConfig } from './shell-config';
import type { ShellDeps } from './shell-deps';

// One write cache per server process; on globalThis because Next may evaluate this module once
// per route bundle, and a read must see a write made through another route.
const holder = globalThis as typeof globalThis & { figurlGitHubWriteCache?: GitHubWriteCache };

/** The route handlers' arguments in a running shell: the environment's config and the global fetch. */
export function getShellDeps(): ShellDeps {
  holder.figurlGitHubWriteCache ??= createGitHubWriteCache();
  return { config: getShellConfig(), fetch: globalThis.fetch, cache: holder.figurlGitHubWriteCache };
}
