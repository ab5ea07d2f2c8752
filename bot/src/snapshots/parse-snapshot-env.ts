import { parseWith } from '@figurl/sdk';
import { z } from 'zod';

const snapshotEnvSchema = z.object({
  /** Where the worker keeps its cursor; setting it turns curation snapshots on. */
  FIGURL_SNAPSHOT_STATE_FILE: z.string().min(1).optional(),
  /** Seconds between passes over the zone's outbox. */
  FIGURL_SNAPSHOT_INTERVAL: z
    .string()
    .regex(/^[0-9]{1,5}$/, 'expected seconds, e.g. 30')
    .transform(Number)
    .refine((s) => s >= 1, 'expected at least 1 second')
    .default(30),
  FIGURL_ZONE_TOKEN: z.string().min(1).optional(),
});

export type SnapshotSettings = { stateFile: string; intervalMs: number } | null;

/**
 * Whether the bot commits curation snapshots, read at the edge: on when
 * FIGURL_SNAPSHOT_STATE_FILE is set, which needs FIGURL_ZONE_TOKEN to be a zone admin's (the
 * outbox is admins' only). Null when off.
 *
 * @example
 * parseSnapshotEnv({ FIGURL_SNAPSHOT_STATE_FILE: '/var/lib/figurl-bot/snapshots.json', FIGURL_ZONE_TOKEN: t });
 * // { stateFile: '/var/lib/figurl-bot/snapshots.json', intervalMs: 30000 }
 */
export function parseSnapshotEnv(env: Readonly<Record<string, string | undefined>>): SnapshotSettings {
  const parsed = parseWith(snapshotEnvSchema, env, 'environment');
  if (parsed.FIGURL_SNAPSHOT_STATE_FILE === undefined) return null;
  if (parsed.FIGURL_ZONE_TOKEN === undefined) {
    throw new Error(
      'invalid environment: FIGURL_ZONE_TOKEN is unset: expected a zone admin token when FIGURL_SNAPSHOT_STATE_FILE turns curation snapshots on',
    );
  }
  return { stateFile: parsed.FIGURL_SNAPSHOT_STATE_FILE, intervalMs: parsed.FIGURL_SNAPSHOT_INTERVAL * 1000 };
}
