import { createHash } from 'node:crypto';
import { FigurlError, formatUri, type GitHubUri, parseGitHubUri, quote } from '@figurl/sdk';
import { z } from 'zod';
import { toGitHubError } from './github-error';
import { type GitHubDeps, requestGitHub } from './github-request';
import type { GitHubWriteCache } from './github-write-cache';
import type { Session } from './session-cookie';

export interface GitHubContentsDeps extends GitHubDeps {
  cache: GitHubWriteCache;
  /** Milliseconds since the epoch; default Date.now. */
  now?: (() => number) | undefined;
}

export interface GitHubFile {
  bytes: Uint8Array;
  /** The git blob sha of `bytes`. */
  sha: string;
}

export interface GitHubFileWrite {
  uri: string;
  /** The new file, as text (stored UTF-8). */
  content: string;
  /** Default `Set <path>`, as figurl3 wrote. */
  message?: string | undefined;
}

/** GitHub's own limit: the contents API serves files up to 100 MB (raw media type above 1 MB). */
export const maxGitHubFileBytes = 100 * 1024 * 1024;

// "Get repository content" for a file: inline base64 `content` up to 1 MB; from 1 to 100 MB
// `content` is empty and `encoding` is "none", and the raw media type has the bytes.
const fileSchema = z.object({
  type: z.string(),
  sha: z.string(),
  size: z.number().int().nonnegative(),
  content: z.string().optional(),
  encoding: z.string().optional(),
});
// "Create or update file contents": 200 (updated) or 201 (created).
const putAnswerSchema = z.object({ content: z.object({ sha: z.string() }), commit: z.object({ sha: z.string() }) });

/**
 * Reads `gh://owner/repo/branch/path` through the contents API, with the session's token when
 * there is one. Right after this process wrote the file, GitHub may still serve the previous
 * version; the written content is answered instead (for ten minutes, until GitHub catches up).
 * Errors are figurl errors naming the URI (NOT_FOUND, FORBIDDEN, RATE_LIMITED, UNAVAILABLE…).
 *
 * @example
 * const { bytes, sha } = await readGitHubFile(deps, 'gh://magland/curations/main/s1/curation.json', session);
 */
export async function readGitHubFile(
  deps: GitHubContentsDeps,
  uriText: string,
  session: Session | undefined,
): Promise<GitHubFile> {
  const uri = parseGitHubUri(uriText);
  const key = formatUri(uri);
  const context = { uri: key, doing: 'reading', signedIn: session !== undefined };
  const now = (deps.now ?? Date.now)();
  const written = deps.cache.find(key, now);
  const response = await requestGitHub(deps, {
    url: toContentsPath(uri),
    token: session?.token,
    what: `reading ${key}`,
  });
  if (response.status === 404 && written?.replaced.includes(null) && written.login === session?.login) {
    // Created by this user a moment ago and not listed yet.
    return { bytes: written.bytes, sha: written.sha };
  }
  if (!response.ok) throw await toGitHubError(response, context);
  const file = parseFileAnswer(await response.json(), key);
  if (written !== undefined) {
    // Whoever can read the old version may see the one written over it; any other sha means
    // GitHub has caught up (or someone wrote since), and GitHub is right from then on.
    if (written.replaced.includes(file.sha)) return { bytes: written.bytes, sha: written.sha };
    deps.cache.forget(key);
  }
  if (file.size > maxGitHubFileBytes) {
    throw new FigurlError(
      'PAYLOAD_TOO_LARGE',
      `${quote(key)} is ${file.size} bytes: GitHub serves files up to ${maxGitHubFileBytes} bytes through its API`,
    );
  }
  if (file.encoding === 'base64' && file.content !== undefined && (file.content !== '' || file.size === 0)) {
    const bytes = new Uint8Array(Buffer.from(file.content, 'base64'));
    if (bytes.byteLength === file.size) return { bytes, sha: file.sha };
  }
  const raw = await requestGitHub(deps, {
    url: toContentsPath(uri),
    token: session?.token,
    accept: 'application/vnd.github.raw+json',
    what: `reading ${key}`,
  });
  if (!raw.ok) throw await toGitHubError(raw, context);
  const bytes = new Uint8Array(await raw.arrayBuffer());
  // The raw answer may be a newer version than the metadata's; its own hash is its sha.
  return { bytes, sha: toGitBlobSha(bytes) };
}

