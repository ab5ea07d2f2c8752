import { createPrivateKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FigurlError, maxUploadSize, parseDuration, parseWith } from '@figurl/sdk';
import { z } from 'zod';
import { awsCredentialsFromEnv } from './bucket/aws-credentials-from-env.js';
import type { Bucket } from './bucket/bucket.js';
import type { AwsCredentials } from './bucket/create-s3-bucket.js';
import type { GitHubAppCredentials } from './github/create-github-repo-permissions.js';

/** Blobs younger than this are never collected: by default a day, never under a minute. */
const defaultGcGraceMs = 24 * 3600_000;
const minGcGraceMs = 60_000;

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const zoneEnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgresql:// URL')
    .optional(),
  FIGURL_DATA_DIR: z.string().min(1).default('.figurl'),
  FIGURL_HOST: z.string().min(1).default('127.0.0.1'),
  FIGURL_PORT: z.coerce.number().int().min(0).max(65535).default(4100),
  FIGURL_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  FIGURL_BUCKET_URL: z.string().min(1).optional(),
  FIGURL_PUBLIC_URL: z.url().optional(),
  FIGURL_MAX_UPLOAD_SIZE: z.coerce.number().int().positive().default(maxUploadSize),
  FIGURL_OPEN: flag.optional(),
  FIGURL_GC_GRACE: z
    .string()
    .regex(/^[0-9]{1,9}[smhdwy]$/, 'expected a duration such as 24h, 90m or 7d')
    .transform((text) => parseDuration(text) * 1000)
    .refine((ms) => ms >= minGcGraceMs, 'expected at least 1m: younger blobs may still be on their way to a reference')
    .default(defaultGcGraceMs),
  FIGURL_EVENTS_WEBHOOK_URL: z.url().optional(),
  FIGURL_PLUGINS_DIR: z.string().min(1).optional(),
  FIGURL_SHELL_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:3000'),
  FIGURL_SHELL_ORIGINS: z.string().optional(),
  FIGURL_GITHUB_API_URL: z.url({ protocol: /^https?$/ }).default('https://api.github.com'),
  FIGURL_GITHUB_APP_ID: z
    .string()
    .regex(/^[0-9]+$/, 'expected the App ID, a number')
    .optional(),
});

export interface ZoneConfig {
  /** An external PostgreSQL; without it the zone runs an embedded one under `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  host: string;
  port: number;
  logLevel: z.infer<typeof zoneEnvSchema>['FIGURL_LOG_LEVEL'];
  /** `s3://…` or `file:///…`; unset keeps blobs under `<dataDir>/bucket`. */
  bucketUrl: string | undefined;
  /** A bucket built by the caller (tests); wins over `bucketUrl`. */
  bucket?: Bucket;
  /** From AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, for s3:// buckets. */
  awsCredentials: AwsCredentials | undefined;
  publicUrl: string | undefined;
  maxUploadSize: number;
  /** Anyone may upload to zone "default" without an account. */
  open: boolean;
  /**
   * Key of signed blob URLs (HMAC-SHA256). Unset: the zone keeps one in `<dataDir>/url-secret`;
   * replicas that do not share a data folder must share this instead.
   */
  urlSecret: string | undefined;
  /** The garbage collector keeps every blob younger than this (FIGURL_GC_GRACE, default 24h). */
  gcGraceMs: number;
  /** Outbox events (`curation.changed`) are POSTed here, at least once (FIGURL_EVENTS_WEBHOOK_URL). */
  eventsWebhookUrl: string | undefined;
  /** HMAC key of the `X-Figurl-Signature` header of those posts (FIGURL_EVENTS_SECRET). */
  eventsSecret: string | undefined;
  /** Our plugins' folder (FIGURL_PLUGINS_DIR; `npm start` passes the checkout's `plugins/`). */
  pluginsDir: string | undefined;
  /** Shells that may frame the plugins: FIGURL_SHELL_URL's origin plus FIGURL_SHELL_ORIGINS. */
  shellOrigins: string[];
  /**
   * The figurl GitHub App (FIGURL_GITHUB_APP_ID + FIGURL_GITHUB_APP_PRIVATE_KEY, at
   * FIGURL_GITHUB_API_URL): with it, anyone who may push to a curation's `editRepo` may curate,
   * whoever may read a private figure's `repo` sees it, and the zone can tell the Action whether
   * the App is installed on a repository.
   */
  githubApp: GitHubAppCredentials | undefined;
}

const loopback = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;

