import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleGitHubRead, handleGitHubWrite } from '../../../app/lib/github-handlers';
import { gitHubWriteLifetimeMs } from '../../../app/lib/github-write-cache';
import { sealSession, sessionCookieName } from '../../../app/lib/session-cookie';
import type { ShellDeps } from '../../../app/lib/shell-deps';
import { type GitHubStandIn, startGitHubStandIn } from '../../support/github-stand-in.js';
import { cookieHeader, createShellDeps, shellJsonRequest, shellUrl } from './shell-harness';

let gh: GitHubStandIn;
let repoCount = 0;

beforeAll(async () => {
  gh = await startGitHubStandIn();
  gh.addUser({ login: 'alice' });
  gh.addUser({ login: 'bob' });
});
afterAll(() => gh.close());

/** A repository of alice's of its own for each test, so tests share nothing. */
function newRepo(options: { private?: boolean; collaborators?: string[] } = {}): string {
  repoCount += 1;
  return gh.createRepo({ owner: 'alice', name: `curations-${repoCount}`, ...options }).fullName;
}

async function sessionCookie(deps: ShellDeps, login: string, scopes: string[] = ['repo']): Promise<string> {
  const token = gh.issueToken(login, scopes);
  return cookieHeader({ [sessionCookieName]: await sealSession({ login, token }, deps.config) });
}

function read(deps: ShellDeps, uri: string, cookie?: string): Promise<Response> {
  const headers: Record<string, string> = cookie === undefined ? {} : { cookie };
  return handleGitHubRead(
    new Request(`${shellUrl}/api/github/contents?uri=${encodeURIComponent(uri)}`, { headers }),
    deps,
  );
}

function write(deps: ShellDeps, body: unknown, cookie?: string): Promise<Response> {
  return handleGitHubWrite(
    shellJsonRequest('/api/github/contents', { method: 'PUT', body, ...(cookie === undefined ? {} : { cookie }) }),
    deps,
  );
}

function blobSha(fullName: string, branch: string, path: string): string | undefined {
  return gh.commits(fullName, branch).at(-1)?.files.get(path)?.sha;
}

/** GitHub's contents API right after a commit: it answers from the commit before (`ref` pinned there). */
function laggingFetch(staleCommit: () => string | null): typeof fetch {
  return (input, init) => {
    const url = new URL(String(input));
    const stale = staleCommit();
    if (stale !== null && (init?.method ?? 'GET') === 'GET' && url.pathname.includes('/contents/')) {
      url.searchParams.set('ref', stale);
    }
    return fetch(url, init);
  };
}