/**
 * Commits `content` to `gh://owner/repo/branch/path` with the session's token: reads the
 * current sha, then `PUT /repos/{owner}/{repo}/contents/{path}` with it. GitHub refuses the
 * PUT when the file changed in between, which is CONFLICT: nothing is overwritten.
 *
 * @example
 * const { sha, commit } = await writeGitHubFile(deps, { uri, content: JSON.stringify(curation) }, session);
 */
export async function writeGitHubFile(
  deps: GitHubContentsDeps,
  write: GitHubFileWrite,
  session: Session,
): Promise<{ sha: string; commit: string }> {
  const uri = parseGitHubUri(write.uri);
  const key = formatUri(uri);
  const context = { uri: key, doing: 'saving', signedIn: true };
  const path = toContentsPath(uri);
  const current = await requestGitHub(deps, { url: path, token: session.token, what: `saving ${key}` });
  if (!current.ok && current.status !== 404) throw await toGitHubError(current, context);
  const readSha = current.ok ? parseFileAnswer(await current.json(), key).sha : null;
  // Our own write a moment ago counts even if GitHub still answers with what it replaced.
  const written = deps.cache.find(key, (deps.now ?? Date.now)());
  const ownEarlierWrite = written?.replaced.includes(readSha) ? written : undefined;
  const sha = ownEarlierWrite?.sha ?? readSha;
  const bytes = new TextEncoder().encode(write.content);
  const response = await requestGitHub(deps, {
    url: path,
    method: 'PUT',
    token: session.token,
    body: {
      message: write.message ?? `Set ${uri.path}`,
      content: Buffer.from(bytes).toString('base64'),
      branch: uri.branch,
      ...(sha === null ? {} : { sha }),
    },
    what: `saving ${key}`,
  });
  if (response.status === 409 || (response.status === 422 && sha === null)) {
    // 409: the sha we sent is no longer the file's; 422 "sha wasn't supplied": it was created meanwhile.
    throw new FigurlError(
      'CONFLICT',
      `${quote(key)} changed on GitHub after it was read (another commit touched it): nothing was overwritten; load it again and save your changes on top`,
    );
  }
  if (response.status === 404) {
    throw new FigurlError(
      'NOT_FOUND',
      `cannot save ${quote(key)}: GitHub has no repository ${uri.owner}/${uri.repo} with a branch ${quote(uri.branch)} that your token can write to (sign in with "allow writing to repositories")`,
    );
  }
  if (!response.ok) throw await toGitHubError(response, context);
  const answer = putAnswerSchema.safeParse(await response.json().catch(() => undefined));
  if (!answer.success) throw new FigurlError('UNAVAILABLE', `GitHub saved ${quote(key)} but answered without a commit`);
  deps.cache.remember(key, {
    sha: answer.data.content.sha,
    // Bounded: a burst of saves within the ten minutes should not grow an entry without end.
    replaced: [sha, ...(ownEarlierWrite?.replaced ?? [])].slice(0, 20),
    bytes,
    login: session.login,
    writtenAt: (deps.now ?? Date.now)(),
  });
  return { sha: answer.data.content.sha, commit: answer.data.commit.sha };
}

function toContentsPath(uri: GitHubUri): string {
  const path = uri.path.split('/').map(encodeURIComponent).join('/');
  return `/repos/${uri.owner}/${uri.repo}/contents/${path}?ref=${encodeURIComponent(uri.branch)}`;
}

function parseFileAnswer(body: unknown, key: string): z.infer<typeof fileSchema> {
  if (Array.isArray(body))
    throw new FigurlError('INVALID_REQUEST', `${quote(key)} is a directory on GitHub: expected a file`);
  const parsed = fileSchema.safeParse(body);
  if (!parsed.success) throw new FigurlError('UNAVAILABLE', `GitHub answered an unexpected shape for ${quote(key)}`);
  if (parsed.data.type !== 'file') {
    throw new FigurlError('INVALID_REQUEST', `${quote(key)} is a ${parsed.data.type} on GitHub: expected a file`);
  }
  return parsed.data;
}

/** Git's object id of a blob: sha1 of `blob <size>\0` and the bytes. */
function toGitBlobSha(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.byteLength}\0`).update(bytes).digest('hex');
}
