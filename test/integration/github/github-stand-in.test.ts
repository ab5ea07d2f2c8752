import { randomBytes, randomUUID } from 'node:crypto';
import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GitHubStandIn, startGitHubStandIn } from '../../support/github-stand-in.js';

// Known git object ids (`git hash-object`, `git write-tree`), so the stand-in is checked against
// git itself rather than against its own hashing.
const emptyBlobSha = 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391';
const helloWorldBlobSha = '3b18e512dba79e4c8300dd08aeb37f8e728b8dad'; // "hello world\n"

const timeout = () => AbortSignal.timeout(10_000);
const silent = { debug: () => {}, info: () => {}, warn: console.warn, error: () => {} };

function octokitFor(gh: GitHubStandIn, token?: string): Octokit {
  return new Octokit({ baseUrl: gh.url, log: silent, ...(token === undefined ? {} : { auth: token }) });
}

interface OctokitFailure {
  status: number;
  response: { data: { message?: string; documentation_url?: string }; headers: Record<string, unknown> };
}

/** The error an Octokit call rejects with; fails the test when it resolves. */
async function failure(promise: Promise<unknown>): Promise<OctokitFailure> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, 'the request should have failed').toMatchObject({ status: expect.any(Number) });
  return err as OctokitFailure;
}

function base64(text: string | Uint8Array): string {
  return Buffer.from(text).toString('base64');
}

/** A user with a repository of their own and a `repo`-scoped token, unique per call. */
function makeOwner(gh: GitHubStandIn, repo: { private?: boolean } = {}) {
  const login = `user-${randomUUID().slice(0, 8)}`;
  gh.addUser({ login, name: `User ${login}` });
  const name = `repo-${randomUUID().slice(0, 8)}`;
  gh.createRepo({ owner: login, name, ...repo });
  return { login, name, fullName: `${login}/${name}`, token: gh.issueToken(login, ['repo']) };
}

