import { gateRepo } from './gate-repo.js';
import { type GitBlob, type GitSignature, toBlob } from './git-objects.js';
import { parseJsonObject, toErrorResponse } from './responses.js';
import type { Route, RouteContext, StandInRequest, StandInResponse } from './route-table.js';
import { type StandInCommit, type StandInRepo, toGitHubDate } from './state.js';

const docs = {
  getRef: 'https://docs.github.com/rest/git/refs#get-a-reference',
  matchingRefs: 'https://docs.github.com/rest/git/refs#list-matching-references',
  createRef: 'https://docs.github.com/rest/git/refs#create-a-reference',
  updateRef: 'https://docs.github.com/rest/git/refs#update-a-reference',
  createBlob: 'https://docs.github.com/rest/git/blobs#create-a-blob',
  getBlob: 'https://docs.github.com/rest/git/blobs#get-a-blob',
  createTree: 'https://docs.github.com/rest/git/trees#create-a-tree',
  getTree: 'https://docs.github.com/rest/git/trees#get-a-tree',
  createCommit: 'https://docs.github.com/rest/git/commits#create-a-commit',
  getCommit: 'https://docs.github.com/rest/git/commits#get-a-commit-object',
} as const;

/**
 * The Git data API over the same history as the contents API: refs (branches only), blobs,
 * trees, commits; `PATCH /git/refs/heads/{b}` refuses a non-fast-forward without `force` and any
 * update of a protected branch that requires pull requests.
 */
