import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  verify,
} from 'node:crypto';
import type { StandInRepo, StandInState, StandInUser } from './state.js';
import { toGitHubDate } from './state.js';

/** `{ issues: 'write', contents: 'read', … }`, as GitHub lists an app's or token's permissions. */
export type AppPermissions = Readonly<Record<string, 'read' | 'write'>>;

export interface StandInGitHubApp {
  id: number;
  slug: string;
  name: string;
  nodeId: string;
  clientId: string;
  owner: StandInUser;
  /** The `<slug>[bot]` account installation tokens act as. */
  bot: StandInUser;
  /** PKCS#1 PEM (`BEGIN RSA PRIVATE KEY`), the format GitHub's "Generate a private key" downloads. */
  privateKeyPem: string;
  publicKey: KeyObject;
  permissions: AppPermissions;
  events: readonly string[];
  createdAt: string;
}

export interface StandInInstallation {
  id: number;
  app: StandInGitHubApp;
  account: StandInUser;
  /** Lower-case full names, or null for every repository of the account ("all"). */
  repos: readonly string[] | null;
  permissions: AppPermissions;
  createdAt: string;
}

/** What `createApp` takes: the app's id and slug, and optionally its key, owner, permissions and events. */
export interface CreateAppInput {
  appId: number;
  slug: string;
  name?: string;
  owner?: string;
  privateKeyPem?: string;
  permissions?: AppPermissions;
  events?: readonly string[];
}

export type GitHubApps = ReturnType<typeof createGitHubApps>;

/** Installation tokens expire after one hour ("Authenticating as a GitHub App installation"). */
const tokenLifetimeMs = 60 * 60 * 1000;

/**
 * GitHub Apps, their installations and installation access tokens, on top of the shared state:
 * each app gets a real RSA key pair so `@octokit/auth-app` signs JWTs the stand-in verifies.
 *
 * @example
 * const apps = createGitHubApps(state);
 * const app = apps.createApp({ appId: 1, slug: 'figurl' });
 * apps.installApp('figurl', { owner: 'alice', permissions: { issues: 'write' } });
 */
