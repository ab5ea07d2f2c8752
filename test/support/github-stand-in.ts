import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appRoutes } from './github-stand-in/app-routes.js';
import { checkRunRoutes } from './github-stand-in/check-run-routes.js';
import { commentRoutes } from './github-stand-in/comment-routes.js';
import { contentsRoutes } from './github-stand-in/contents-routes.js';
import { gitDataRoutes } from './github-stand-in/git-data-routes.js';
import { createGitStore } from './github-stand-in/git-store.js';
import {
  type AppPermissions,
  type CreateAppInput,
  createGitHubApps,
  type StandInGitHubApp,
  type StandInInstallation,
} from './github-stand-in/github-apps.js';
import {
  createRequestHandler,
  type LoggedRequest,
  type RateLimitOptions,
  type StandInFault,
  type StandInLatency,
} from './github-stand-in/handle-request.js';
import { oauthRoutes } from './github-stand-in/oauth-routes.js';
import { protectionRoutes } from './github-stand-in/protection-routes.js';
import { openPull, pullRoutes } from './github-stand-in/pull-routes.js';
import { createRepoRecords } from './github-stand-in/repo-records.js';
import { repoRoutes } from './github-stand-in/repo-routes.js';
import type { RouteContext } from './github-stand-in/route-table.js';
import {
  createStandInState,
  type Permission,
  type StandInCommit,
  type StandInRepo,
  type StandInUser,
} from './github-stand-in/state.js';
import { userRoutes } from './github-stand-in/user-routes.js';

export type {
  AppPermissions,
  LoggedRequest,
  Permission,
  StandInCommit,
  StandInFault,
  StandInGitHubApp,
  StandInInstallation,
  StandInLatency,
  StandInRepo,
  StandInUser,
};

/** A pull request as the test handle reports it. */
export interface StandInPullRequest {
  number: number;
  id: number;
  /** The head branch's current commit. */
  headSha: string;
  htmlUrl: string;
}

export interface GitHubStandInOptions {
  /** Clock for code expiry, rate-limit windows and commit dates; defaults to `Date.now`. */
  now?: () => number;
  /** Primary rate limit; defaults to GitHub's: 60 unauthenticated and 5000 authenticated an hour. */
  rateLimit?: Partial<RateLimitOptions>;
}

