/**
 * What the zone asks GitHub through the figurl App (docs/protocol.md §7, §9): whether the App is
 * installed on a repository, and whether a user may read or push to it — the rules behind a
 * curation's `editRepo`, a private figure's repository and `GET /api/v1/github/installation`.
 * The zone uses it only when one is configured; without it only the listed users count.
 */
export interface RepoPermissions {
  /** Whether the figurl App is installed on `repo` (`owner/name`). */
  isInstalled(repo: string): Promise<boolean>;
  /** Whether GitHub user `login` may read `repo` (role read, triage, write, maintain or admin). */
  mayRead(repo: string, login: string): Promise<boolean>;
  /** Whether GitHub user `login` may push to `repo` (`owner/name`). */
  mayPush(repo: string, login: string): Promise<boolean>;
}
