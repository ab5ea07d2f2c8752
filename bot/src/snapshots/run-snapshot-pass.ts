import type { CurationClient } from '@figurl/sdk';
import { z } from 'zod';
import { type SnapshotCurationDeps, type SnapshotOutcome, snapshotCuration } from './snapshot-curation.js';
import type { SnapshotStateStore } from './snapshot-state-file.js';

export interface SnapshotPassDeps extends SnapshotCurationDeps {
  curations: Pick<CurationClient, 'get' | 'readActions' | 'events'>;
  state: SnapshotStateStore;
  log?: { warn(message: string): void };
}

export type SnapshotPassResult = SnapshotOutcome | { curationId: string; outcome: 'failed'; error: string };

/** The outbox topic (docs/protocol.md §9) and the fields of its payload the worker reads. */
export const curationChangedTopic = 'curation.changed';
const changedSchema = z.object({ curationId: z.string(), version: z.number().int() });
const pageSize = 500;

/**
 * One pass of the snapshot worker: reads `curation.changed` events after the saved cursor,
 * notes every curation with a version above the one it handled as pending, saves the cursor and
 * the pending set together (so no change is lost between reading and committing), then brings
 * each pending curation's snapshot up to date. A failure leaves its curation pending for the
 * next pass; the others go on.
 *
 * @example
 * const results = await runSnapshotPass({ curations, octokitFor, state: createSnapshotStateFile(file) });
 */
export async function runSnapshotPass(deps: SnapshotPassDeps): Promise<SnapshotPassResult[]> {
  const state = await deps.state.load();
  const pending = new Set(state.pending);
  let after = state.after;
  for (;;) {
    const page = await deps.curations.events({ topic: curationChangedTopic, after, limit: pageSize });
    for (const event of page.events) {
      const changed = changedSchema.safeParse(event.payload);
      const curationId = changed.success ? changed.data.curationId : event.key;
      if (!changed.success || changed.data.version > (state.versions[curationId] ?? 0)) pending.add(curationId);
    }
    after = page.next;
    if (page.events.length < pageSize) break;
  }
  const versions = { ...state.versions };
  const save = () => deps.state.save({ after, versions, pending: [...pending] });
  await save();

  const results: SnapshotPassResult[] = [];
  for (const curationId of [...pending]) {
    try {
      const outcome = await snapshotCuration(deps, curationId, versions[curationId] ?? 0);
      if ('version' in outcome) versions[curationId] = Math.max(versions[curationId] ?? 0, outcome.version);
      pending.delete(curationId);
      results.push(outcome);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      deps.log?.warn(`curation ${curationId}: snapshot failed, retried on the next pass: ${message}`);
      results.push({ curationId, outcome: 'failed', error: message });
    }
    await save();
  }
  return results;
}
