import { parseWith } from '@figurl/sdk';
import { z } from 'zod';

const zoneEnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgresql:// URL')
    .optional(),
  FIGURL_DATA_DIR: z.string().min(1).default('.figurl'),
  FIGURL_HOST: z.string().min(1).default('127.0.0.1'),
  FIGURL_PORT: z.coerce.number().int().min(0).max(65535).default(4100),
  FIGURL_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface ZoneConfig {
  /** An external PostgreSQL; without it the zone runs an embedded one under `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  host: string;
  port: number;
  logLevel: z.infer<typeof zoneEnvSchema>['FIGURL_LOG_LEVEL'];
}

/**
 * Reads the zone's settings from the environment once, at the edge; a bad value fails fast
 * with a message naming the variable: `invalid environment: FIGURL_PORT "abc": expected number`.
 */
export function parseZoneConfig(env: Record<string, string | undefined>): ZoneConfig {
  const parsed = parseWith(zoneEnvSchema, env, 'environment');
  return {
    databaseUrl: parsed.DATABASE_URL,
    dataDir: parsed.FIGURL_DATA_DIR,
    host: parsed.FIGURL_HOST,
    port: parsed.FIGURL_PORT,
    logLevel: parsed.FIGURL_LOG_LEVEL,
  };
}