describe('GET /api/github/contents', () => {
  it('reads a public file without sign-in, with its blob sha', async () => {
    const repo = newRepo();
    gh.putFile(repo, 'main', 'sortings/s1/curation.json', '{"labelsByUnit":{"1":["noise"]}}');
    const response = await read(createShellDeps(gh), `gh://${repo}/main/sortings/s1/curation.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-github-sha')).toBe(blobSha(repo, 'main', 'sortings/s1/curation.json'));
    expect(await response.text()).toBe('{"labelsByUnit":{"1":["noise"]}}');
    expect(gh.requests.at(-1)?.headers.authorization).toBeUndefined();
  });

  it('reads a private file with the session token only', async () => {
    const repo = newRepo({ private: true, collaborators: ['bob'] });
    gh.putFile(repo, 'main', 'notes.md', '# private notes');
    const deps = createShellDeps(gh);
    const uri = `gh://${repo}/main/notes.md`;

    const anonymous = await read(deps, uri);
    expect(anonymous.status).toBe(404);
    const body = await anonymous.json();
    expect(body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', error: 'Not Found' });
    expect(body.message).toContain(JSON.stringify(uri));
    expect(body.message).toMatch(/sign in/);

    const asBob = await read(deps, uri, await sessionCookie(deps, 'bob'));
    expect(asBob.status).toBe(200);
    expect(await asBob.text()).toBe('# private notes');
  });

  it('answers NOT_FOUND naming the URI for a missing file or branch, INVALID_URI for a bad URI', async () => {
    const repo = newRepo();
    const deps = createShellDeps(gh);
    for (const uri of [
      `gh://${repo}/main/missing.json`,
      `gh://${repo}/no-such-branch/a.json`,
      'gh://alice/nope/main/a.json',
    ]) {
      const response = await read(deps, uri);
      expect(response.status).toBe(404);
      expect((await response.json()).message).toContain(JSON.stringify(uri));
    }
    const bad = await read(deps, 'gh://alice/only-three-parts');
    expect(bad.status).toBe(400);
    expect((await bad.json()).code).toBe('INVALID_URI');
  });

  it('refuses a directory', async () => {
    const repo = newRepo();
    gh.putFile(repo, 'main', 'dir/a.json', '{}');
    const response = await read(createShellDeps(gh), `gh://${repo}/main/dir`);
    expect(response.status).toBe(400);
    expect((await response.json()).message).toMatch(/is a directory on GitHub: expected a file/);
  });

  it('reads a file over 1 MB through the raw media type', async () => {
    const repo = newRepo();
    const bytes = randomBytes(1024 * 1024 + 4096);
    gh.putFile(repo, 'main', 'traces.bin', bytes);
    const response = await read(createShellDeps(gh), `gh://${repo}/main/traces.bin`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(bytes.length));
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    expect(response.headers.get('x-github-sha')).toBe(blobSha(repo, 'main', 'traces.bin'));
    expect(gh.requests.at(-1)?.headers.accept).toBe('application/vnd.github.raw+json');
  });

  it('says RATE_LIMITED, and that signing in helps, when the anonymous limit is used up', async () => {
    const limited = await startGitHubStandIn({ rateLimit: { unauthenticated: 1 } });
    try {
      limited.createRepo({ owner: 'carol', name: 'data' });
      limited.putFile('carol/data', 'main', 'a.json', '{}');
      const deps = createShellDeps(limited);
      expect((await read(deps, 'gh://carol/data/main/a.json')).status).toBe(200);
      const response = await read(deps, 'gh://carol/data/main/a.json');
      expect(response.status).toBe(429);
      const body = await response.json();
      expect(body.code).toBe('RATE_LIMITED');
      expect(body.message).toMatch(/sign in with GitHub for a higher limit/);
      expect(body.message).toContain('"gh://carol/data/main/a.json"');
    } finally {
      await limited.close();
    }
  });

  it('says UNAVAILABLE when GitHub fails', async () => {
    const repo = newRepo();
    gh.putFile(repo, 'main', 'a.json', '{}');
    gh.injectFault({ method: 'GET', path: `/repos/${repo}/contents/a.json`, status: 502 });
    const response = await read(createShellDeps(gh), `gh://${repo}/main/a.json`);
    expect(response.status).toBe(503);
    expect((await response.json()).code).toBe('UNAVAILABLE');
  });
});

describe('PUT /api/github/contents', () => {
  it('commits the file once, with "Set <path>", and answers the new sha and commit', async () => {
    const repo = newRepo();
    gh.putFile(repo, 'main', 'curation.json', '{"v":1}');
    const deps = createShellDeps(gh);
    const before = gh.commits(repo, 'main').length;
    const response = await write(
      deps,
      { uri: `gh://${repo}/main/curation.json`, content: '{"v":2}' },
      await sessionCookie(deps, 'alice'),
    );
    expect(response.status).toBe(200);
    const commits = gh.commits(repo, 'main');
    expect(commits).toHaveLength(before + 1);
    expect(commits.at(-1)?.message).toBe('Set curation.json');
    expect(await response.json()).toEqual({
      success: true,
      sha: blobSha(repo, 'main', 'curation.json'),
      commit: commits.at(-1)?.sha,
    });
    expect(gh.getFile(repo, 'main', 'curation.json').toString()).toBe('{"v":2}');
  });

  it('creates a new file on a branch, with the caller’s message', async () => {
    const repo = newRepo();
    gh.createBranch(repo, 'curation');
    const deps = createShellDeps(gh);
    const response = await write(
      deps,
      { uri: `gh://${repo}/curation/sortings/s2/curation.json`, content: '{}', message: 'Curate s2' },
      await sessionCookie(deps, 'alice'),
    );
    expect(response.status).toBe(200);
    expect(gh.getFile(repo, 'curation', 'sortings/s2/curation.json').toString()).toBe('{}');
    expect(gh.commits(repo, 'curation').at(-1)?.message).toBe('Curate s2');
    expect(gh.findFile(repo, 'main', 'sortings/s2/curation.json')).toBeNull();
  });

  it('stores UTF-8 text exactly and reads it back the same', async () => {
    const repo = newRepo();
    const deps = createShellDeps(gh);
    const cookie = await sessionCookie(deps, 'alice');
    const content = '{"note":"Grüße — 日本語 🧪 µV","quote":"\\u0000 stays escaped"}';
    const uri = `gh://${repo}/main/notes/ünïcode.json`;
    expect((await write(deps, { uri, content }, cookie)).status).toBe(200);
    expect(gh.getFile(repo, 'main', 'notes/ünïcode.json').equals(Buffer.from(content, 'utf8'))).toBe(true);
    const back = await read(createShellDeps(gh), uri);
    expect(await back.text()).toBe(content);
  });

  it('is a CONFLICT when someone else commits between our read and write, and overwrites nothing', async () => {
    const repo = newRepo();
    gh.putFile(repo, 'main', 'curation.json', '{"v":1}');
    const base = createShellDeps(gh);
    let raced = false;
    const racingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!raced && (init?.method ?? 'GET') === 'GET' && String(input).includes('/contents/')) {
        raced = true;
        gh.putFile(repo, 'main', 'curation.json', '{"v":"theirs"}', { message: 'Their edit' });
      }
      return response;
    };
    const deps = { ...base, fetch: racingFetch };
    const response = await write(
      deps,
      { uri: `gh://${repo}/main/curation.json`, content: '{"v":"ours"}' },
      await sessionCookie(deps, 'alice'),
    );
    expect(response.status).toBe(409);
    const body = await response.json();
    expect(body).toMatchObject({ statusCode: 409, code: 'CONFLICT', error: 'Conflict' });
    expect(body.message).toMatch(/changed on GitHub.*nothing was overwritten/);
    expect(gh.getFile(repo, 'main', 'curation.json').toString()).toBe('{"v":"theirs"}');
    expect(gh.commits(repo, 'main').at(-1)?.message).toBe('Their edit');
    // One PUT, not retried.
    expect(gh.requests.filter((r) => r.method === 'PUT' && r.path.startsWith(`/repos/${repo}/`))).toHaveLength(1);
  });

  it('needs a sign-in, and a token that may write; neither failure commits', async () => {
    const repo = newRepo();
    const deps = createShellDeps(gh);
    const uri = `gh://${repo}/main/a.json`;
    const before = gh.commits(repo, 'main').length;

    const anonymous = await write(deps, { uri, content: '{}' });
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).message).toContain(JSON.stringify(uri));

    const readOnly = await write(deps, { uri, content: '{}' }, await sessionCookie(deps, 'bob', []));
    expect(readOnly.status).toBe(404);
    expect((await readOnly.json()).message).toMatch(/allow writing to repositories/);

    const crossSite = await handleGitHubWrite(
      shellJsonRequest('/api/github/contents', {
        method: 'PUT',
        body: { uri, content: '{}' },
        cookie: await sessionCookie(deps, 'alice'),
        origin: 'https://evil.example',
      }),
      deps,
    );
    expect(crossSite.status).toBe(403);
    expect(gh.commits(repo, 'main')).toHaveLength(before);
  });
});

