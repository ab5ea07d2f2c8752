import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GitHubStandIn, startGitHubStandIn } from '../../support/github-stand-in.js';
import { failure, makeInstalledApp, makeOwner, octokitFor } from './stand-in-fixtures.js';

const helloWorldBlobSha = '3b18e512dba79e4c8300dd08aeb37f8e728b8dad'; // git hash-object of "hello world\n"

describe('GitHub stand-in: Git data API and branch protection', () => {
  let gh: GitHubStandIn;
  beforeAll(async () => {
    gh = await startGitHubStandIn();
  });
  afterAll(() => gh.close());

  it('commits several files atomically through blobs, trees, commits and a ref update, seen by the contents API', async () => {
    const { owner, octokit, slug } = makeInstalledApp(gh, { contents: 'write' });
    const repo = { owner: owner.login, repo: owner.name };
    gh.putFile(owner.fullName, 'main', 'keep.txt', 'keep');
    gh.putFile(owner.fullName, 'main', 'old/gone.txt', 'gone');
    const ref = await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' });
    expect(ref.data).toMatchObject({ ref: 'refs/heads/main', object: { type: 'commit' } });
    const head = ref.data.object.sha;
    const base = await octokit.rest.git.getCommit({ ...repo, commit_sha: head });
    const blob = await octokit.rest.git.createBlob({ ...repo, content: 'hello world\n', encoding: 'utf-8' });
    expect(blob.data.sha).toBe(helloWorldBlobSha);
    const binary = await octokit.rest.git.createBlob({
      ...repo,
      content: Buffer.from([0, 1, 2]).toString('base64'),
      encoding: 'base64',
    });
    expect(
      Buffer.from((await octokit.rest.git.getBlob({ ...repo, file_sha: binary.data.sha })).data.content, 'base64'),
    ).toEqual(Buffer.from([0, 1, 2]));
    const tree = await octokit.rest.git.createTree({
      ...repo,
      base_tree: base.data.tree.sha,
      tree: [
        { path: 'figures/a.txt', mode: '100644', type: 'blob', sha: blob.data.sha },
        { path: 'figures/b.bin', mode: '100644', type: 'blob', sha: binary.data.sha },
        { path: 'notes.md', mode: '100644', type: 'blob', content: '# notes\n' },
        { path: 'old/gone.txt', mode: '100644', type: 'blob', sha: null },
      ],
    });
    expect(tree.status).toBe(201);
    const commit = await octokit.rest.git.createCommit({
      ...repo,
      message: 'Snapshot',
      tree: tree.data.sha,
      parents: [head],
    });
    expect(commit.data).toMatchObject({ message: 'Snapshot', parents: [{ sha: head }], tree: { sha: tree.data.sha } });
    expect(commit.data.author.name).toBe(`${slug}[bot]`);
    const updated = await octokit.rest.git.updateRef({
      ...repo,
      ref: 'heads/main',
      sha: commit.data.sha,
      force: false,
    });
    expect(updated.data.object.sha).toBe(commit.data.sha);
    expect(gh.getFile(owner.fullName, 'main', 'figures/a.txt').toString()).toBe('hello world\n');
    expect(gh.getFile(owner.fullName, 'main', 'keep.txt').toString()).toBe('keep');
    expect(gh.findFile(owner.fullName, 'main', 'old/gone.txt')).toBeNull();
    expect(gh.commits(owner.fullName, 'main').at(-1)?.sha).toBe(commit.data.sha);
    const content = await octokit.rest.repos.getContent({ ...repo, path: 'notes.md' });
    expect(content.data).toMatchObject({ type: 'file', size: 8 });
    const listing = await octokit.rest.git.getTree({ ...repo, tree_sha: tree.data.sha, recursive: 'true' });
    expect(listing.data.tree.map((e) => e.path)).toEqual([
      'figures',
      'figures/a.txt',
      'figures/b.bin',
      'keep.txt',
      'notes.md',
    ]);
    const matching = await octokit.rest.git.listMatchingRefs({ ...repo, ref: 'heads/ma' });
    expect(matching.data.map((r) => r.ref)).toEqual(['refs/heads/main']);
  });

  it('refuses a non-fast-forward without force, an existing ref, and unknown objects', async () => {
    const owner = makeOwner(gh);
    const octokit = octokitFor(gh, owner.token);
    const repo = { owner: owner.login, repo: owner.name };
    const initial = gh.commits(owner.fullName, 'main')[0]?.sha ?? '';
    const ahead = gh.putFile(owner.fullName, 'main', 'a.txt', 'a').sha;
    const created = await octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/figurl/snapshots', sha: initial });
    expect(created.status).toBe(201);
    const exists = await failure(
      octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/figurl/snapshots', sha: initial }),
    );
    expect(exists.status).toBe(422);
    expect(exists.response.data.message).toBe('Reference already exists');
    // A sibling commit on top of the initial one does not descend from main's head.
    const tree = (await octokit.rest.git.getCommit({ ...repo, commit_sha: initial })).data.tree.sha;
    const sibling = await octokit.rest.git.createCommit({ ...repo, message: 'sibling', tree, parents: [initial] });
    const refused = await failure(
      octokit.rest.git.updateRef({ ...repo, ref: 'heads/main', sha: sibling.data.sha, force: false }),
    );
    expect(refused.status).toBe(422);
    expect(refused.response.data.message).toBe('Update is not a fast forward');
    expect(gh.commits(owner.fullName, 'main').at(-1)?.sha).toBe(ahead);
    const forced = await octokit.rest.git.updateRef({ ...repo, ref: 'heads/main', sha: sibling.data.sha, force: true });
    expect(forced.data.object.sha).toBe(sibling.data.sha);
    expect(gh.findFile(owner.fullName, 'main', 'a.txt')).toBeNull();
    const ff = await octokit.rest.git.updateRef({ ...repo, ref: 'heads/figurl/snapshots', sha: sibling.data.sha });
    expect(ff.status).toBe(200);
    expect((await failure(octokit.rest.git.getRef({ ...repo, ref: 'heads/nope' }))).status).toBe(404);
    expect(
      (await failure(octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/x', sha: 'a'.repeat(40) }))).status,
    ).toBe(422);
    expect(
      (await failure(octokit.rest.git.createCommit({ ...repo, message: 'm', tree: 'b'.repeat(40), parents: [] })))
        .status,
    ).toBe(422);
  });

  it('protects a branch: GET protection, 422 for ref updates, 409 for contents PUTs, pull requests still open', async () => {
    const owner = makeOwner(gh);
    const octokit = octokitFor(gh, owner.token);
    const repo = { owner: owner.login, repo: owner.name };
    expect(
      (await failure(octokit.rest.repos.getBranchProtection({ ...repo, branch: 'main' }))).response.data.message,
    ).toBe('Branch not protected');
    gh.setBranchProtection(owner.fullName, 'main', { requirePullRequest: true });
    const protection = await octokit.rest.repos.getBranchProtection({ ...repo, branch: 'main' });
    expect(protection.data).toMatchObject({
      required_pull_request_reviews: expect.any(Object),
      enforce_admins: { enabled: true },
    });
    const head = gh.commits(owner.fullName, 'main').at(-1)?.sha ?? '';
    const tree = (await octokit.rest.git.getCommit({ ...repo, commit_sha: head })).data.tree.sha;
    const next = await octokit.rest.git.createCommit({ ...repo, message: 'direct', tree, parents: [head] });
    const refused = await failure(octokit.rest.git.updateRef({ ...repo, ref: 'heads/main', sha: next.data.sha }));
    expect(refused.status).toBe(422);
    expect(refused.response.data.message).toMatch(/^Protected branch update failed for refs\/heads\/main/);
    const put = await failure(
      octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: 'a.txt', message: 'm', content: 'YQ==' }),
    );
    expect(put.status).toBe(409);
    expect(put.response.data.message).toContain('Changes must be made through a pull request.');
    expect(gh.commits(owner.fullName, 'main').at(-1)?.sha).toBe(head);
    await octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/snap', sha: next.data.sha });
    const pr = await octokit.rest.pulls.create({ ...repo, head: 'snap', base: 'main', title: 'via PR' });
    expect(pr.status).toBe(201);
  });
});
