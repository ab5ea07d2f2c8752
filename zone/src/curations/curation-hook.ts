import {
  type CanonicalJsonValue,
  canonicalJson,
  curationToJson,
  FigurlError,
  parseCuration,
  parseCurationAction,
  reduceCuration,
} from '@figurl/sdk';
import type { AppendHook } from '../feeds/feed-appender.js';
import type { JobQueue } from '../jobs/job-queue.js';

/** Topic of the outbox event written whenever a curation changes. */
export const curationChangedTopic = 'curation.changed';
/** pg-boss queue that delivers outbox events to the configured webhook. */
export const deliverEventQueue = 'deliver-event';

/**
 * Keeps a curation document current in the very transaction that appends its actions (the
 * feed's head row is locked, so curations change one commit at a time): reduces the new
 * actions with the sdk reducer — the one the plugin runs — onto the stored state, stores state
 * and version, and writes a `curation.changed` outbox event (plus its delivery job when a job
 * queue runs), so consumers hear of exactly the changes that committed.
 */
export function curationAppendHook(options: { jobs?: JobQueue | undefined } = {}): AppendHook {
  return async (tx, feed, stored) => {
    const rows = await tx.$queryRaw<Array<{ state: string; version: bigint }>>`
      SELECT state, version FROM curations WHERE id = ${feed.id} FOR UPDATE`;
    const row = rows[0];
    if (row === undefined) throw new FigurlError('INTERNAL', `feed ${feed.id} is a curation feed without a curation`);
    let state = parseCuration(JSON.parse(row.state));
    for (const message of stored) {
      // Stored values keep numbers as written; the reducer wants plain JSON.
      state = reduceCuration(
        state,
        parseCurationAction(JSON.parse(canonicalJson(message.value as CanonicalJsonValue))),
      );
    }
    const version = Number(row.version) + stored.length;
    const at = new Date(stored.at(-1)?.timestamp ?? Date.now());
    await tx.$executeRaw`
      UPDATE curations SET state = ${curationToJson(state)}, version = ${version}
      WHERE id = ${feed.id}`;
    const authors = [...new Set(stored.map((m) => m.author))];
    const payload = { curationId: feed.id, zone: feed.zoneName, version, authors, updatedAt: at.toISOString() };
    const inserted = await tx.$queryRaw<Array<{ id: bigint }>>`
      INSERT INTO outbox_events (topic, key, payload)
      VALUES (${curationChangedTopic}, ${feed.id}, ${JSON.stringify(payload)}::jsonb)
      RETURNING id`;
    await options.jobs?.sendInTransaction(tx, deliverEventQueue, {
      id: Number(inserted[0]?.id),
      topic: curationChangedTopic,
      key: feed.id,
      payload,
    });
  };
}
