import { homedir as osHomedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { FigurlError } from '../errors/index.js';
import { parseWith } from '../schemas/parse-with.js';
import { zoneNameSchema } from '../schemas/primitives.js';

/** The embedded zone `npm start` runs. */
export const defaultZoneUrl = 'http://127.0.0.1:4100';
/** The local figure shell, the base of the figURLs the CLI prints. */
export const defaultShellUrl = 'http://127.0.0.1:3000';

const cliEnvSchema = z.object({
  FIGURL_ZONE_URL: z
    .url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' })
    .default(defaultZoneUrl),
  FIGURL_SHELL_URL: z
    .url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' })
    .default(defaultShellUrl),
  KACHERY_ZONE: zoneNameSchema.default('default'),
  KACHERY_CLOUD_DIR: z.string().optional(),
});

export interface CliSettings {
  zoneUrl: string;
  /** The figure shell whose `/f?v=…&d=…` links the CLI prints. */
  shellUrl: string;
  /** The zone of the server to use (sent as `?zone=`); `default` unless KACHERY_ZONE says otherwise. */
  zone: string;
  /** `$KACHERY_CLOUD_DIR`, absolute: the cache shared with the Python client. */
  cacheDir: string;
  token: string | undefined;
}

/**
 * The CLI's settings, read once from the environment at the edge. An empty variable counts as
 * unset (as `FOO= figurl …` means in a shell). A bad value names the variable; the token's
 * value is never echoed.
 *
 * @example
 * parseCliSettings({ FIGURL_ZONE_URL: 'https://zone.example.org' }, '/home/me');
 * // { zoneUrl: 'https://zone.example.org', shellUrl: 'http://127.0.0.1:3000', zone: 'default', cacheDir: '/home/me/.kachery-cloud', token: undefined }
 */
export function parseCliSettings(env: Record<string, string | undefined>, homedir: string = osHomedir()): CliSettings {
  const set = (name: string) => (env[name] === '' ? undefined : env[name]);
  const parsed = parseWith(
    cliEnvSchema,
    {
      FIGURL_ZONE_URL: set('FIGURL_ZONE_URL'),
      FIGURL_SHELL_URL: set('FIGURL_SHELL_URL'),
      KACHERY_ZONE: set('KACHERY_ZONE'),
      KACHERY_CLOUD_DIR: set('KACHERY_CLOUD_DIR'),
    },
    'environment',
  );
  const token = set('FIGURL_TOKEN');
  if (token !== undefined && !/^[\x21-\x7e]+$/.test(token)) {
    throw new FigurlError(
      'INVALID_REQUEST',
      'invalid environment: FIGURL_TOKEN (value not shown): expected printable ASCII without spaces or line breaks',
    );
  }
  return {
    zoneUrl: parsed.FIGURL_ZONE_URL,
    shellUrl: parsed.FIGURL_SHELL_URL,
    zone: parsed.KACHERY_ZONE,
    cacheDir: resolve(parsed.KACHERY_CLOUD_DIR ?? join(homedir, '.kachery-cloud')),
    token,
  };
}