export function createGitHubApps(state: StandInState) {
  const apps = new Map<number, StandInGitHubApp>();
  const installations = new Map<number, StandInInstallation>();

  function getApp(slug: string): StandInGitHubApp {
    const app = [...apps.values()].find((candidate) => candidate.slug === slug);
    if (app === undefined) throw new Error(`unknown GitHub App "${slug}": expected one made with createApp`);
    return app;
  }

  function createApp(input: CreateAppInput): StandInGitHubApp {
    if (apps.has(input.appId)) throw new Error(`GitHub App ${input.appId} already exists`);
    const privateKey =
      input.privateKeyPem === undefined
        ? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
        : createPrivateKey(input.privateKeyPem);
    const ownerLogin = input.owner ?? `${input.slug}-owner`;
    const owner = state.findUser(ownerLogin) ?? state.addUser({ login: ownerLogin });
    const app: StandInGitHubApp = {
      id: input.appId,
      slug: input.slug,
      name: input.name ?? input.slug,
      nodeId: Buffer.from(`03:Integration${input.appId}`).toString('base64'),
      clientId: `Iv1.${randomBytes(8).toString('hex')}`,
      owner,
      bot: state.findUser(`${input.slug}[bot]`) ?? state.addUser({ login: `${input.slug}[bot]`, type: 'Bot' }),
      privateKeyPem:
        input.privateKeyPem ?? privateKey.export({ type: 'pkcs1', format: 'pem' }).toString().replace(/\n?$/, '\n'),
      publicKey: createPublicKey(privateKey),
      permissions: { metadata: 'read', ...input.permissions },
      events: [...(input.events ?? [])],
      createdAt: toGitHubDate(state.now()),
    };
    apps.set(app.id, app);
    return app;
  }

  function installApp(
    slug: string,
    input: { owner: string; repos?: readonly string[]; permissions?: AppPermissions },
  ): number {
    const app = getApp(slug);
    const account = state.getUser(input.owner);
    const id = state.nextId();
    installations.set(id, {
      id,
      app,
      account,
      repos: input.repos?.map((name) => (name.includes('/') ? name : `${account.login}/${name}`).toLowerCase()) ?? null,
      permissions: { metadata: 'read', ...(input.permissions ?? app.permissions) },
      createdAt: toGitHubDate(state.now()),
    });
    return id;
  }

  function covers(installation: StandInInstallation, repo: StandInRepo): boolean {
    if (repo.owner.id !== installation.account.id) return false;
    return installation.repos === null || installation.repos.includes(repo.fullName.toLowerCase());
  }

  // What each token may do: the installation narrowed by the token request's permissions/repos.
  const narrowedInstallations = new Map<string, StandInInstallation>();

  /** The installation token, acting as `<slug>[bot]` with (at most) the installation's permissions. */
  function issueInstallationToken(
    installationId: number,
    options: { permissions?: AppPermissions; repos?: readonly string[] } = {},
  ): { token: string; expiresAt: number; installation: StandInInstallation } {
    const installation = installations.get(installationId);
    if (installation === undefined) throw new Error(`unknown installation ${installationId}`);
    const narrowed: StandInInstallation = {
      ...installation,
      permissions: options.permissions ?? installation.permissions,
      repos: options.repos?.map((name) => name.toLowerCase()) ?? installation.repos,
    };
    const token = state.issueToken(installation.app.bot.login, [], 'ghs_');
    const expiresAt = state.now() + tokenLifetimeMs;
    narrowedInstallations.set(token, { ...narrowed, id: installation.id });
    state.tokens.set(token, { token, login: installation.app.bot.login, scopes: [], installationId, expiresAt });
    return { token, expiresAt, installation: narrowed };
  }

  /**
   * The app an `Authorization: Bearer <jwt>` speaks for, or the 401 message GitHub gives
   * ("Generating a JSON Web Token (JWT) for a GitHub App": RS256, `iss` the app id or client id,
   * `exp` at most 10 minutes after `iat`).
   */
  function verifyJwt(jwt: string): StandInGitHubApp | string {
    const undecodable = 'A JSON web token could not be decoded';
    const [headerPart = '', payloadPart = '', signaturePart = ''] = jwt.split('.');
    let header: { alg?: unknown };
    let payload: { iss?: unknown; iat?: unknown; exp?: unknown };
    try {
      header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8'));
      payload = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
    } catch {
      return undecodable;
    }
    if (header.alg !== 'RS256') return undecodable;
    const app = [...apps.values()].find(
      (candidate) => String(candidate.id) === String(payload.iss) || candidate.clientId === payload.iss,
    );
    if (app === undefined) return 'Integration not found';
    const signed = Buffer.from(`${headerPart}.${payloadPart}`);
    const valid = cryptoVerify(signed, app.publicKey, Buffer.from(signaturePart, 'base64url'));
    if (!valid) return undecodable;
    const nowSeconds = Math.floor(state.now() / 1000);
    if (typeof payload.exp !== 'number' || payload.exp <= nowSeconds) {
      return "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
    }
    if (typeof payload.iat !== 'number' || payload.iat > nowSeconds + 60) {
      return "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued";
    }
    if (payload.exp - payload.iat > 600) return "'Expiration time' claim ('exp') is too far in the future";
    return app;
  }

  return {
    apps,
    installations,
    getApp,
    createApp,
    installApp,
    covers,
    issueInstallationToken,
    verifyJwt,
    /** The installation a `ghs_` token acts for (narrowed to what the token was granted). */
    findTokenInstallation: (token: string) => narrowedInstallations.get(token) ?? null,
  };
}

function cryptoVerify(data: Buffer, key: KeyObject, signature: Buffer): boolean {
  try {
    return verify('RSA-SHA256', data, key, signature);
  } catch {
    return false;
  }
}
