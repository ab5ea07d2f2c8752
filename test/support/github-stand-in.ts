import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contentsRoutes } from './github-stand-in/contents-routes.js';
import {
  createRequestHandler,
  type LoggedRequest,
  type RateLimitOptions,
  type StandInFault,
} from './github-stand-in/handle-request.js';
import { oauthRoutes } from './github-stand-in/oauth-routes.js';
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

export type { LoggedRequest, Permission, StandInCommit, StandInFault, StandInRepo, StandInUser };

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
    /** Logins (push rights) or `{ login, permission }`; the owner is admin anyway. */
    collaborators?: ReadonlyArray<string | { login: string; permission: Permission }>;
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
  const context: RouteContext = { state, baseUrl: `http://127.0.0.1:${port}` };
  const routes = [oauthRoutes, userRoutes, repoRoutes, contentsRoutes].flatMap((group) => group(context));
  const rateLimit: RateLimitOptions = {
    unauthenticated: options.rateLimit?.unauthenticated ?? 60,
    authenticated: options.rateLimit?.authenticated ?? 5000,
    windowMs: options.rateLimit?.windowMs ?? 60 * 60 * 1000,
  };
  server.on('request', createRequestHandler({ state, routes, rateLimit, faults, requests }));

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
    async close() {
      await new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      });
    },
  };
}