/**
 * Reads the zone's settings from the environment once, at the edge; a bad value fails fast
 * with a message naming the variable: `invalid environment: FIGURL_PORT "abc": expected number`.
 * Open mode defaults to on only for the embedded default: no DATABASE_URL and a loopback host.
 */
export function parseZoneConfig(env: Record<string, string | undefined>): ZoneConfig {
  const parsed = parseWith(zoneEnvSchema, env, 'environment');
  return {
    databaseUrl: parsed.DATABASE_URL,
    dataDir: parsed.FIGURL_DATA_DIR,
    host: parsed.FIGURL_HOST,
    port: parsed.FIGURL_PORT,
    logLevel: parsed.FIGURL_LOG_LEVEL,
    bucketUrl: parsed.FIGURL_BUCKET_URL,
    awsCredentials: awsCredentialsFromEnv(env),
    publicUrl: parsed.FIGURL_PUBLIC_URL,
    maxUploadSize: parsed.FIGURL_MAX_UPLOAD_SIZE,
    open: parsed.FIGURL_OPEN ?? (parsed.DATABASE_URL === undefined && loopback.test(parsed.FIGURL_HOST)),
    urlSecret: parseUrlSecret(env.FIGURL_URL_SECRET),
    gcGraceMs: parsed.FIGURL_GC_GRACE,
    eventsWebhookUrl: parsed.FIGURL_EVENTS_WEBHOOK_URL,
    eventsSecret: env.FIGURL_EVENTS_SECRET === '' ? undefined : env.FIGURL_EVENTS_SECRET,
    pluginsDir: parsed.FIGURL_PLUGINS_DIR ?? checkoutPluginsDir(),
    shellOrigins: shellOrigins(parsed.FIGURL_SHELL_URL, parsed.FIGURL_SHELL_ORIGINS),
    githubApp: parseGitHubApp(
      parsed.FIGURL_GITHUB_API_URL,
      parsed.FIGURL_GITHUB_APP_ID,
      env.FIGURL_GITHUB_APP_PRIVATE_KEY,
    ),
  };
}

/** Both App settings or neither; the key is checked apart from the schema, never echoed. */
function parseGitHubApp(
  apiUrl: string,
  appId: string | undefined,
  privateKey: string | undefined,
): GitHubAppCredentials | undefined {
  const key = privateKey === '' ? undefined : privateKey?.replace(/\\n/g, '\n');
  if (appId === undefined && key === undefined) return undefined;
  if (appId === undefined || key === undefined) {
    throw new FigurlError(
      'INVALID_REQUEST',
      `invalid environment: ${appId === undefined ? 'FIGURL_GITHUB_APP_ID' : 'FIGURL_GITHUB_APP_PRIVATE_KEY'} is unset: expected both FIGURL_GITHUB_APP_ID and FIGURL_GITHUB_APP_PRIVATE_KEY, or neither`,
    );
  }
  try {
    createPrivateKey(key);
  } catch {
    throw new FigurlError(
      'INVALID_REQUEST',
      "invalid environment: FIGURL_GITHUB_APP_PRIVATE_KEY (value not shown): expected the App's private key in PEM form (-----BEGIN RSA PRIVATE KEY-----…)",
    );
  }
  return { apiUrl, appId, privateKey: key };
}

/** The secret is checked apart from the schema: an error message must never echo it. */
function parseUrlSecret(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (value.length < 32 || /\s/.test(value)) {
    throw new FigurlError(
      'INVALID_REQUEST',
      'invalid environment: FIGURL_URL_SECRET (value not shown): expected at least 32 characters without spaces (e.g. openssl rand -hex 32)',
    );
  }
  return value;
}

/** The shell's origin, and any more given comma-separated (an origin each: scheme, host, port). */
function shellOrigins(shellUrl: string, more: string | undefined): string[] {
  const origins = new Set([new URL(shellUrl).origin]);
  for (const item of (more ?? '').split(',')) {
    const text = item.trim();
    if (text === '') continue;
    let origin: string;
    try {
      origin = new URL(text).origin;
    } catch {
      throw new FigurlError(
        'INVALID_REQUEST',
        `invalid environment: FIGURL_SHELL_ORIGINS ${JSON.stringify(text)}: expected origins such as https://figurl.example.org`,
      );
    }
    origins.add(origin);
  }
  return [...origins];
}

/**
 * The checkout's `plugins/` when the zone runs from one (zone/src or the bundle in zone/dist,
 * both two folders below the root); undefined elsewhere.
 */
function checkoutPluginsDir(): string | undefined {
  const dir = fileURLToPath(new URL('../../plugins', import.meta.url));
  return existsSync(dir) ? dir : undefined;
}