export interface GitHubStandIn {
  /**
   * `http://127.0.0.1:<port>`: use it for github.com (OAuth), api.github.com (Octokit `baseUrl`),
   * raw.githubusercontent.com (`/raw/...`) and avatars alike.
   */
  url: string;
  addUser(user: { login: string; id?: number; name?: string; email?: string }): StandInUser;
  /** A classic personal access token (`ghp_…`) for `login` with these OAuth scopes. */
  issueToken(login: string, scopes?: readonly string[]): string;
  /** Afterwards the token gets 401 "Bad credentials", as a revoked token does. */
  revokeToken(token: string): void;
  /** `callbackUrl` undefined accepts any `redirect_uri`. */
  addOAuthApp(app: { clientId: string; clientSecret: string; callbackUrl?: string }): void;
  /** Who is signed in to "github.com" in the browser; null shows the sign-in page. */
  setBrowserUser(login: string | null, options?: { approve?: boolean }): void;
  /** Creates the repository with one empty "Initial commit" on its default branch (`main`). */
  createRepo(repo: {
    owner: string;
    name: string;
    private?: boolean;
    defaultBranch?: string;
    /**
     * Logins (push rights) or `{ login, permission }` (`read`/`write` are taken as `pull`/`push`);
     * the owner is admin anyway.
     */
    collaborators?: ReadonlyArray<string | { login: string; permission: Permission | 'read' | 'write' }>;
  }): StandInRepo;
  createBranch(fullName: string, branch: string, from?: string): void;
  /** Commits one file as the repo owner; a string is written as UTF-8. */
  putFile(
    fullName: string,
    branch: string,
    path: string,
    bytes: Uint8Array | string,
    options?: { message?: string },
  ): StandInCommit;
  /** The file's bytes at the branch head; throws when absent. */
  getFile(fullName: string, branch: string, path: string): Buffer;
  findFile(fullName: string, branch: string, path: string): Buffer | null;
  /** The branch's commits, oldest first, starting with "Initial commit"; a copy. */
  commits(fullName: string, branch: string): readonly StandInCommit[];
  /** Every request answered so far, in order. */
  requests: readonly LoggedRequest[];
  /** Queues a one-shot fault for the first request that matches it. */
  injectFault(fault: StandInFault): void;
  /**
   * Delays every matching request (all API requests without `match`) by `ms` until changed;
   * `setLatency(0)` clears every standing delay.
   */
  setLatency(ms: number, match?: { method?: string; path?: string | RegExp }): void;
  /**
   * Registers a GitHub App with an RSA key pair (generated unless `privateKeyPem` is given) and its
   * `<slug>[bot]` user. Give `app.privateKeyPem` and `appId` to `@octokit/auth-app` or Probot.
   */
  createApp(app: CreateAppInput): StandInGitHubApp;
  /**
   * Installs the app on `owner`'s account, for `repos` (names or full names) or all of them;
   * `permissions` default to the app's. Returns the installation id.
   */
  installApp(
    slug: string,
    installation: { owner: string; repos?: readonly string[]; permissions?: AppPermissions },
  ): number;
  /** An installation token without the JWT round trip (what a workflow's GITHUB_TOKEN is). */
  issueInstallationToken(installationId: number, options?: { permissions?: AppPermissions }): string;
  /** Requires pull requests for `branch`: ref updates get 422 and contents PUTs 409; null lifts it. */
  setBranchProtection(
    fullName: string,
    branch: string,
    protection: { requirePullRequest: boolean; enforceAdmins?: boolean } | null,
  ): void;
  /** Opens a pull request as `user` (default: the repo owner); `head` is "branch" or "owner:branch". */
  openPullRequest(pull: {
    repo: string;
    head: string;
    base?: string;
    title: string;
    body?: string;
    draft?: boolean;
    user?: string;
  }): StandInPullRequest;
  /** The comments on an issue or pull request, oldest first: `{ id, body, login }`. */
  comments(fullName: string, number: number): ReadonlyArray<{ id: number; body: string; login: string }>;
  close(): Promise<void>;
}

/**
 * A stateful stand-in for github.com and api.github.com on 127.0.0.1 (random port) for offline
 * tests of GitHub sign-in and `gh://` reads and writes: the OAuth web flow, GET /user,
 * GET /repos/{owner}/{repo}, and the contents API, with GitHub's documented shapes, scopes,
 * 404-for-hidden rules and primary rate limit. Endpoints live in `github-stand-in/*-routes.ts`,
 * one file per area; add an area by adding a file and listing it below.
 *
 * @example
 * const gh = await startGitHubStandIn();
 * gh.addUser({ login: 'alice' });
 * gh.createRepo({ owner: 'alice', name: 'curations' });
 * const octokit = new Octokit({ baseUrl: gh.url, auth: gh.issueToken('alice', ['repo']) });
 * afterAll(() => gh.close());
 */
