import { randomBytes } from 'node:crypto';
import { buildTrees, commitSha, type GitBlob, type GitSignature, type GitTree, toBlob } from './git-objects.js';

/** Repository roles, weakest first (docs: "Repository roles for an organization"). */
export const permissions = ['pull', 'triage', 'push', 'maintain', 'admin'] as const;
export type Permission = (typeof permissions)[number];

export interface StandInUser {
  login: string;
  id: number;
  /** Legacy global node id, as GitHub still returns it: base64 of `04:User<id>`. */
  nodeId: string;
  name: string | null;
  email: string | null;
  createdAt: string;
  /** `Bot` for a GitHub App's `<slug>[bot]` account. */
  type: 'User' | 'Bot';
}

export interface StandInToken {
  token: string;
  login: string;
  /** Classic OAuth scopes, e.g. `['repo']`; empty means public read-only. */
  scopes: readonly string[];
  /** Set for an installation access token (`ghs_…`), which acts as the app's bot user. */
  installationId?: number;
  /** Epoch ms after which the token is refused (installation tokens live an hour). */
  expiresAt?: number;
}

export interface OAuthApp {
  clientId: string;
  clientSecret: string;
  /** The registered callback URL; undefined accepts any `redirect_uri` (a test convenience). */
  callbackUrl: string | undefined;
}

export interface AuthorizationCode {
  code: string;
  clientId: string;
  login: string;
  scopes: readonly string[];
  redirectUri: string;
  expiresAt: number;
}

export interface StandInCommit {
  sha: string;
  message: string;
  author: GitSignature;
  committer: GitSignature;
  parents: readonly string[];
  /** Root tree sha. */
  tree: string;
  /** The whole snapshot after this commit, by path. */
  files: ReadonlyMap<string, GitBlob>;
  /** Every directory of the snapshot, by path (`''` is the root). */
  trees: ReadonlyMap<string, GitTree>;
}

export interface StandInRepo {
  id: number;
  nodeId: string;
  owner: StandInUser;
  name: string;
  fullName: string;
  private: boolean;
  defaultBranch: string;
  /** Lower-case login → role; the owner is admin without being listed. */
  collaborators: Map<string, Permission>;
  /** Branch name → its commits, oldest first (the last is the head). */
  branches: Map<string, StandInCommit[]>;
  commitsBySha: Map<string, StandInCommit>;
  createdAt: string;
}

export interface CommitFilesInput {
  repo: StandInRepo;
  branch: string;
  changes: ReadonlyMap<string, Uint8Array>;
  message: string;
  author?: Partial<GitSignature> | undefined;
  committer?: Partial<GitSignature> | undefined;
  /** Who commits when no committer is given: the authenticated user, else the repo owner. */
  login?: string | undefined;
}

export type StandInState = ReturnType<typeof createStandInState>;

/**
 * The stand-in's data: users, tokens, OAuth apps and codes, repositories with a commit log per
 * branch. Pure data and rules, no HTTP; routes and the test handle share one instance. Names are
 * matched case-insensitively, as GitHub matches logins and repository names.
 *
 * @example
 * const state = createStandInState({ now: Date.now });
 * state.addUser({ login: 'alice' });
 * state.createRepo({ owner: 'alice', name: 'curations' });
 */
