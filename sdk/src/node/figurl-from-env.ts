import { parseCliSettings } from '../cli/parse-cli-settings.js';
import { createFigurl } from '../figures/create-figurl.js';
import type { FigurlContext } from '../figures/figurl-context.js';
import { createNodeHasher } from './create-node-hasher.js';
import { parseGitHubEnv } from './parse-github-env.js';

/**
 * The figure builders' context from the environment, as the `figurl` CLI reads it:
 * FIGURL_ZONE_URL (default `http://127.0.0.1:4100`), FIGURL_SHELL_URL (default
 * `http://127.0.0.1:3000`), FIGURL_TOKEN, KACHERY_ZONE; in GitHub Actions also the repository,
 * pull request and commit, recorded with each figure. A bad value throws, naming the variable.
 *
 * @example
 * const url = await new VegaLite(spec).url({ label: 'loss', context: figurlFromEnv({ ...process.env, FIGURL_ZONE_URL: zone }) });
 */
export function figurlFromEnv(env: Record<string, string | undefined> = process.env): FigurlContext {
  const settings = parseCliSettings(env);
  return createFigurl({
    zoneUrl: settings.zoneUrl,
    shellUrl: settings.shellUrl,
    token: settings.token,
    zone: settings.zone,
    fetch: globalThis.fetch,
    github: parseGitHubEnv(env),
    createHasher: createNodeHasher,
  });
}