export function gitDataRoutes({ state, baseUrl, records, git }: RouteContext): Route[] {
  const api = (repo: StandInRepo) => `${baseUrl}/repos/${repo.fullName}`;
  const read = (request: StandInRequest, docsUrl: string) =>
    gateRepo(state, request, { permission: 'contents', access: 'read', user: 'read', docsUrl });
  const write = (request: StandInRequest, docsUrl: string) =>
    gateRepo(state, request, { permission: 'contents', access: 'write', user: 'write', docsUrl });

  function toRef(repo: StandInRepo, branch: string, sha: string) {
    const ref = `refs/heads/${branch}`;
    return {
      ref,
      node_id: Buffer.from(`03:Ref${repo.id}:${ref}`).toString('base64'),
      url: `${api(repo)}/git/${ref}`,
      object: { sha, type: 'commit', url: `${api(repo)}/git/commits/${sha}` },
    };
  }

  function toCommit(repo: StandInRepo, commit: StandInCommit) {
    return {
      sha: commit.sha,
      node_id: Buffer.from(`06:Commit${repo.id}:${commit.sha}`).toString('base64'),
      url: `${api(repo)}/git/commits/${commit.sha}`,
      html_url: `${baseUrl}/${repo.fullName}/commit/${commit.sha}`,
      author: commit.author,
      committer: commit.committer,
      message: commit.message,
      tree: { sha: commit.tree, url: `${api(repo)}/git/trees/${commit.tree}` },
      parents: commit.parents.map((sha) => ({
        sha,
        url: `${api(repo)}/git/commits/${sha}`,
        html_url: `${baseUrl}/${repo.fullName}/commit/${sha}`,
      })),
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    };
  }

  const branchOf = (ref: string) => /^(?:refs\/)?heads\/(.+)$/.exec(ref)?.[1] ?? null;

  function getRef(request: StandInRequest): StandInResponse {
    const gated = read(request, docs.getRef);
    if ('status' in gated) return gated;
    const branch = branchOf(request.params.ref ?? '');
    const head = branch === null ? null : state.findHead(gated.repo, branch);
    if (branch === null || head === null) return toErrorResponse(404, 'Not Found', docs.getRef);
    return { status: 200, json: toRef(gated.repo, branch, head.sha) };
  }

  function matchingRefs(request: StandInRequest): StandInResponse {
    const gated = read(request, docs.matchingRefs);
    if ('status' in gated) return gated;
    const prefix = `refs/${request.params.ref ?? ''}`;
    const refs = [...gated.repo.branches.keys()]
      .filter((branch) => `refs/heads/${branch}`.startsWith(prefix))
      .sort()
      .flatMap((branch) => {
        const head = state.findHead(gated.repo, branch);
        return head === null ? [] : [toRef(gated.repo, branch, head.sha)];
      });
    return { status: 200, json: refs };
  }

  function createRef(request: StandInRequest): StandInResponse {
    const gated = write(request, docs.createRef);
    if ('status' in gated) return gated;
    const fields = parseJsonObject(request.body);
    if (fields === null) return toErrorResponse(400, 'Problems parsing JSON', docs.createRef);
    if (typeof fields.ref !== 'string' || typeof fields.sha !== 'string') {
      return toErrorResponse(
        422,
        `Invalid request.\n\n"${typeof fields.ref !== 'string' ? 'ref' : 'sha'}" wasn't supplied.`,
        docs.createRef,
      );
    }
    if (!/^refs\/[^/]+\/.+/.test(fields.ref)) {
      return toErrorResponse(
        422,
        "Reference name must start with 'refs/' and have at least two slashes.",
        docs.createRef,
      );
    }
    const branch = branchOf(fields.ref);
    if (branch === null) return toErrorResponse(422, 'Reference update failed', docs.createRef);
    if (gated.repo.branches.has(branch)) return toErrorResponse(422, 'Reference already exists', docs.createRef);
    const commit = git.findCommit(gated.repo, fields.sha);
    if (commit === null) return toErrorResponse(422, 'Object does not exist', docs.createRef);
    git.setBranch(gated.repo, branch, commit.sha);
    return {
      status: 201,
      headers: { location: `${api(gated.repo)}/git/refs/heads/${branch}` },
      json: toRef(gated.repo, branch, commit.sha),
    };
  }

  function updateRef(request: StandInRequest): StandInResponse {
    const gated = write(request, docs.updateRef);
    if ('status' in gated) return gated;
    const fields = parseJsonObject(request.body);
    if (fields === null) return toErrorResponse(400, 'Problems parsing JSON', docs.updateRef);
    if (typeof fields.sha !== 'string')
      return toErrorResponse(422, `Invalid request.\n\n"sha" wasn't supplied.`, docs.updateRef);
    const branch = branchOf(request.params.ref ?? '');
    const head = branch === null ? null : state.findHead(gated.repo, branch);
    if (branch === null || head === null) return toErrorResponse(422, 'Reference does not exist', docs.updateRef);
    const commit = git.findCommit(gated.repo, fields.sha);
    if (commit === null) return toErrorResponse(422, 'Object does not exist', docs.updateRef);
    const protection = records.findProtection(gated.repo, branch);
    const bypass =
      protection?.enforceAdmins === false && gated.access.permission === 'admin' && request.auth?.installation === null;
    if (protection?.requirePullRequest === true && !bypass) {
      // (reported) the API's wording for a direct update of a branch that requires pull requests.
      return toErrorResponse(
        422,
        `Protected branch update failed for refs/heads/${branch}: Changes must be made through a pull request.`,
        docs.updateRef,
      );
    }
    if (fields.force !== true && !git.isAncestor(gated.repo, head.sha, commit.sha)) {
      return toErrorResponse(422, 'Update is not a fast forward', docs.updateRef);
    }
    git.setBranch(gated.repo, branch, commit.sha);
    return { status: 200, json: toRef(gated.repo, branch, commit.sha) };
  }

  function createBlob(request: StandInRequest): StandInResponse {
    const gated = write(request, docs.createBlob);
    if ('status' in gated) return gated;
    const fields = parseJsonObject(request.body);
    if (fields === null) return toErrorResponse(400, 'Problems parsing JSON', docs.createBlob);
    if (typeof fields.content !== 'string')
      return toErrorResponse(422, `Invalid request.\n\n"content" wasn't supplied.`, docs.createBlob);
    const encoding = fields.encoding ?? 'utf-8';
    if (encoding !== 'utf-8' && encoding !== 'base64') {
      return toErrorResponse(
        422,
        `Invalid request.\n\nFor 'properties/encoding', ${JSON.stringify(encoding)} is not a member of enum.`,
        docs.createBlob,
      );
    }
    const blob = toBlob(Buffer.from(fields.content, encoding === 'base64' ? 'base64' : 'utf8'));
    git.storeBlob(gated.repo, blob);
    return {
      status: 201,
      headers: { location: `${api(gated.repo)}/git/blobs/${blob.sha}` },
      json: { sha: blob.sha, url: `${api(gated.repo)}/git/blobs/${blob.sha}` },
    };
  }

  function getBlob(request: StandInRequest): StandInResponse {
    const gated = read(request, docs.getBlob);
    if ('status' in gated) return gated;
    const blob = git.findBlob(gated.repo, (request.params.sha ?? '').toLowerCase());
    if (blob === null) return toErrorResponse(404, 'Not Found', docs.getBlob);
    return {
      status: 200,
      json: {
        sha: blob.sha,
        node_id: Buffer.from(`04:Blob${gated.repo.id}:${blob.sha}`).toString('base64'),
        size: blob.bytes.length,
        url: `${api(gated.repo)}/git/blobs/${blob.sha}`,
        content: blob.bytes.toString('base64').replace(/.{1,60}/g, '$&\n'),
        encoding: 'base64',
      },
    };
  }

  // "Create a tree": entries `{ path, mode, type, sha | content }` on top of `base_tree`; `sha: null`
  // deletes the path. Modes other than 100644/040000 are stored as 100644 (the stand-in's trees
  // know no executables or symlinks).
  function createTree(request: StandInRequest): StandInResponse {
    const gated = write(request, docs.createTree);
    if ('status' in gated) return gated;
    const fields = parseJsonObject(request.body);
    if (fields === null) return toErrorResponse(400, 'Problems parsing JSON', docs.createTree);
    if (!Array.isArray(fields.tree))
      return toErrorResponse(422, `Invalid request.\n\n"tree" wasn't supplied.`, docs.createTree);
    let files = new Map<string, GitBlob>();
    if (typeof fields.base_tree === 'string') {
      const base = git.findTreeFiles(gated.repo, fields.base_tree);
      if (base === null) return toErrorResponse(422, 'Invalid tree info', docs.createTree);
      files = new Map(base);
    }
    for (const raw of fields.tree as unknown[]) {
      const entry = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
      const path = typeof entry.path === 'string' ? entry.path.replace(/^\/+|\/+$/g, '') : '';
      if (path === '' || path.split('/').some((part) => part === '' || part === '.' || part === '..')) {
        return toErrorResponse(422, `tree.path contains a malformed path component`, docs.createTree);
      }
      const prefix = `${path}/`;
      if (entry.sha === null) {
        for (const key of [...files.keys()]) if (key === path || key.startsWith(prefix)) files.delete(key);
        continue;
      }
      if (entry.type === 'tree' || entry.mode === '040000') {
        const sub = typeof entry.sha === 'string' ? git.findTreeFiles(gated.repo, entry.sha) : null;
        if (sub === null) return toErrorResponse(422, 'Invalid tree info', docs.createTree);
        for (const key of [...files.keys()]) if (key.startsWith(prefix)) files.delete(key);
        for (const [sub_path, blob] of sub) files.set(`${path}/${sub_path}`, blob);
        continue;
      }
      let blob: GitBlob | null;
      if (typeof entry.content === 'string') blob = toBlob(Buffer.from(entry.content, 'utf8'));
      else blob = typeof entry.sha === 'string' ? git.findBlob(gated.repo, entry.sha.toLowerCase()) : null;
      if (blob === null) return toErrorResponse(422, 'Invalid tree info', docs.createTree);
      for (const key of [...files.keys()]) if (key.startsWith(prefix)) files.delete(key);
      files.set(path, blob);
    }
    const trees = git.writeTree(gated.repo, files);
    const root = trees.get('');
    return {
      status: 201,
      headers: { location: `${api(gated.repo)}/git/trees/${root?.sha}` },
      json: toTree(gated.repo, root?.sha ?? '', files, false),
    };
  }

  function toTree(repo: StandInRepo, sha: string, files: ReadonlyMap<string, GitBlob>, recursive: boolean) {
    const trees = git.writeTree(repo, files);
    const entries = recursive
      ? [...trees.entries()].flatMap(([, tree]) => tree.entries)
      : (trees.get('')?.entries ?? []);
    return {
      sha,
      url: `${api(repo)}/git/trees/${sha}`,
      tree: [...entries]
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
        .map((entry) => ({
          path: entry.path,
          mode: entry.type === 'tree' ? '040000' : '100644',
          type: entry.type,
          sha: entry.sha,
          ...(entry.type === 'blob' ? { size: entry.size } : {}),
          url: `${api(repo)}/git/${entry.type === 'tree' ? 'trees' : 'blobs'}/${entry.sha}`,
        })),
      truncated: false,
    };
  }

  function getTree(request: StandInRequest): StandInResponse {
    const gated = read(request, docs.getTree);
    if ('status' in gated) return gated;
    const param = request.params.sha ?? '';
    const sha =
      state.findHead(gated.repo, param)?.tree ?? git.findCommit(gated.repo, param)?.tree ?? param.toLowerCase();
    const files = git.findTreeFiles(gated.repo, sha);
    if (files === null) return toErrorResponse(404, 'Not Found', docs.getTree);
    const recursive = (request.query.get('recursive') ?? '') !== '';
    return { status: 200, json: toTree(gated.repo, sha, files, recursive) };
  }

  function createCommit(request: StandInRequest): StandInResponse {
    const gated = write(request, docs.createCommit);
    if ('status' in gated) return gated;
    const fields = parseJsonObject(request.body);
    if (fields === null) return toErrorResponse(400, 'Problems parsing JSON', docs.createCommit);
    for (const key of ['message', 'tree']) {
      if (typeof fields[key] !== 'string')
        return toErrorResponse(422, `Invalid request.\n\n"${key}" wasn't supplied.`, docs.createCommit);
    }
    const parents = Array.isArray(fields.parents) ? fields.parents.map(String) : [];
    if (parents.some((sha) => git.findCommit(gated.repo, sha) === null)) {
      return toErrorResponse(422, 'Parent SHA does not exist or is not a commit object', docs.createCommit);
    }
    const who = request.auth?.user ?? gated.repo.owner;
    const now = toGitHubDate(state.now());
    const person = (value: unknown, fallback: GitSignature): GitSignature => {
      const given = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
      return {
        name: typeof given.name === 'string' ? given.name : fallback.name,
        email: typeof given.email === 'string' ? given.email : fallback.email,
        date: typeof given.date === 'string' ? toGitHubDate(Date.parse(given.date)) : fallback.date,
      };
    };
    const author = person(fields.author, {
      name: who.name ?? who.login,
      email: who.email ?? `${who.id}+${who.login}@users.noreply.github.com`,
      date: now,
    });
    const committer = person(fields.committer, author);
    const commit = git.createCommit(gated.repo, {
      tree: String(fields.tree),
      parents: parents.map((sha) => sha.toLowerCase()),
      message: String(fields.message),
      author,
      committer,
    });
    if (commit === null) return toErrorResponse(422, 'Tree SHA does not exist', docs.createCommit);
    return {
      status: 201,
      headers: { location: `${api(gated.repo)}/git/commits/${commit.sha}` },
      json: toCommit(gated.repo, commit),
    };
  }

  function getCommit(request: StandInRequest): StandInResponse {
    const gated = read(request, docs.getCommit);
    if ('status' in gated) return gated;
    const commit = git.findCommit(gated.repo, request.params.sha ?? '');
    if (commit === null) return toErrorResponse(404, 'Not Found', docs.getCommit);
    return { status: 200, json: toCommit(gated.repo, commit) };
  }

  return [
    { method: 'GET', path: '/repos/:owner/:repo/git/ref/*ref', host: 'api', handle: getRef },
    { method: 'GET', path: '/repos/:owner/:repo/git/matching-refs/*ref', host: 'api', handle: matchingRefs },
    { method: 'POST', path: '/repos/:owner/:repo/git/refs', host: 'api', handle: createRef },
    { method: 'PATCH', path: '/repos/:owner/:repo/git/refs/*ref', host: 'api', handle: updateRef },
    { method: 'POST', path: '/repos/:owner/:repo/git/blobs', host: 'api', handle: createBlob },
    { method: 'GET', path: '/repos/:owner/:repo/git/blobs/:sha', host: 'api', handle: getBlob },
    { method: 'POST', path: '/repos/:owner/:repo/git/trees', host: 'api', handle: createTree },
    { method: 'GET', path: '/repos/:owner/:repo/git/trees/:sha', host: 'api', handle: getTree },
    { method: 'POST', path: '/repos/:owner/:repo/git/commits', host: 'api', handle: createCommit },
    { method: 'GET', path: '/repos/:owner/:repo/git/commits/:sha', host: 'api', handle: getCommit },
  ];
}
