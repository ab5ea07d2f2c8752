import { FigurlError, type GitHubConfig, githubConfigSchema, parseWith } from '@figurl/sdk';
import { parse as parseYaml, YAMLParseError } from 'yaml';

/** Where the repository's settings live, on its default branch. */
export const repoConfigPath = '.github/figurl.yml';

export type RepoConfigResult = { ok: true; config: GitHubConfig } | { ok: false; message: string };

/**
 * The settings in `.github/figurl.yml` with defaults filled in; null text (no file) and an
 * empty file give the defaults. A bad file is `{ ok: false }` with a message naming the field:
 * `invalid .github/figurl.yml: comment.enabled "yes": expected boolean`.
 *
 * @example
 * const result = parseRepoConfig('comment:\n  key: previews\n');
 * if (result.ok) result.config.comment.key; // 'previews'
 */
export function parseRepoConfig(text: string | null): RepoConfigResult {
  let document: unknown;
  try {
    document = text === null ? undefined : parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos?.[0] ? ` at line ${error.linePos[0].line}` : '';
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, message: `invalid ${repoConfigPath}: not YAML${where}: ${reason}` };
  }
  // An empty file parses as null: same as no file.
  if (document === null) document = undefined;
  try {
    return { ok: true, config: parseWith(githubConfigSchema, document, repoConfigPath) };
  } catch (error) {
    if (error instanceof FigurlError) return { ok: false, message: error.message };
    throw error;
  }
}
