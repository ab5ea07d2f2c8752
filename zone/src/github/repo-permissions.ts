/**
 * Answers "may this user push to that repository?" — the rule behind a curation's `editRepo`
 * (docs/protocol.md §9). The zone uses it only when one is configured; without it only the
 * listed editors act.
 */
export interface RepoPermissions {
  /** Whether GitHub user `login` may push to `repo` (`owner/name`). */
  mayPush(repo: string, login: string): Promise<boolean>;
}
