import { type GitTreeEntry, toWrappedBase64 } from './git-objects.js';
import { parsePutContentBody } from './parse-put-content-body.js';
import { toRepoAccess } from './repo-access.js';
import { docs, toErrorResponse } from './responses.js';
import type { Route, RouteContext, StandInRequest, StandInResponse } from './route-table.js';
import type { StandInCommit, StandInRepo } from './state.js';
import { toContentEntry } from './to-content-entry.js';

/** "Get repository content": above 1 MB the object keeps `content: ''` and `encoding: 'none'`. */
const inlineContentLimit = 1024 * 1024;

/** The contents API (GET and PUT /repos/{owner}/{repo}/contents/{path}) and raw downloads. */
export function contentsRoutes({ state, baseUrl, records }: RouteContext): Route[] {
  function findReadable(request: StandInRequest): StandInRepo | null {
    const repo = state.findRepo(`${request.params.owner}/${request.params.repo}`);
    return repo !== null && toRepoAccess(state, repo, request.auth).read ? repo : null;
  }

  function resolveRef(repo: StandInRepo, ref: string): StandInCommit | null {
    return state.findHead(repo, ref) ?? repo.commitsBySha.get(ref.toLowerCase()) ?? null;
  }

  // "Get repository content" (REST, Repositories › Contents): a file object with wrapped base64
  // `content`, an array for a directory (an object with `entries` under the object media type),
  // raw bytes under application/vnd.github.raw(+json); 404 "Not Found" for a missing path or a
  // repository the caller cannot see, 404 "No commit found for the ref <ref>" for an unknown ref.
  function getContent(request: StandInRequest): StandInResponse {
    const repo = findReadable(request);
    if (repo === null) return toErrorResponse(404, 'Not Found', docs.getContent);
    const ref = request.query.get('ref') || repo.defaultBranch;
    const commit = resolveRef(repo, ref);
    if (commit === null) return toErrorResponse(404, `No commit found for the ref ${ref}`, docs.getContent);
    const path = trimSlashes(request.params.path ?? '');
    const accept = request.headers.accept ?? '';
    const rawType = /application\/vnd\.github(\.v3)?\.raw/.exec(accept)?.[0];
    const blob = path === '' ? undefined : commit.files.get(path);
    if (blob !== undefined && rawType !== undefined) {
      return {
        status: 200,
        headers: { 'content-type': `${rawType}; charset=utf-8`, 'x-github-media-type': 'github.v3; param=raw' },
        body: blob.bytes,
      };
    }
    const entryFor = (entry: GitTreeEntry) => toContentEntry({ baseUrl, repo, ref, entry });
    if (blob !== undefined) {
      const inline = blob.bytes.length <= inlineContentLimit;
      const {
        type,
        size,
        name,
        path: entryPath,
        sha,
        ...links
      } = entryFor(fileEntry(path, blob.sha, blob.bytes.length));
      return {
        status: 200,
        json: {
          type,
          encoding: inline ? 'base64' : 'none',
          size,
          name,
          path: entryPath,
          content: inline ? toWrappedBase64(blob.bytes) : '',
          sha,
          ...links,
        },
      };
    }
    const tree = commit.trees.get(path);
    if (tree === undefined) return toErrorResponse(404, 'Not Found', docs.getContent);
    const entries = tree.entries.map(entryFor);
    if (!/application\/vnd\.github(\.v3)?\.object/.test(accept)) return { status: 200, json: entries };
    const self = entryFor({ name: path.split('/').at(-1) ?? '', path, type: 'tree', sha: tree.sha, size: 0 });
    return { status: 200, json: { ...self, entries } };
  }

  // "Create or update file contents": 201 for a new file, 200 for an update, each one commit on
  // the branch; 422 when an existing file's "sha" is missing, 409 "<path> does not match <sha>"
  // when it is stale, 404 "Branch <b> not found", 404 without push rights or the repo/public_repo
  // scope (GitHub hides rather than forbids), 401 without a token.
  function putContent(request: StandInRequest): StandInResponse {
    const { auth } = request;
    if (auth === null) return toErrorResponse(401, 'Requires authentication', docs.putContent);
    const repo = findReadable(request);
    if (repo === null) return toErrorResponse(404, 'Not Found', docs.putContent);
    const parsed = parsePutContentBody(request.body);
    if ('status' in parsed) return parsed;
    const access = toRepoAccess(state, repo, auth);
    if (!access.write) {
      // An installation token that sees the repository but lacks `contents: write` is refused.
      return auth.installation === null
        ? toErrorResponse(404, 'Not Found', docs.putContent)
        : toErrorResponse(403, 'Resource not accessible by integration', docs.putContent);
    }
    const branch = parsed.branch ?? repo.defaultBranch;
    const head = state.findHead(repo, branch);
    if (head === null) return toErrorResponse(404, `Branch ${branch} not found`, docs.putContent);
    const protection = records.findProtection(repo, branch);
    const bypass = protection?.enforceAdmins === false && access.permission === 'admin' && auth.installation === null;
    if (protection?.requirePullRequest === true && !bypass) {
      // (reported) what the contents API answers for a branch that requires pull requests.
      const message = `Protected branch update failed for refs/heads/${branch}: Changes must be made through a pull request.`;
      return toErrorResponse(409, message, docs.putContent);
    }
    const path = trimSlashes(request.params.path ?? '');
    // (unconfirmed) GitHub's wording for paths git cannot store; its tree API says this.
    const parts = path.split('/');
    const clash = parts.some((_, i) => head.files.has(parts.slice(0, i).join('/'))) || head.trees.has(path);
    if (parts.some((part) => part === '' || part === '.' || part === '..') || clash) {
      return toErrorResponse(422, `path contains a malformed path component: "${path}"`, docs.putContent);
    }
    const existing = head.files.get(path);
    if (existing !== undefined && parsed.sha === undefined) {
      return toErrorResponse(422, 'Invalid request.\n\n"sha" wasn\'t supplied.', docs.putContent);
    }
    // (unconfirmed) a sha for a path that has no file is treated as stale too.
    if (parsed.sha !== undefined && parsed.sha !== existing?.sha) {
      return toErrorResponse(409, `${path} does not match ${parsed.sha}`, docs.putContent);
    }
    const commit = state.commitFiles({
      repo,
      branch,
      changes: new Map([[path, parsed.bytes]]),
      message: parsed.message,
      author: parsed.author,
      committer: parsed.committer,
      login: auth.user.login,
    });
    const blob = commit.files.get(path);
    const content = toContentEntry({
      baseUrl,
      repo,
      ref: branch,
      entry: fileEntry(path, blob?.sha ?? '', parsed.bytes.length),
    });
    const api = `${baseUrl}/repos/${repo.fullName}`;
    return {
      status: existing === undefined ? 201 : 200,
      json: {
        content,
        commit: {
          sha: commit.sha,
          node_id: Buffer.from(`06:Commit${repo.id}:${commit.sha}`).toString('base64'),
          url: `${api}/git/commits/${commit.sha}`,
          html_url: `${baseUrl}/${repo.fullName}/git/commit/${commit.sha}`,
          author: commit.author,
          committer: commit.committer,
          message: commit.message,
          tree: { sha: commit.tree, url: `${api}/git/trees/${commit.tree}` },
          parents: commit.parents.map((sha) => ({
            sha,
            url: `${api}/git/commits/${sha}`,
            html_url: `${baseUrl}/${repo.fullName}/commit/${sha}`,
          })),
          verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
        },
      },
    };
  }

  // raw.githubusercontent.com/{owner}/{repo}/{ref}/{path}, where `download_url` points: the bytes
  // as text/plain; a private file needs a token header, as the real host accepts.
  function getRaw(request: StandInRequest): StandInResponse {
    const notFound: StandInResponse = { status: 404, body: '404: Not Found' };
    const repo = findReadable(request);
    if (repo === null) return notFound;
    const parts = (request.params.rest ?? '').split('/');
    for (let i = parts.length - 1; i >= 1; i -= 1) {
      const commit = resolveRef(repo, parts.slice(0, i).join('/'));
      const blob = commit?.files.get(parts.slice(i).join('/'));
      if (blob !== undefined)
        return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: blob.bytes };
    }
    return notFound;
  }

  return [
    { method: 'GET', path: '/repos/:owner/:repo/contents/*path', host: 'api', handle: getContent },
    { method: 'PUT', path: '/repos/:owner/:repo/contents/*path', host: 'api', handle: putContent },
    { method: 'GET', path: '/raw/:owner/:repo/*rest', host: 'raw', handle: getRaw },
  ];
}

function fileEntry(path: string, sha: string, size: number): GitTreeEntry {
  return { name: path.split('/').at(-1) ?? path, path, type: 'blob', sha, size };
}

function trimSlashes(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}