describe('the write cache (GitHub answering with the previous version after a commit)', () => {
  it('answers the written content while GitHub still serves the old sha, for ten minutes', async () => {
    const repo = newRepo();
    const oldCommit = gh.putFile(repo, 'main', 'curation.json', '{"v":1}').sha;
    const uri = `gh://${repo}/main/curation.json`;
    let lagging = false;
    let now = Date.now();
    const deps = { ...createShellDeps(gh), fetch: laggingFetch(() => (lagging ? oldCommit : null)), now: () => now };
    const cookie = await sessionCookie(deps, 'alice');

    const saved = await (await write(deps, { uri, content: '{"v":2}' }, cookie)).json();
    lagging = true;

    // Anyone who can read the file sees the new version, with its sha.
    const afterWrite = await read(deps, uri);
    expect(await afterWrite.text()).toBe('{"v":2}');
    expect(afterWrite.headers.get('x-github-sha')).toBe(saved.sha);

    // A second save on top does not conflict with our own first one.
    const again = await write(deps, { uri, content: '{"v":3}' }, cookie);
    expect(again.status).toBe(200);
    expect(gh.getFile(repo, 'main', 'curation.json').toString()).toBe('{"v":3}');
    expect(await (await read(deps, uri)).text()).toBe('{"v":3}');

    // The cache holds ten minutes; after that GitHub's answer stands.
    now += gitHubWriteLifetimeMs + 1000;
    expect(await (await read(deps, uri)).text()).toBe('{"v":1}');
  });

  it('shows a just-created file to its writer only', async () => {
    const repo = newRepo({ private: false });
    const beforeCreate = gh.commits(repo, 'main').at(-1)?.sha ?? null;
    const uri = `gh://${repo}/main/new.json`;
    let lagging = false;
    const deps = { ...createShellDeps(gh), fetch: laggingFetch(() => (lagging ? beforeCreate : null)) };
    const alice = await sessionCookie(deps, 'alice');
    expect((await write(deps, { uri, content: '{"new":true}' }, alice)).status).toBe(200);
    lagging = true;
    expect(await (await read(deps, uri, alice)).text()).toBe('{"new":true}');
    expect((await read(deps, uri)).status).toBe(404);
    expect((await read(deps, uri, await sessionCookie(deps, 'bob'))).status).toBe(404);
  });

  it('steps aside when GitHub shows a version someone else wrote since', async () => {
    const repo = newRepo();
    gh.putFile(repo, 'main', 'curation.json', '{"v":1}');
    const uri = `gh://${repo}/main/curation.json`;
    const deps = createShellDeps(gh);
    await write(deps, { uri, content: '{"v":"ours"}' }, await sessionCookie(deps, 'alice'));
    gh.putFile(repo, 'main', 'curation.json', '{"v":"theirs"}');
    expect(await (await read(deps, uri)).text()).toBe('{"v":"theirs"}');
  });
});
