import { createPrivateKey } from 'node:crypto';
import { FigurlError } from '@figurl/sdk';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { createAppJwt } from './create-app-jwt.js';
import type { RepoPermissions } from './repo-permissions.js';
import { requestGitHub } from './request-github.js';

export interface GitHubAppCredentials {
  /** `https://api.github.com`, or a GitHub Enterprise / stand-in API URL. */
  apiUrl: string;
  appId: string;
  /** The App's private key (PEM). */
  privateKey: string;
}

const installationSchema = z.object({ id: z.number().int() });
const accessTokenSchema = z.object({ token: z.string().min(1), expires_at: z.string() });
const permissionSchema = z.object({ permission: z.string(), role_name: z.string().optional() });
const repositorySchema = z.object({ private: z.boolean() });

/** Legacy `permission` values and role names that include push ("Repository roles"). */
const pushRoles = new Set(['admin', 'maintain', 'write', 'push']);
/** …and those that include read; `none` (and anything unknown) is neither. */
const readRoles = new Set([...pushRoles, 'triage', 'read', 'pull']);
const loginPattern = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const repoPattern = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

type Role = z.infer<typeof permissionSchema>;

/**
 * Repository rights read from GitHub through the figurl App: `GET /repos/{o}/{r}/installation`
 * (as the App, with a JWT) → an installation token (`POST /app/installations/{id}/access_tokens`,
 * kept until 5 minutes before it expires) → `GET /repos/{o}/{r}/collaborators/{login}/permission`;
 * push is `admin`, `maintain` or `write`, read is those or `triage`, `read` — and only on a
 * private repository (`GET /repos/{o}/{r}`): GitHub says "read" for anyone on a public one, and a
 * private figure of a public repository must stay private. Answers (yes and no)
 * are remembered for `ttlMs` (default 60 s) — installations per repository, roles per repository
 * and user — so a burst of checks costs one look-up; concurrent checks share one. A repository
 * without the App installed, or an unknown user, is "no"; GitHub not answering is UNAVAILABLE
 * (the zone never guesses yes). Zone user ids are GitHub logins.
 *
 * @example
 * const permissions = createGitHubRepoPermissions({ apiUrl: 'https://api.github.com', appId, privateKey });
 * await permissions.mayPush('flatironinstitute/figurl', 'alice'); // true
 */
export function createGitHubRepoPermissions(
  credentials: GitHubAppCredentials,
  options: { fetch?: typeof fetch; now?: () => number; ttlMs?: number } = {},
): RepoPermissions {
  const target = { apiUrl: credentials.apiUrl, fetch: options.fetch ?? fetch };
  const now = options.now ?? Date.now;
  const key = createPrivateKey(credentials.privateKey);
  const ttl = options.ttlMs ?? 60_000;
  const installations = new LRUCache<string, Promise<number | null>>({ max: 10_000, ttl });
  const roles = new LRUCache<string, Promise<Role | null>>({ max: 10_000, ttl });
  const visibilities = new LRUCache<string, Promise<boolean>>({ max: 10_000, ttl });
  const tokens = new Map<number, { token: string; renewAt: number }>();

  const installationToken = async (installationId: number): Promise<string> => {
    const kept = tokens.get(installationId);
    if (kept !== undefined && kept.renewAt > now()) return kept.token;
    const jwt = createAppJwt({ appId: credentials.appId, privateKey: key, now: now() });
    const answer = await requestGitHub(target, 'POST', `/app/installations/${installationId}/access_tokens`, jwt);
    if (answer.status !== 201 && answer.status !== 200) {
      throw new FigurlError('UNAVAILABLE', `GitHub has no installation ${installationId} of App ${credentials.appId}`);
    }
    const { token, expires_at } = parseAnswer(accessTokenSchema, answer.body, 'installation token');
    tokens.set(installationId, { token, renewAt: Date.parse(expires_at) - 5 * 60_000 });
    return token;
  };

  const installationOf = (repo: string): Promise<number | null> =>
    remember(installations, repo.toLowerCase(), async () => {
      const jwt = createAppJwt({ appId: credentials.appId, privateKey: key, now: now() });
      const answer = await requestGitHub(target, 'GET', `/repos/${repo}/installation`, jwt);
      return answer.status === 404 ? null : parseAnswer(installationSchema, answer.body, 'installation').id;
    });

  const roleOf = (repo: string, login: string): Promise<Role | null> =>
    remember(roles, `${repo.toLowerCase()}\u0000${login.toLowerCase()}`, async () => {
      const installationId = await installationOf(repo);
      if (installationId === null) return null;
      const token = await installationToken(installationId);
      const path = `/repos/${repo}/collaborators/${encodeURIComponent(login)}/permission`;
      const answer = await requestGitHub(target, 'GET', path, token);
      return answer.status === 404 ? null : parseAnswer(permissionSchema, answer.body, 'collaborator permission');
    });

  /** Whether `repo` is private (`GET /repos/{o}/{r}` with the installation's token). */
  const isPrivate = (repo: string): Promise<boolean> =>
    remember(visibilities, repo.toLowerCase(), async () => {
      const installationId = await installationOf(repo);
      if (installationId === null) return false;
      const answer = await requestGitHub(target, 'GET', `/repos/${repo}`, await installationToken(installationId));
      return answer.status === 404 ? false : parseAnswer(repositorySchema, answer.body, 'repository').private;
    });

  const hasRole = async (repo: string, login: string, granting: ReadonlySet<string>): Promise<boolean> => {
    if (!repoPattern.test(repo) || !loginPattern.test(login)) return false;
    const role = await roleOf(repo, login);
    if (role === null) return false;
    return granting.has(role.permission) || (role.role_name !== undefined && granting.has(role.role_name));
  };

  return {
    async isInstalled(repo) {
      if (!repoPattern.test(repo)) return false;
      return (await installationOf(repo)) !== null;
    },
    // GitHub answers "read" for anyone on a public repository: a private figure of a public
    // repository stays its owner's, so only a private repository's readers count.
    mayRead: async (repo, login) =>
      repoPattern.test(repo) && (await isPrivate(repo)) && hasRole(repo, login, readRoles),
    mayPush: (repo, login) => hasRole(repo, login, pushRoles),
  };
}

/** The cached answer for `key`, or a new look-up shared by concurrent callers; a failure is not cached. */
function remember<T>(cache: LRUCache<string, Promise<T>>, key: string, lookUp: () => Promise<T>): Promise<T> {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const pending = lookUp();
  cache.set(key, pending);
  // A failed look-up is not an answer: the next check asks GitHub again.
  pending.catch(() => cache.delete(key));
  return pending;
}

function parseAnswer<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new FigurlError('UNAVAILABLE', `GitHub answered an unexpected ${what}: ${parsed.error.message}`);
  return parsed.data;
}
