import { buildTrees, commitSha, type GitBlob, type GitSignature, type GitTree } from './git-objects.js';
import type { StandInCommit, StandInRepo, StandInState } from './state.js';

export type GitStore = ReturnType<typeof createGitStore>;

/**
 * The git database behind the Git data API, sharing commits with the contents API: blobs and
 * trees written through `POST /git/blobs|trees` live here until a commit uses them; commits
 * go into `repo.commitsBySha`, and moving a branch rewrites its log (the first-parent chain),
 * so `findHead`, the contents API and the test handle all see the new head.
 *
 * @example
 * const git = createGitStore(state);
 * const root = git.writeTree(repo, new Map([['a.txt', toBlob(Buffer.from('a'))]]));
 */
export function createGitStore(state: StandInState) {
  const blobs = new Map<number, Map<string, GitBlob>>();
  /** Tree sha → the files below it (paths relative to the tree). */
  const treeFiles = new Map<number, Map<string, ReadonlyMap<string, GitBlob>>>();

  function perRepo<T>(store: Map<number, Map<string, T>>, repo: StandInRepo): Map<string, T> {
    let map = store.get(repo.id);
    if (map === undefined) {
      map = new Map();
      store.set(repo.id, map);
    }
    return map;
  }

  function findBlob(repo: StandInRepo, sha: string): GitBlob | null {
    const stored = perRepo(blobs, repo).get(sha);
    if (stored !== undefined) return stored;
    for (const commit of repo.commitsBySha.values()) {
      for (const blob of commit.files.values()) if (blob.sha === sha) return blob;
    }
    return null;
  }

  /** The files below the tree `sha`, relative to it, or null for an unknown tree. */
  function findTreeFiles(repo: StandInRepo, sha: string): ReadonlyMap<string, GitBlob> | null {
    const stored = perRepo(treeFiles, repo).get(sha);
    if (stored !== undefined) return stored;
    for (const commit of repo.commitsBySha.values()) {
      for (const [dir, tree] of commit.trees) {
        if (tree.sha === sha) return subtreeFiles(commit.files, dir);
      }
    }
    return null;
  }

  /** The trees of a snapshot, each remembered so later trees can name it as `base_tree` or entry. */
  function writeTree(repo: StandInRepo, files: ReadonlyMap<string, GitBlob>): Map<string, GitTree> {
    const trees = buildTrees(files);
    const known = perRepo(treeFiles, repo);
    for (const [dir, tree] of trees) known.set(tree.sha, subtreeFiles(files, dir));
    for (const blob of files.values()) perRepo(blobs, repo).set(blob.sha, blob);
    return trees;
  }

  function createCommit(
    repo: StandInRepo,
    input: {
      tree: string;
      parents: readonly string[];
      message: string;
      author: GitSignature;
      committer: GitSignature;
    },
  ): StandInCommit | null {
    const files = findTreeFiles(repo, input.tree);
    if (files === null) return null;
    const trees = buildTrees(files);
    const sha = commitSha(input);
    const commit: StandInCommit = { ...input, parents: [...input.parents], sha, files, trees };
    repo.commitsBySha.set(sha, commit);
    return commit;
  }

  /** Whether `ancestor` is `descendant` or reachable from it through parents. */
  function isAncestor(repo: StandInRepo, ancestor: string, descendant: string): boolean {
    const seen = new Set<string>();
    const queue = [descendant];
    while (queue.length > 0) {
      const sha = queue.pop() ?? '';
      if (sha === ancestor) return true;
      if (seen.has(sha)) continue;
      seen.add(sha);
      queue.push(...(repo.commitsBySha.get(sha)?.parents ?? []));
    }
    return false;
  }

  /** Points `branch` at `sha` (creating it), its log becoming the first-parent chain, oldest first. */
  function setBranch(repo: StandInRepo, branch: string, sha: string): void {
    const chain: StandInCommit[] = [];
    for (let commit = repo.commitsBySha.get(sha); commit !== undefined; ) {
      chain.unshift(commit);
      const parent = commit.parents[0];
      commit = parent === undefined ? undefined : repo.commitsBySha.get(parent);
    }
    repo.branches.set(branch, chain);
  }

  return {
    storeBlob: (repo: StandInRepo, blob: GitBlob) => void perRepo(blobs, repo).set(blob.sha, blob),
    findBlob,
    findTreeFiles,
    writeTree,
    createCommit,
    isAncestor,
    setBranch,
    findCommit: (repo: StandInRepo, sha: string) => repo.commitsBySha.get(sha.toLowerCase()) ?? null,
    state,
  };
}

function subtreeFiles(files: ReadonlyMap<string, GitBlob>, dir: string): Map<string, GitBlob> {
  if (dir === '') return new Map(files);
  const prefix = `${dir}/`;
  return new Map(
    [...files].filter(([path]) => path.startsWith(prefix)).map(([path, blob]) => [path.slice(prefix.length), blob]),
  );
}
