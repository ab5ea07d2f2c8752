import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

/** What the worker remembers between passes. */
export interface SnapshotState {
  /** Outbox cursor: the last `curation.changed` event id read (`GET /api/v1/events?after=`). */
  after: number;
  /** Highest curation version snapshotted (or found unchanged) per curation id. */
  versions: Record<string, number>;
  /** Curations whose snapshot failed or is not done yet: retried on the next pass. */
  pending: string[];
}

export interface SnapshotStateStore {
  load(): Promise<SnapshotState>;
  save(state: SnapshotState): Promise<void>;
}

const stateSchema = z.strictObject({
  after: z.number().int().nonnegative(),
  versions: z.record(z.string(), z.number().int().nonnegative()),
  pending: z.array(z.string()),
});

/**
 * The worker's state in a small JSON file (`{after, versions, pending}`), replaced atomically
 * (write a sibling, then rename) so a crash leaves the old state or the new one, never half of
 * either. A missing file is a fresh start: every linked curation is looked at once, and the
 * unchanged ones cost a read. One worker per file: passes of two processes sharing a file could
 * commit an older state after a newer one.
 *
 * @example
 * const store = createSnapshotStateFile('/var/lib/figurl-bot/snapshots.json');
 */
export function createSnapshotStateFile(path: string): SnapshotStateStore {
  return {
    async load() {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { after: 0, versions: {}, pending: [] };
        throw error;
      }
      const parsed = stateSchema.safeParse(JSON.parse(text));
      if (!parsed.success) {
        throw new Error(
          `invalid snapshot state in ${path}: ${parsed.error.message}; expected {after, versions, pending}`,
        );
      }
      return parsed.data;
    },
    async save(state) {
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify(state)}\n`);
      await rename(temporary, path);
    },
  };
}