describe('GitHub stand-in: OAuth web flow', () => {
  let gh: GitHubStandIn;
  let clock = Date.now();
  const app = { clientId: 'Iv1.figurl-test', clientSecret: 'secret-1', callbackUrl: 'http://127.0.0.1/github/auth' };
  beforeAll(async () => {
    gh = await startGitHubStandIn({ now: () => clock });
    gh.addOAuthApp(app);
  });
  afterAll(() => gh.close());

  const authorize = (params: Record<string, string>) =>
    fetch(`${gh.url}/login/oauth/authorize?${new URLSearchParams(params)}`, { redirect: 'manual', signal: timeout() });

  async function codeFor(login: string, scope = 'repo', redirectUri = 'http://127.0.0.1:5173/github/auth') {
    gh.setBrowserUser(login);
    const response = await authorize({ client_id: app.clientId, redirect_uri: redirectUri, scope, state: 'xyz' });
    expect(response.status).toBe(302);
    return new URL(response.headers.get('location') ?? '').searchParams.get('code') ?? '';
  }

  const exchange = (fields: Record<string, string>, accept = 'application/json') =>
    fetch(`${gh.url}/login/oauth/access_token`, {
      method: 'POST',
      headers: { accept, 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: app.clientId, client_secret: app.clientSecret, ...fields }),
      signal: timeout(),
    });

  it('redirects the approving browser user back with a code that buys a token for GET /user, once', async () => {
    const user = gh.addUser({ login: `alice-${randomUUID().slice(0, 6)}`, name: 'Alice' });
    gh.setBrowserUser(user.login);
    const response = await authorize({
      client_id: app.clientId,
      redirect_uri: 'http://127.0.0.1:5173/github/auth?from=test',
      scope: 'repo',
      state: 'xyz',
    });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    // A loopback callback accepts any port ("Authorizing OAuth apps", Loopback redirect URLs).
    expect(`${location.origin}${location.pathname}`).toBe('http://127.0.0.1:5173/github/auth');
    expect(location.searchParams.get('from')).toBe('test');
    expect(location.searchParams.get('state')).toBe('xyz');
    const code = location.searchParams.get('code') ?? '';
    expect(code).toMatch(/^[0-9a-f]{20}$/);

    const tokenResponse = await exchange({ code, redirect_uri: 'http://127.0.0.1:5173/github/auth?from=test' });
    expect(tokenResponse.headers.get('content-type')).toMatch(/^application\/json/);
    const token = (await tokenResponse.json()) as Record<string, string>;
    expect(token).toEqual({
      access_token: expect.stringMatching(/^gho_[A-Za-z0-9]{36}$/),
      scope: 'repo',
      token_type: 'bearer',
    });

    const me = await octokitFor(gh, token.access_token).rest.users.getAuthenticated();
    expect(me.data).toMatchObject({ login: user.login, id: user.id, name: 'Alice', type: 'User' });
    expect(me.data.node_id).toBe(Buffer.from(`04:User${user.id}`).toString('base64'));
    expect(me.data.html_url).toBe(`${gh.url}/${user.login}`);
    expect(me.headers['x-oauth-scopes']).toBe('repo');

    const again = await exchange({ code });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({
      error: 'bad_verification_code',
      error_description: 'The code passed is incorrect or expired.',
    });
  });

  it('answers form-encoded unless Accept asks for JSON, and refuses a wrong secret or redirect_uri with HTTP 200', async () => {
    const login = `bob-${randomUUID().slice(0, 6)}`;
    gh.addUser({ login });
    const code = await codeFor(login, 'public_repo user');

    const wrongSecret = await exchange({ code, client_secret: 'nope' });
    expect(wrongSecret.status).toBe(200);
    expect(await wrongSecret.json()).toMatchObject({ error: 'incorrect_client_credentials' });

    const otherRedirect = await exchange({ code, redirect_uri: 'http://127.0.0.1:5173/elsewhere' });
    expect(await otherRedirect.json()).toMatchObject({ error: 'redirect_uri_mismatch' });

    // Neither refusal used the code up.
    const form = await fetch(`${gh.url}/login/oauth/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: app.clientId, client_secret: app.clientSecret, code }),
      signal: timeout(),
    });
    expect(form.headers.get('content-type')).toMatch(/^application\/x-www-form-urlencoded/);
    const fields = new URLSearchParams(await form.text());
    expect(fields.get('access_token')).toMatch(/^gho_/);
    expect(fields.get('scope')).toBe('public_repo,user');
    expect(fields.get('token_type')).toBe('bearer');
  });

  it('lets a code expire after 10 minutes', async () => {
    const login = `carol-${randomUUID().slice(0, 6)}`;
    gh.addUser({ login });
    const fresh = await codeFor(login);
    const stale = await codeFor(login);
    clock += 9 * 60 * 1000;
    expect(await (await exchange({ code: fresh })).json()).toMatchObject({ token_type: 'bearer' });
    clock += 60 * 1000 + 1;
    expect(await (await exchange({ code: stale })).json()).toMatchObject({ error: 'bad_verification_code' });
  });

  it('shows a 404 page for an unknown app and sends errors, never a code, to the registered callback', async () => {
    const login = `dave-${randomUUID().slice(0, 6)}`;
    gh.addUser({ login });
    gh.setBrowserUser(login);
    const unknown = await authorize({ client_id: 'Iv1.unknown' });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^text\/html/);

    for (const redirectUri of ['http://127.0.0.1:5173/other', 'http://evil.example/github/auth']) {
      const response = await authorize({ client_id: app.clientId, redirect_uri: redirectUri, state: 's1' });
      const location = new URL(response.headers.get('location') ?? '');
      expect(`${location.origin}${location.pathname}`, redirectUri).toBe(app.callbackUrl);
      expect(Object.fromEntries(location.searchParams)).toMatchObject({ error: 'redirect_uri_mismatch', state: 's1' });
      expect(location.searchParams.has('code')).toBe(false);
    }

    gh.setBrowserUser(login, { approve: false });
    const denied = new URL((await authorize({ client_id: app.clientId, state: 's2' })).headers.get('location') ?? '');
    expect(Object.fromEntries(denied.searchParams)).toMatchObject({ error: 'access_denied', state: 's2' });
    expect(denied.searchParams.has('code')).toBe(false);

    gh.setBrowserUser(null);
    const signedOut = await authorize({ client_id: app.clientId });
    expect(signedOut.status).toBe(200);
    expect(await signedOut.text()).toContain('Sign in to GitHub');
  });

  it('keeps the code exchange off CORS, as github.com does, while the API answers preflights', async () => {
    const preflight = await fetch(`${gh.url}/repos/a/b/contents/c.json`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:5173', 'access-control-request-method': 'PUT' },
      signal: timeout(),
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
    const exchangePreflight = await fetch(`${gh.url}/login/oauth/access_token`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:5173', 'access-control-request-method': 'POST' },
      signal: timeout(),
    });
    expect(exchangePreflight.headers.get('access-control-allow-origin')).toBeNull();
    const exchangeResponse = await exchange({ code: 'whatever' });
    expect(exchangeResponse.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('GitHub stand-in: GET /user', () => {
  let gh: GitHubStandIn;
  beforeAll(async () => {
    gh = await startGitHubStandIn();
  });
  afterAll(() => gh.close());

  it('accepts "token" and "Bearer" and refuses missing, unknown and revoked tokens with 401', async () => {
    gh.addUser({ login: 'erin' });
    const token = gh.issueToken('erin', ['repo', 'user']);
    for (const authorization of [`token ${token}`, `Bearer ${token}`]) {
      const response = await fetch(`${gh.url}/user`, { headers: { authorization }, signal: timeout() });
      expect(response.status, authorization).toBe(200);
      expect(response.headers.get('x-oauth-scopes')).toBe('repo, user');
      expect(await response.json()).toMatchObject({ login: 'erin', type: 'User' });
    }

    const missing = await failure(octokitFor(gh).rest.users.getAuthenticated());
    expect(missing.status).toBe(401);
    expect(missing.response.data.message).toBe('Requires authentication');

    const unknown = await failure(octokitFor(gh, 'ghp_notissued').rest.users.getAuthenticated());
    expect(unknown.status).toBe(401);
    expect(unknown.response.data).toMatchObject({ message: 'Bad credentials', documentation_url: expect.any(String) });

    gh.revokeToken(token);
    expect((await failure(octokitFor(gh, token).rest.users.getAuthenticated())).status).toBe(401);
  });
});

describe('GitHub stand-in: contents API', () => {
  let gh: GitHubStandIn;
  beforeAll(async () => {
    gh = await startGitHubStandIn();
  });
  afterAll(() => gh.close());

  it('creates (201) then updates (200) a file, one commit each, and reads back what was written', async () => {
    const owner = makeOwner(gh);
    const octokit = octokitFor(gh, owner.token);
    const where = { owner: owner.login, repo: owner.name, path: 'curations/unit 7.json' };
    const before = gh.commits(owner.fullName, 'main').length;

    const created = await octokit.rest.repos.createOrUpdateFileContents({
      ...where,
      message: 'Set curations/unit 7.json',
      content: base64('{"labels":[]}'),
    });
    expect(created.status).toBe(201);
    expect(created.data.content).toMatchObject({ path: where.path, name: 'unit 7.json', type: 'file', size: 13 });
    expect(created.data.content?.download_url).toBe(`${gh.url}/raw/${owner.fullName}/main/curations/unit%207.json`);
    expect(created.data.commit).toMatchObject({
      message: 'Set curations/unit 7.json',
      author: { name: `User ${owner.login}` },
      committer: { name: `User ${owner.login}` },
    });
    const log = gh.commits(owner.fullName, 'main');
    expect(log).toHaveLength(before + 1);
    expect(log.at(-1)?.sha).toBe(created.data.commit.sha);

    const updated = await octokit.rest.repos.createOrUpdateFileContents({
      ...where,
      message: 'Set curations/unit 7.json',
      content: base64('{"labels":["good"]}'),
      sha: created.data.content?.sha ?? '',
    });
    expect(updated.status).toBe(200);
    expect(updated.data.commit.parents?.map((parent) => parent.sha)).toEqual([created.data.commit.sha]);
    expect(gh.commits(owner.fullName, 'main')).toHaveLength(before + 2);
    expect(gh.getFile(owner.fullName, 'main', where.path).toString()).toBe('{"labels":["good"]}');

    const read = await octokit.rest.repos.getContent({ ...where, ref: 'main' });
    expect(read.data).toMatchObject({ type: 'file', encoding: 'base64', sha: updated.data.content?.sha });
    const content = (read.data as { content: string }).content;
    expect(Buffer.from(content, 'base64').toString()).toBe('{"labels":["good"]}');
  });

  it('refuses a stale sha with 409 and a missing sha with 422, committing nothing', async () => {
    const owner = makeOwner(gh);
    const octokit = octokitFor(gh, owner.token);
    const where = { owner: owner.login, repo: owner.name, path: 'curation.json' };
    const first = gh.putFile(owner.fullName, 'main', where.path, 'v1');
    const staleSha = first.files.get(where.path)?.sha ?? '';
    gh.putFile(owner.fullName, 'main', where.path, 'v2');
    const before = gh.commits(owner.fullName, 'main').length;

    const stale = await failure(
      octokit.rest.repos.createOrUpdateFileContents({ ...where, message: 'm', content: base64('v3'), sha: staleSha }),
    );
    expect(stale.status).toBe(409);
    expect(stale.response.data.message).toBe(`curation.json does not match ${staleSha}`);

    const noSha = await failure(
      octokit.rest.repos.createOrUpdateFileContents({ ...where, message: 'm', content: base64('v3') }),
    );
    expect(noSha.status).toBe(422);
    expect(noSha.response.data.message).toBe('Invalid request.\n\n"sha" wasn\'t supplied.');

    expect(gh.commits(owner.fullName, 'main')).toHaveLength(before);
    expect(gh.getFile(owner.fullName, 'main', where.path).toString()).toBe('v2');
  });

  it('round-trips UTF-8 text and arbitrary bytes through base64 wrapped at 60 characters, and serves them raw', async () => {
    const owner = makeOwner(gh);
    const octokit = octokitFor(gh, owner.token);
    const text = 'Ünïcødé curation — 日本語 🧠\n'.repeat(20);
    const binary = Buffer.from([...Array(256).keys()]);
    for (const [path, bytes] of [
      ['données/é.txt', Buffer.from(text, 'utf8')],
      ['bin/all-bytes.dat', binary],
    ] as const) {
      await octokit.rest.repos.createOrUpdateFileContents({
        owner: owner.login,
        repo: owner.name,
        path,
        message: `Set ${path}`,
        content: base64(bytes),
      });
      expect(gh.getFile(owner.fullName, 'main', path)).toEqual(bytes);

      const read = await octokit.rest.repos.getContent({ owner: owner.login, repo: owner.name, path });
      const { content, size } = read.data as { content: string; size: number };
      expect(size).toBe(bytes.length);
      const lines = content.split('\n');
      expect(lines.at(-1)).toBe(''); // a final newline, as GitHub sends
      expect(lines.slice(0, -2).every((line) => line.length === 60)).toBe(true);
      expect(Buffer.from(content, 'base64')).toEqual(bytes);

      const raw = await fetch(`${gh.url}/repos/${owner.fullName}/contents/${encodeURIComponent(path)}`, {
        headers: { accept: 'application/vnd.github.raw+json', authorization: `token ${owner.token}` },
        signal: timeout(),
      });
      expect(raw.headers.get('content-type')).toMatch(/^application\/vnd\.github\.raw/);
      expect(Buffer.from(await raw.arrayBuffer())).toEqual(bytes);

      const download = await fetch((read.data as { download_url: string }).download_url, { signal: timeout() });
      expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);
    }
    const asText = await octokit.rest.repos.getContent({
      owner: owner.login,
      repo: owner.name,
      path: 'données/é.txt',
      mediaType: { format: 'raw' },
    });
    expect(asText.data).toBe(text);
  });

  it('computes blob and tree shas as git does, and lists directories in git order', async () => {
    const owner = makeOwner(gh);
    const octokit = octokitFor(gh, owner.token);
    gh.putFile(owner.fullName, 'main', 'empty.txt', '');
    const hello = await octokit.rest.repos.createOrUpdateFileContents({
      owner: owner.login,
      repo: owner.name,
      path: 'notes/hello.txt',
      message: 'hello',
      content: base64('hello world\n'),
    });
    expect(hello.data.content?.sha).toBe(helloWorldBlobSha);
    // `git write-tree` of empty.txt + notes/hello.txt.
    expect(hello.data.commit.tree?.sha).toBe('9b217fa905dab973301a606ceb093a4690c8aa36');
    const empty = await octokit.rest.repos.getContent({ owner: owner.login, repo: owner.name, path: 'empty.txt' });
    expect(empty.data).toMatchObject({ sha: emptyBlobSha, size: 0, content: '' });

    const other = makeOwner(gh);
    for (const [path, bytes] of [
      ['a0', 'w'],
      ['a/b', 'y'],
      ['a.txt', 'x'],
      ['a-b', 'z'],
    ] as const) {
      gh.putFile(other.fullName, 'main', path, bytes);
    }
    const root = await octokitFor(gh, other.token).rest.repos.getContent({
      owner: other.login,
      repo: other.name,
      path: '',
    });
    const entries = root.data as Array<{
      name: string;
      type: string;
      sha: string;
      size: number;
      download_url: string | null;
    }>;
    // A tree sorts as if its name ended in "/": a-b, a.txt, a/, a0 (`git ls-tree`).
    expect(entries.map((entry) => [entry.name, entry.type])).toEqual([
      ['a-b', 'file'],
      ['a.txt', 'file'],
      ['a', 'dir'],
      ['a0', 'file'],
    ]);
    expect(entries[2]).toMatchObject({ sha: '6fffc21933057df5c7253be660f19481391c11eb', size: 0, download_url: null });
    expect(entries[1]?.sha).toBe('c1b0730e0133447badcfd47fd144e254807b06e1');
  });

  it('returns content "" and encoding "none" above 1 MB, with the bytes still available raw', async () => {
    const owner = makeOwner(gh);
    const big = randomBytes(1024 * 1024 + 1);
    gh.putFile(owner.fullName, 'main', 'big.bin', big);
    const octokit = octokitFor(gh, owner.token);
    const read = await octokit.rest.repos.getContent({ owner: owner.login, repo: owner.name, path: 'big.bin' });
    expect(read.data).toMatchObject({ encoding: 'none', content: '', size: big.length });
    const raw = await fetch(`${gh.url}/repos/${owner.fullName}/contents/big.bin`, {
      headers: { accept: 'application/vnd.github.raw', authorization: `token ${owner.token}` },
      signal: timeout(),
    });
    // Buffer#equals: a deep toEqual over a million bytes takes seconds.
    expect(Buffer.from(await raw.arrayBuffer()).equals(big)).toBe(true);
  });

  it('answers 404 for a missing path, an unknown ref and an unknown branch, and writes only the named branch', async () => {
    const owner = makeOwner(gh);
    const octokit = octokitFor(gh, owner.token);
    const where = { owner: owner.login, repo: owner.name };
    const missing = await failure(octokit.rest.repos.getContent({ ...where, path: 'nope.json' }));
    expect(missing.status).toBe(404);
    expect(missing.response.data.message).toBe('Not Found');
    const badRef = await failure(octokit.rest.repos.getContent({ ...where, path: 'x', ref: 'nope' }));
    expect(badRef.response.data.message).toBe('No commit found for the ref nope');
    const badBranch = await failure(
      octokit.rest.repos.createOrUpdateFileContents({ ...where, path: 'x', message: 'm', content: '', branch: 'nope' }),
    );
    expect(badBranch.status).toBe(404);
    expect(badBranch.response.data.message).toBe('Branch nope not found');

    gh.createBranch(owner.fullName, 'curation');
    const mainBefore = gh.commits(owner.fullName, 'main').length;
    await octokit.rest.repos.createOrUpdateFileContents({
      ...where,
      path: 'c.json',
      message: 'm',
      content: base64('{}'),
      branch: 'curation',
    });
    expect(gh.findFile(owner.fullName, 'curation', 'c.json')?.toString()).toBe('{}');
    expect(gh.findFile(owner.fullName, 'main', 'c.json')).toBeNull();
    expect(gh.commits(owner.fullName, 'main')).toHaveLength(mainBefore);
    const onBranch = await octokit.rest.repos.getContent({ ...where, path: 'c.json', ref: 'curation' });
    expect((onBranch.data as { url: string }).url).toBe(
      `${gh.url}/repos/${owner.fullName}/contents/c.json?ref=curation`,
    );
  });

  it('writes only with push rights and the repo or public_repo scope, answering 404 otherwise', async () => {
    const owner = makeOwner(gh);
    gh.addUser({ login: `${owner.login}-friend` });
    gh.addUser({ login: `${owner.login}-stranger` });
    const put = (token: string, path: string) =>
      octokitFor(gh, token).rest.repos.createOrUpdateFileContents({
        owner: owner.login,
        repo: owner.name,
        path,
        message: `Set ${path}`,
        content: base64('{}'),
      });
    const before = gh.commits(owner.fullName, 'main').length;
    const noScope = gh.issueToken(owner.login, []);
    expect((await failure(put(noScope, 'a.json'))).status).toBe(404);
    expect((await failure(put(gh.issueToken(`${owner.login}-stranger`, ['repo']), 'b.json'))).status).toBe(404);
    expect(gh.commits(owner.fullName, 'main')).toHaveLength(before);
    // Reading a public repository needs no scope at all.
    gh.putFile(owner.fullName, 'main', 'public.json', '{}');
    const read = await octokitFor(gh, noScope).rest.repos.getContent({
      owner: owner.login,
      repo: owner.name,
      path: 'public.json',
    });
    expect(read.status).toBe(200);

    expect((await put(gh.issueToken(owner.login, ['public_repo']), 'c.json')).status).toBe(201);
    const friendRepo = gh.createRepo({
      owner: owner.login,
      name: `${owner.name}-shared`,
      collaborators: [`${owner.login}-friend`],
    });
    const friendPut = await octokitFor(
      gh,
      gh.issueToken(`${owner.login}-friend`, ['repo']),
    ).rest.repos.createOrUpdateFileContents({
      owner: owner.login,
      repo: friendRepo.name,
      path: 'd.json',
      message: 'friend',
      content: base64('{}'),
    });
    expect(friendPut.status).toBe(201);
    expect(friendPut.data.commit.author?.name).toBe(`${owner.login}-friend`);
  });
});

describe('GitHub stand-in: private repositories', () => {
  let gh: GitHubStandIn;
  beforeAll(async () => {
    gh = await startGitHubStandIn();
  });
  afterAll(() => gh.close());

  it('hides a private repository (404) from callers without a repo-scoped token and a role', async () => {
    const owner = makeOwner(gh, { private: true });
    gh.putFile(owner.fullName, 'main', 'secret.json', '{"s":1}');
    const reader = `${owner.login}-reader`;
    gh.addUser({ login: reader });
    const readerRepo = gh.createRepo({
      owner: owner.login,
      name: `${owner.name}-2`,
      private: true,
      collaborators: [{ login: reader, permission: 'pull' }],
    });
    const stranger = `${owner.login}-stranger`;
    gh.addUser({ login: stranger });
    const where = { owner: owner.login, repo: owner.name };

    for (const token of [undefined, gh.issueToken(owner.login, ['public_repo']), gh.issueToken(stranger, ['repo'])]) {
      const octokit = octokitFor(gh, token);
      const repo = await failure(octokit.rest.repos.get(where));
      expect(repo.status, token).toBe(404);
      expect(repo.response.data.message).toBe('Not Found');
      expect((await failure(octokit.rest.repos.getContent({ ...where, path: 'secret.json' }))).status).toBe(404);
    }
    const raw = await fetch(`${gh.url}/raw/${owner.fullName}/main/secret.json`, { signal: timeout() });
    expect(raw.status).toBe(404);

    const ownerView = await octokitFor(gh, owner.token).rest.repos.get(where);
    expect(ownerView.data).toMatchObject({
      private: true,
      visibility: 'private',
      full_name: owner.fullName,
      default_branch: 'main',
      owner: { login: owner.login },
      permissions: { admin: true, push: true, pull: true },
    });
    const secret = await octokitFor(gh, owner.token).rest.repos.getContent({ ...where, path: 'secret.json' });
    expect(Buffer.from((secret.data as { content: string }).content, 'base64').toString()).toBe('{"s":1}');

    const readerOctokit = octokitFor(gh, gh.issueToken(reader, ['repo']));
    const readerView = await readerOctokit.rest.repos.get({ owner: owner.login, repo: readerRepo.name });
    expect(readerView.data.permissions).toEqual({
      admin: false,
      maintain: false,
      push: false,
      triage: false,
      pull: true,
    });
    const readerWrite = await failure(
      readerOctokit.rest.repos.createOrUpdateFileContents({
        owner: owner.login,
        repo: readerRepo.name,
        path: 'x.json',
        message: 'm',
        content: base64('{}'),
      }),
    );
    expect(readerWrite.status).toBe(404);
  });
});

describe('GitHub stand-in: rate limit', () => {
  let gh: GitHubStandIn;
  let clock = Date.now();
  beforeAll(async () => {
    gh = await startGitHubStandIn({ now: () => clock, rateLimit: { unauthenticated: 3 } });
  });
  afterAll(() => gh.close());

  it('counts unauthenticated requests per IP, answers 403 past the limit, and resets after the window', async () => {
    const owner = makeOwner(gh);
    const anonymous = octokitFor(gh);
    const where = { owner: owner.login, repo: owner.name };
    const remaining: unknown[] = [];
    for (let i = 0; i < 3; i += 1) {
      const response = await anonymous.rest.repos.get(where);
      expect(response.headers['x-ratelimit-limit']).toBe('3');
      remaining.push(response.headers['x-ratelimit-remaining']);
    }
    expect(remaining).toEqual(['2', '1', '0']);

    const limited = await failure(anonymous.rest.repos.get(where));
    expect(limited.status).toBe(403);
    expect(limited.response.data.message).toMatch(/^API rate limit exceeded for 127\.0\.0\.1\. /);
    expect(limited.response.headers['x-ratelimit-remaining']).toBe('0');
    const reset = Number(limited.response.headers['x-ratelimit-reset']);
    expect(reset * 1000).toBeGreaterThan(clock);

    // An authenticated caller has its own, larger budget.
    const authed = await octokitFor(gh, owner.token).rest.repos.get(where);
    expect(authed.headers['x-ratelimit-limit']).toBe('5000');
    expect(authed.headers['x-ratelimit-remaining']).toBe('4999');

    clock = reset * 1000 + 1;
    const afterReset = await anonymous.rest.repos.get(where);
    expect(afterReset.headers['x-ratelimit-remaining']).toBe('2');
  });
});

describe('GitHub stand-in: injected faults and the request log', () => {
  let gh: GitHubStandIn;
  beforeAll(async () => {
    gh = await startGitHubStandIn();
  });
  afterAll(() => gh.close());

  it('fails the next matching request once, before or after carrying it out', async () => {
    const owner = makeOwner(gh);
    const octokit = octokitFor(gh, owner.token);
    const write = (path: string, sha?: string) =>
      octokit.rest.repos.createOrUpdateFileContents({
        owner: owner.login,
        repo: owner.name,
        path,
        message: `Set ${path}`,
        content: base64('{}'),
        ...(sha === undefined ? {} : { sha }),
      });
    const before = gh.commits(owner.fullName, 'main').length;

    gh.injectFault({ method: 'PUT', status: 500 });
    expect((await failure(write('a.json'))).status).toBe(500);
    expect(gh.commits(owner.fullName, 'main')).toHaveLength(before);

    // The write lands but its answer is lost: a blind retry then needs the sha.
    gh.injectFault({ method: 'PUT', path: /\/b\.json$/, status: 502, afterHandling: true });
    expect((await failure(write('b.json'))).status).toBe(502);
    expect(gh.commits(owner.fullName, 'main')).toHaveLength(before + 1);
    expect((await failure(write('b.json'))).status).toBe(422);

    gh.injectFault({ method: 'GET', delayMs: 300 });
    const started = Date.now();
    await octokit.rest.repos.get({ owner: owner.login, repo: owner.name });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);

    const puts = gh.requests.filter((request) => request.method === 'PUT');
    expect(puts.map((request) => request.status)).toEqual([500, 502, 422]);
    expect(puts[1]).toMatchObject({ path: `/repos/${owner.fullName}/contents/b.json`, login: owner.login });
    expect(JSON.parse(puts[1]?.body ?? '{}')).toMatchObject({ message: 'Set b.json' });
  });
});
