import 'server-only';
import { randomBytes } from 'node:crypto';
import { defaultPluginAliases, parseWith } from '@figurl/sdk';
import { z } from 'zod';

const url = z.url({ protocol: /^https?$/ }).transform((text) => text.replace(/\/+$/, ''));

const shellEnvSchema = z.object({
  FIGURL_ZONE_URL: url.default('http://127.0.0.1:4100'),
  FIGURL_PLUGIN_HOST_URL: url.optional(),
  FIGURL_SHELL_URL: url.default('http://127.0.0.1:3000'),
  FIGURL_NPM_CDN_URL: url.default('https://unpkg.com'),
  FIGURL_PLUGIN_ALIASES: z.string().optional(),
  FIGURL_SESSION_SECRET: z.string().min(32, 'expected at least 32 characters').optional(),
  FIGURL_ZONE_TOKEN: z.string().min(1).optional(),
  FIGURL_FETCH_ALLOW_HOSTS: z.string().optional(),
  GITHUB_CLIENT_ID: z.string().min(1).optional(),
  GITHUB_CLIENT_SECRET: z.string().min(1).optional(),
  GITHUB_URL: url.default('https://github.com'),
  GITHUB_API_URL: url.default('https://api.github.com'),
});

export interface ShellConfig {
  /** The zone, as this server and browsers reach it. */
  zoneUrl: string;
  /** Where our plugins are served: another origin than the shell's (the zone's by default). */
  pluginHostUrl: string;
  /** This shell's public base URL (figURLs printed by the CLI start with it). */
  shellUrl: string;
  npmCdnUrl: string;
  /** figurl.org plugin URIs mapped to our plugins; `null` switches one off. */
  pluginAliases: Record<string, string | null>;
  /** Key of the sealed session cookie. */
  sessionSecret: string;
  /** A zone token the shell stores files with on behalf of signed-in users (unset: open zones only). */
  zoneToken: string | undefined;
  /** Private hosts server-side fetches may reach anyway (`host` or `host:port`). */
  fetchAllowHosts: string[];
  github: {
    clientId: string | undefined;
    clientSecret: string | undefined;
    /** https://github.com, or a stand-in / GitHub Enterprise. */
    url: string;
    apiUrl: string;
  };
}

let cached: ShellConfig | undefined;

/**
 * The shell's settings, read from the environment once (the server's edge). A bad value
 * fails with a message naming the variable. `FIGURL_PLUGIN_ALIASES` is JSON merged over the
 * defaults (`{"gs://figurl/plotly-1": null}` switches one off) or `off` for none.
 */
export function getShellConfig(env: Record<string, string | undefined> = process.env): ShellConfig {
  if (cached !== undefined && env === process.env) return cached;
  const parsed = parseWith(shellEnvSchema, env, 'environment');
  const config: ShellConfig = {
    zoneUrl: parsed.FIGURL_ZONE_URL,
    pluginHostUrl: parsed.FIGURL_PLUGIN_HOST_URL ?? `${parsed.FIGURL_ZONE_URL}/plugins`,
    shellUrl: parsed.FIGURL_SHELL_URL,
    npmCdnUrl: parsed.FIGURL_NPM_CDN_URL,
    pluginAliases: parseAliases(parsed.FIGURL_PLUGIN_ALIASES),
    // Without a configured secret, sessions last as long as this process.
    sessionSecret: parsed.FIGURL_SESSION_SECRET ?? randomBytes(32).toString('hex'),
    zoneToken: parsed.FIGURL_ZONE_TOKEN,
    fetchAllowHosts: (parsed.FIGURL_FETCH_ALLOW_HOSTS ?? '')
      .split(',')
      .map((host) => host.trim())
      .filter((host) => host !== ''),
    github: {
      clientId: parsed.GITHUB_CLIENT_ID,
      clientSecret: parsed.GITHUB_CLIENT_SECRET,
      url: parsed.GITHUB_URL,
      apiUrl: parsed.GITHUB_API_URL,
    },
  };
  if (env === process.env) cached = config;
  return config;
}

function parseAliases(text: string | undefined): Record<string, string | null> {
  if (text === undefined || text.trim() === '') return { ...defaultPluginAliases };
  if (text.trim() === 'off') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(
      `invalid environment: FIGURL_PLUGIN_ALIASES: expected "off" or a JSON object, got ${text.slice(0, 80)}`,
    );
  }
  const overrides = parseWith(z.record(z.string(), z.string().nullable()), value, 'FIGURL_PLUGIN_ALIASES');
  return { ...defaultPluginAliases, ...overrides };
}
