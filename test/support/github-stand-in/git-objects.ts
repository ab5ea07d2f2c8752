import { createHash } from 'node:crypto';

/** A file as git stores it: the bytes and their blob SHA-1. */
export interface GitBlob {
  bytes: Buffer;
  sha: string;
}

/** One entry of a git tree, as the contents API lists it. */
export interface GitTreeEntry {
  name: string;
  path: string;
  type: 'blob' | 'tree';
  sha: string;
  /** Bytes for a blob, 0 for a tree (the contents API reports 0 for directories). */
  size: number;
}

export interface GitTree {
  sha: string;
  entries: readonly GitTreeEntry[];
}

export interface GitSignature {
  name: string;
  email: string;
  /** ISO 8601 in UTC without milliseconds, as the REST API prints it: `2014-11-07T22:01:45Z`. */
  date: string;
}

/**
 * Git object ids as git computes them (Pro Git §10.2 "Git Objects"): SHA-1 of
 * `<type> <byte length>\0<body>`, so the stand-in's `sha` fields agree with `git hash-object`.
 *
 * @example
 * toBlob(Buffer.alloc(0)).sha; // 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391'
 */
export function toBlob(bytes: Uint8Array): GitBlob {
  const buffer = Buffer.from(bytes);
  return { bytes: buffer, sha: hashObject('blob', buffer) };
}

/**
 * Every tree of a snapshot keyed by directory path (`''` is the root; an empty snapshot still has
 * the empty root tree 4b825dc6…). Entries are in git's order: byte order of the name, a tree
 * compared as if its name ended in `/`.
 */
export function buildTrees(files: ReadonlyMap<string, GitBlob>): Map<string, GitTree> {
  const children = new Map<string, Map<string, GitTreeEntry>>([['', new Map()]]);
  for (const [path, blob] of files) {
    const parts = path.split('/');
    parts.forEach((name, i) => {
      const dir = parts.slice(0, i).join('/');
      const entryPath = parts.slice(0, i + 1).join('/');
      let entries = children.get(dir);
      if (entries === undefined) {
        entries = new Map();
        children.set(dir, entries);
      }
      const isFile = i === parts.length - 1;
      if (isFile) entries.set(name, { name, path: entryPath, type: 'blob', sha: blob.sha, size: blob.bytes.length });
      else if (!entries.has(name)) entries.set(name, { name, path: entryPath, type: 'tree', sha: '', size: 0 });
    });
  }
  const trees = new Map<string, GitTree>();
  const deepestFirst = [...children.keys()].sort((a, b) => depth(b) - depth(a));
  for (const dir of deepestFirst) {
    const entries = [...(children.get(dir)?.values() ?? [])]
      .map((entry) => (entry.type === 'tree' ? { ...entry, sha: trees.get(entry.path)?.sha ?? '' } : entry))
      .sort((a, b) => Buffer.compare(sortKey(a), sortKey(b)));
    const body = Buffer.concat(
      entries.flatMap((entry) => [
        Buffer.from(`${entry.type === 'tree' ? '40000' : '100644'} ${entry.name}\0`),
        Buffer.from(entry.sha, 'hex'),
      ]),
    );
    trees.set(dir, { sha: hashObject('tree', body), entries });
  }
  return trees;
}

/** The id of a commit object with these fields; dates are written as git does, in UTC. */
export function commitSha(commit: {
  tree: string;
  parents: readonly string[];
  author: GitSignature;
  committer: GitSignature;
  message: string;
}): string {
  const person = (who: GitSignature) => `${who.name} <${who.email}> ${Math.floor(Date.parse(who.date) / 1000)} +0000`;
  const lines = [
    `tree ${commit.tree}`,
    ...commit.parents.map((parent) => `parent ${parent}`),
    `author ${person(commit.author)}`,
    `committer ${person(commit.committer)}`,
    '',
    commit.message.endsWith('\n') ? commit.message : `${commit.message}\n`,
  ];
  return hashObject('commit', Buffer.from(lines.join('\n')));
}

/**
 * Base64 as the contents API returns it: a newline after every 60 characters and after the last
 * line (Ruby's `Base64.encode64`), so clients that forget to strip newlines fail here as they
 * would against GitHub.
 */
export function toWrappedBase64(bytes: Buffer): string {
  const flat = bytes.toString('base64');
  return flat.replace(/.{1,60}/g, '$&\n');
}

function hashObject(type: 'blob' | 'tree' | 'commit', body: Buffer): string {
  return createHash('sha1').update(`${type} ${body.length}\0`).update(body).digest('hex');
}

function depth(dir: string): number {
  return dir === '' ? 0 : dir.split('/').length;
}

function sortKey(entry: GitTreeEntry): Buffer {
  return Buffer.from(entry.type === 'tree' ? `${entry.name}/` : entry.name);
}
