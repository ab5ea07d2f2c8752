import { parseWith } from '@figurl/sdk';
import { z } from 'zod';

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });

const botEnvSchema = z.object({
  APP_ID: z.string().regex(/^[0-9]+$/, 'expected the GitHub App id (digits)'),
  /** PEM; `\n` escapes (one-line env files) are turned into newlines. */
  PRIVATE_KEY: z
    .string()
    .transform((key) => key.replace(/\\n/g, '\n'))
    .refine((key) => key.includes('PRIVATE KEY-----'), 'expected a PEM private key'),
  WEBHOOK_SECRET: z.string().min(16, 'expected a secret of at least 16 characters'),
  /** api.github.com unless set (GitHub Enterprise, the tests' stand-in). */
  GITHUB_API_URL: httpUrl.optional(),
  FIGURL_ZONE_URL: httpUrl,
  /** A token that may list the repositories' figures (an admin or download token of the zone). */
  FIGURL_ZONE_TOKEN: z.string().min(1).optional(),
  FIGURL_ZONE: z.string().min(1).optional(),
  FIGURL_SHELL_URL: httpUrl,
  /** The zone URL browsers reach for thumbnails; FIGURL_ZONE_URL when unset. */
  FIGURL_PUBLIC_ZONE_URL: httpUrl.optional(),
  APP_SLUG: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'expected the app slug')
    .optional(),
  PORT: z
    .string()
    .regex(/^[0-9]{1,5}$/, 'expected a port number')
    .transform(Number)
    .default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  WEBHOOK_PATH: z
    .string()
    .startsWith('/', 'expected a path such as /api/github/webhooks')
    .default('/api/github/webhooks'),
});

export type BotEnv = z.infer<typeof botEnvSchema>;

/**
 * The bot's environment, validated once at the edge; a bad or missing variable throws an
 * error naming it: `invalid environment: FIGURL_ZONE_URL missing: expected string`.
 */
export function parseBotEnv(env: Readonly<Record<string, string | undefined>>): BotEnv {
  return parseWith(botEnvSchema, env, 'environment');
}