export function createStandInState(options: { now: () => number }) {
  const { now } = options;
  const users = new Map<string, StandInUser>();
  const tokens = new Map<string, StandInToken>();
  const apps = new Map<string, OAuthApp>();
  const codes = new Map<string, AuthorizationCode>();
  const repos = new Map<string, StandInRepo>();
  const browser: { login: string | null; approve: boolean } = { login: null, approve: true };
  let lastId = 1000;
  const nextId = () => ++lastId;

  function findUser(login: string): StandInUser | null {
    return users.get(login.toLowerCase()) ?? null;
  }

  function getUser(login: string): StandInUser {
    const user = findUser(login);
    if (user === null) throw new Error(`unknown GitHub user "${login}": expected one added with addUser`);
    return user;
  }

  function addUser(input: {
    login: string;
    id?: number;
    name?: string;
    email?: string;
    type?: 'User' | 'Bot';
  }): StandInUser {
    if (findUser(input.login) !== null) throw new Error(`GitHub user "${input.login}" already exists`);
    const id = input.id ?? nextId();
    const type = input.type ?? 'User';
    const user: StandInUser = {
      login: input.login,
      id,
      nodeId: Buffer.from(`04:${type}${id}`).toString('base64'),
      name: input.name ?? null,
      email: input.email ?? null,
      createdAt: toGitHubDate(now()),
      type,
    };
    users.set(input.login.toLowerCase(), user);
    return user;
  }

  function issueToken(login: string, scopes: readonly string[] = [], prefix = 'ghp_'): string {
    getUser(login);
    const token = `${prefix}${randomAlphanumeric(36)}`;
    tokens.set(token, { token, login, scopes: [...scopes] });
    return token;
  }

  function findRepo(fullName: string): StandInRepo | null {
    return repos.get(fullName.toLowerCase()) ?? null;
  }

  function getRepo(fullName: string): StandInRepo {
    const repo = findRepo(fullName);
    if (repo === null) throw new Error(`unknown repository "${fullName}": expected one made with createRepo`);
    return repo;
  }

  function createRepo(input: {
    owner: string;
    name: string;
    private?: boolean;
    defaultBranch?: string;
    collaborators?: ReadonlyArray<string | { login: string; permission: Permission | 'read' | 'write' }>;
  }): StandInRepo {
    const fullName = `${input.owner}/${input.name}`;
    if (findRepo(fullName) !== null) throw new Error(`repository "${fullName}" already exists`);
    const owner = findUser(input.owner) ?? addUser({ login: input.owner });
    const id = nextId();
    const repo: StandInRepo = {
      id,
      nodeId: Buffer.from(`010:Repository${id}`).toString('base64'),
      owner,
      name: input.name,
      fullName: `${owner.login}/${input.name}`,
      private: input.private ?? false,
      defaultBranch: input.defaultBranch ?? 'main',
      collaborators: new Map(
        (input.collaborators ?? []).map((entry) =>
          typeof entry === 'string'
            ? [entry.toLowerCase(), 'push']
            : [entry.login.toLowerCase(), toPermission(entry.permission)],
        ),
      ),
      branches: new Map([[input.defaultBranch ?? 'main', []]]),
      commitsBySha: new Map(),
      createdAt: toGitHubDate(now()),
    };
    repos.set(fullName.toLowerCase(), repo);
    // GitHub's "Initialize this repository" (auto_init): a branch needs a commit to point at.
    commitFiles({ repo, branch: repo.defaultBranch, changes: new Map(), message: 'Initial commit' });
    return repo;
  }

  function createBranch(fullName: string, branch: string, from?: string): void {
    const repo = getRepo(fullName);
    if (repo.branches.has(branch)) throw new Error(`branch "${branch}" already exists in ${repo.fullName}`);
    repo.branches.set(branch, [...getBranch(repo, from ?? repo.defaultBranch)]);
  }

  function findHead(repo: StandInRepo, branch: string): StandInCommit | null {
    return repo.branches.get(branch)?.at(-1) ?? null;
  }

  function getBranch(repo: StandInRepo, branch: string): StandInCommit[] {
    const log = repo.branches.get(branch);
    if (log === undefined) throw new Error(`unknown branch "${branch}" in ${repo.fullName}`);
    return log;
  }

  /** Appends one commit holding `changes` on top of the branch head. */
  function commitFiles(input: CommitFilesInput): StandInCommit {
    const log = getBranch(input.repo, input.branch);
    const parent = log.at(-1);
    const files = new Map(parent?.files);
    for (const [path, bytes] of input.changes) files.set(path, toBlob(bytes));
    const trees = buildTrees(files);
    const who = findUser(input.login ?? '') ?? input.repo.owner;
    const date = toGitHubDate(now());
    const committer: GitSignature = {
      name: input.committer?.name ?? who.name ?? who.login,
      email: input.committer?.email ?? who.email ?? `${who.id}+${who.login}@users.noreply.github.com`,
      date: input.committer?.date ?? date,
    };
    const author: GitSignature = {
      name: input.author?.name ?? committer.name,
      email: input.author?.email ?? committer.email,
      date: input.author?.date ?? committer.date,
    };
    const tree = trees.get('')?.sha ?? '';
    const fields = { tree, parents: parent === undefined ? [] : [parent.sha], author, committer };
    const sha = commitSha({ ...fields, message: input.message });
    const commit: StandInCommit = { ...fields, sha, message: input.message, files, trees };
    log.push(commit);
    input.repo.commitsBySha.set(commit.sha, commit);
    return commit;
  }

  /** The role `login` holds on `repo` (anyone may pull a public repo), or null. */
  function permissionOf(repo: StandInRepo, login: string | null): Permission | null {
    if (login !== null && login.toLowerCase() === repo.owner.login.toLowerCase()) return 'admin';
    const role = login === null ? undefined : repo.collaborators.get(login.toLowerCase());
    return role ?? (repo.private ? null : 'pull');
  }

  return {
    now,
    nextId,
    users,
    tokens,
    apps,
    codes,
    repos,
    browser,
    findUser,
    getUser,
    addUser,
    issueToken,
    findRepo,
    getRepo,
    createRepo,
    createBranch,
    findHead,
    commitFiles,
    permissionOf,
  };
}

/** GitHub's role names `read` and `write` are the API's `pull` and `push`. */
function toPermission(role: Permission | 'read' | 'write'): Permission {
  return role === 'read' ? 'pull' : role === 'write' ? 'push' : role;
}

/** ISO 8601 without milliseconds, as the REST API prints timestamps: `2014-11-07T22:01:45Z`. */
export function toGitHubDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function randomAlphanumeric(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join('');
}