export async function startGitHubStandIn(options: GitHubStandInOptions = {}): Promise<GitHubStandIn> {
  const state = createStandInState({ now: options.now ?? Date.now });
  const faults: StandInFault[] = [];
  const requests: LoggedRequest[] = [];
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const apps = createGitHubApps(state);
  const records = createRepoRecords({ nextId: state.nextId });
  const git = createGitStore(state);
  const latencies: StandInLatency[] = [];
  const context: RouteContext = { state, baseUrl: `http://127.0.0.1:${port}`, apps, records, git };
  const routes = [
    oauthRoutes,
    userRoutes,
    appRoutes,
    repoRoutes,
    contentsRoutes,
    commentRoutes,
    pullRoutes,
    checkRunRoutes,
    gitDataRoutes,
    protectionRoutes,
  ].flatMap((group) => group(context));
  const rateLimit: RateLimitOptions = {
    unauthenticated: options.rateLimit?.unauthenticated ?? 60,
    authenticated: options.rateLimit?.authenticated ?? 5000,
    windowMs: options.rateLimit?.windowMs ?? 60 * 60 * 1000,
  };
  server.on('request', createRequestHandler({ state, routes, rateLimit, faults, requests, apps, latencies }));

  const headFiles = (fullName: string, branch: string) => {
    const repo = state.getRepo(fullName);
    const head = state.findHead(repo, branch);
    if (head === null) throw new Error(`unknown branch "${branch}" in ${repo.fullName}`);
    return head.files;
  };

  return {
    url: context.baseUrl,
    addUser: (user) => state.addUser(user),
    issueToken: (login, scopes = []) => state.issueToken(login, scopes),
    revokeToken: (token) => void state.tokens.delete(token),
    addOAuthApp: (app) =>
      void state.apps.set(app.clientId, {
        clientId: app.clientId,
        clientSecret: app.clientSecret,
        callbackUrl: app.callbackUrl,
      }),
    setBrowserUser(login, { approve = true } = {}) {
      if (login !== null) state.getUser(login);
      state.browser.login = login;
      state.browser.approve = approve;
    },
    createRepo: (repo) => state.createRepo(repo),
    createBranch: (fullName, branch, from) => state.createBranch(fullName, branch, from),
    putFile(fullName, branch, path, bytes, { message } = {}) {
      const repo = state.getRepo(fullName);
      const existed = headFiles(fullName, branch).has(path);
      return state.commitFiles({
        repo,
        branch,
        changes: new Map([[path, typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes]]),
        message: message ?? `${existed ? 'Update' : 'Create'} ${path}`,
      });
    },
    getFile(fullName, branch, path) {
      const blob = headFiles(fullName, branch).get(path);
      if (blob === undefined) throw new Error(`no file "${path}" on ${fullName}@${branch}`);
      return blob.bytes;
    },
    findFile: (fullName, branch, path) => headFiles(fullName, branch).get(path)?.bytes ?? null,
    commits(fullName, branch) {
      const log = state.getRepo(fullName).branches.get(branch);
      if (log === undefined) throw new Error(`unknown branch "${branch}" in ${fullName}`);
      return [...log];
    },
    requests,
    injectFault: (fault) => void faults.push(fault),
    setLatency(ms, match = {}) {
      if (ms <= 0) latencies.length = 0;
      else latencies.push({ delayMs: ms, ...match });
    },
    createApp: (app) => apps.createApp(app),
    installApp: (slug, installation) => apps.installApp(slug, installation),
    issueInstallationToken: (installationId, options = {}) =>
      apps.issueInstallationToken(installationId, options).token,
    setBranchProtection(fullName, branch, protection) {
      const repo = state.getRepo(fullName);
      if (state.findHead(repo, branch) === null) throw new Error(`unknown branch "${branch}" in ${repo.fullName}`);
      records.setProtection(
        repo,
        branch,
        protection === null
          ? null
          : { requirePullRequest: protection.requirePullRequest, enforceAdmins: protection.enforceAdmins ?? true },
      );
    },
    openPullRequest(pull) {
      const repo = state.getRepo(pull.repo);
      const opened = openPull(
        { state, records, git },
        {
          repo,
          head: pull.head,
          base: pull.base ?? repo.defaultBranch,
          title: pull.title,
          body: pull.body ?? null,
          draft: pull.draft ?? false,
          user: pull.user === undefined ? repo.owner : state.getUser(pull.user),
        },
      );
      if ('status' in opened) throw new Error(`cannot open the pull request: ${JSON.stringify(opened.json)}`);
      const head = opened.pull === null ? null : state.findHead(opened.pull.headRepo, opened.pull.headRef);
      return {
        number: opened.number,
        id: opened.id,
        headSha: head?.sha ?? '',
        htmlUrl: `${context.baseUrl}/${repo.fullName}/pull/${opened.number}`,
      };
    },
    comments(fullName, number) {
      const repo = state.getRepo(fullName);
      return [...records.comments.values()]
        .filter((comment) => comment.repo === repo && comment.issueNumber === number)
        .map((comment) => ({ id: comment.id, body: comment.body, login: comment.user.login }));
    },
    async close() {
      await new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      });
    },
  };
}
