/** What the shell last wrote to one `gh://` URI. */
export interface GitHubWrite {
  /** The file's blob sha after the write. */
  sha: string;
  /**
   * The versions it replaced, which GitHub may still answer with: the sha before the write (null
   * when the write created the file), and those of earlier writes still in the cache.
   */
  replaced: ReadonlyArray<string | null>;
  bytes: Uint8Array;
  /** Who wrote it: only they are shown a created file GitHub does not list yet. */
  login: string;
  /** Milliseconds since the epoch. */
  writtenAt: number;
}

export interface GitHubWriteCache {
  /** The write to `uri` within the last ten minutes, if any. */
  find(uri: string, now: number): GitHubWrite | undefined;
  remember(uri: string, write: GitHubWrite): void;
  forget(uri: string): void;
}

/** figurl3's "Important Local GitHub Cache" kept entries ten minutes (storeGithubFile.ts). */
export const gitHubWriteLifetimeMs = 10 * 60 * 1000;
const maxEntries = 200;
const maxEntryBytes = 4 * 1024 * 1024;

/**
 * Remembers recent writes so that a read right after one does not show the old file: GitHub's
 * contents API can answer with the previous version for a while after a commit. Per process and
 * small (the oldest entries go first); a write too large to keep is simply not remembered.
 *
 * @example
 * const cache = createGitHubWriteCache();
 * cache.remember(uri, { sha, replaced: [oldSha], bytes, login, writtenAt: Date.now() });
 */
export function createGitHubWriteCache(): GitHubWriteCache {
  const entries = new Map<string, GitHubWrite>();
  return {
    find(uri, now) {
      const write = entries.get(uri);
      if (write !== undefined && now - write.writtenAt >= gitHubWriteLifetimeMs) entries.delete(uri);
      return entries.get(uri);
    },
    remember(uri, write) {
      entries.delete(uri);
      if (write.bytes.byteLength > maxEntryBytes) return;
      entries.set(uri, write);
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries) break;
        entries.delete(oldest);
      }
    },
    forget(uri) {
      entries.delete(uri);
    },
  };
}
