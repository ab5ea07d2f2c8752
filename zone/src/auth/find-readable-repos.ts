import type { RepoPermissions } from '../github/repo-permissions.js';

/**
 * Of `repos`, those GitHub says `reader` may read — the rule "a private figure registered with
 * `repo` is also readable by whoever may read that repository" (docs/protocol.md §7), asked
 * through the figurl App (answers cached per repository and user). Nobody reads through a
 * repository when the zone has no App, for anonymous readers (`reader` null), or for figures
 * without one. GitHub not answering is UNAVAILABLE, unless `unavailable: 'skip'` drops that
 * repository (a list then shows less rather than failing); never "yes".
 *
 * @example
 * const readable = await findReadableRepos(context.repoPermissions, 'alice', ['octo/lab']);
 * readable.has('octo/lab'); // true when alice has at least read on octo/lab
 */
export async function findReadableRepos(
  repoPermissions: RepoPermissions | undefined,
  reader: string | null,
  repos: Iterable<string | null>,
  options: { unavailable?: 'throw' | 'skip' } = {},
): Promise<Set<string>> {
  const readable = new Set<string>();
  if (repoPermissions === undefined || reader === null) return readable;
  const asked = [...new Set([...repos].filter((repo): repo is string => repo !== null))];
  const answers = await Promise.allSettled(asked.map((repo) => repoPermissions.mayRead(repo, reader)));
  answers.forEach((answer, i) => {
    if (answer.status === 'fulfilled') {
      if (answer.value) readable.add(asked[i] as string);
    } else if (options.unavailable !== 'skip') {
      throw answer.reason;
    }
  });
  return readable;
}
