import { Prisma, type PrismaClient } from '@figurl/prisma';
import { type CanonicalJsonValue, FigurlError, feedMessageHashOfText, findSha1Refs } from '@figurl/sdk';
import { createNodeHasher } from '@figurl/sdk/node';
import { lockBlobsForReference } from '../lifecycle/blob-lock.js';
import { feedChannel } from './feed-hub.js';
import type { FeedRow } from './feed-store.js';

/** A message checked and ready to store: who wrote it, its canonical text, its signature. */
export interface PreparedMessage {
  author: string;
  value: CanonicalJsonValue;
  /** Canonical JSON of `value`. */
  text: string;
  clientId: string | null;
  signature: string | null;
  signedAt: number | null;
  /** Signed outside the accepted clock window: acceptable only as a resend of a stored message. */
  stale?: string | undefined;
}

export interface AppendOutcome {
  appended: Array<{ seq: number; hash: string; duplicate: boolean }>;
  messageCount: number;
  headHash: string | null;
}

/** Runs inside an append's transaction after its rows are written (curation documents use it). */
export type AppendHook = (
  tx: Prisma.TransactionClient,
  feed: FeedRow,
  stored: Array<{ seq: number; value: CanonicalJsonValue; author: string; timestamp: number }>,
) => Promise<void>;

export interface FeedAppender {
  /** Appends all of `messages` or none; resolves once committed. */
  append(
    feed: FeedRow,
    messages: PreparedMessage[],
    options?: {
      previousHash?: string | null | undefined;
      /** The feed must hold exactly this many messages, else CONFLICT (a version check). */
      ifCount?: number | undefined;
    },
  ): Promise<AppendOutcome>;
  /** Runs `hook` in the transaction of every append to a feed of this kind. */
  onAppend(kind: FeedRow['kind'], hook: AppendHook): void;
}

interface Pending {
  messages: PreparedMessage[];
  previousHash: string | null | undefined;
  ifCount: number | undefined;
  resolve(outcome: AppendOutcome): void;
  reject(err: unknown): void;
}

interface Queue {
  feed: FeedRow;
  pending: Pending[];
  running: boolean;
}

const maxRequestsPerCommit = 128;
const maxMessagesPerCommit = 4000;

/**
 * Appends with **group commit**: requests for one feed queue up on this replica, and while one
 * transaction runs, the requests that arrive meanwhile gather and go together in the next.
 * Each transaction locks the feed's head row (`SELECT … FOR UPDATE`, so replicas serialize
 * too), numbers the messages from the head's count, chains their hashes from its hash,
 * inserts them in one statement, moves the head, and `NOTIFY`s — so under load a feed
 * commits many requests per lock instead of one. Requests stay independent: one refused
 * (stale previousHash, a replay outside the window) does not affect the others in its group,
 * and each request's messages are appended all together or not at all.
 */
export function createFeedAppender(prisma: PrismaClient, now: () => Date): FeedAppender {
  const queues = new Map<string, Queue>();
  const hooks = new Map<FeedRow['kind'], AppendHook[]>();

  const drain = async (queue: Queue) => {
    queue.running = true;
    try {
      while (queue.pending.length > 0) {
        // Let the writers whose appends just committed send their next ones first: they join
        // this group instead of waiting for the one after it.
        await new Promise((resolve) => setImmediate(resolve));
        const group: Pending[] = [];
        let messageCount = 0;
        while (queue.pending.length > 0 && group.length < maxRequestsPerCommit) {
          const next = queue.pending[0] as Pending;
          if (group.length > 0 && messageCount + next.messages.length > maxMessagesPerCommit) break;
          group.push(next);
          messageCount += next.messages.length;
          queue.pending.shift();
        }
        try {
          const settle = await commitGroup(queue.feed, group);
          for (const s of settle) s();
        } catch (err) {
          for (const p of group) p.reject(err);
        }
      }
    } finally {
      queue.running = false;
      if (queue.pending.length === 0) queues.delete(queue.feed.id);
      else void drain(queue);
    }
  };

  /** One transaction for a group; returns what to tell each request once it has committed. */
  const commitGroup = async (feed: FeedRow, group: Pending[]): Promise<Array<() => void>> => {
    return prisma.$transaction(
      async (tx) => {
        const settle: Array<() => void> = [];
        const heads = await tx.$queryRaw<Array<{ count: bigint; head: string | null; deleted: boolean }>>`
          SELECT message_count AS count, head_hash AS head, deleted_at IS NOT NULL AS deleted
          FROM feeds WHERE id = ${feed.id} FOR UPDATE`;
        const head = heads[0];
        if (head === undefined || head.deleted) {
          const gone = new FigurlError('NOT_FOUND', `no feed ${feed.id}: it was deleted`);
          return group.map((p) => () => p.reject(gone));
        }
        let count = Number(head.count);
        let headHash = head.head;

        const signatures = group.flatMap((p) => p.messages.flatMap((m) => (m.signature === null ? [] : [m.signature])));
        const existing = new Map<string, { seq: number; hash: string }>();
        if (signatures.length > 0) {
          const rows = await tx.$queryRaw<Array<{ seq: bigint; signature: string; hash: string }>>`
            SELECT seq, signature, hash FROM feed_messages
            WHERE feed_id = ${feed.id} AND signature = ANY(${signatures}::text[])`;
          for (const row of rows) existing.set(row.signature, { seq: Number(row.seq), hash: row.hash });
        }

        const timestamp = now();
        const rows: Array<{ seq: number; m: PreparedMessage; hash: string; previousHash: string | null }> = [];
        for (const p of group) {
          const outcome = planRequest(feed, p, existing, count, headHash, timestamp.getTime());
          if (outcome instanceof FigurlError) {
            settle.push(() => p.reject(outcome));
            continue;
          }
          rows.push(...outcome.rows);
          for (const row of outcome.rows) if (row.m.signature !== null) existing.set(row.m.signature, row);
          count += outcome.rows.length;
          headHash = outcome.rows.at(-1)?.hash ?? headHash;
          const result = { appended: outcome.appended, messageCount: count, headHash };
          settle.push(() => p.resolve(result));
        }
        if (rows.length === 0) return settle;

        // One statement (data-modifying CTEs all run): the messages, the new head, the blob
        // references; the round trips, not the rows, are what an append costs.
        const refs = [...new Set(rows.flatMap((r) => findSha1Refs(r.m.value)))];
        // Referenced blobs must not be collected between here and the commit.
        if (refs.length > 0) await lockBlobsForReference(tx, refs);
        // NOTIFY is transactional: replicas hear it when (and only if) this commits.
        await tx.$queryRaw`
          WITH inserted AS (
            INSERT INTO feed_messages
              (feed_id, seq, author, client_id, signature, signed_at, message, previous_hash, hash, created_at)
            SELECT ${feed.id}, * FROM unnest(
              ${rows.map((r) => r.seq)}::bigint[], ${rows.map((r) => r.m.author)}::text[],
              ${rows.map((r) => r.m.clientId)}::text[], ${rows.map((r) => r.m.signature)}::text[],
              ${rows.map((r) => r.m.signedAt)}::bigint[], ${rows.map((r) => r.m.text)}::text[],
              ${rows.map((r) => r.previousHash)}::text[], ${rows.map((r) => r.hash)}::text[],
              ${rows.map(() => timestamp)}::timestamptz[])
          ), referenced AS (
            INSERT INTO blob_refs (sha1, kind, ref_id)
            SELECT unnest(${refs}::text[]), 'feed', ${feed.id}
            ON CONFLICT DO NOTHING
          )
          UPDATE feeds SET message_count = ${count}, head_hash = ${headHash}, updated_at = ${timestamp}
          WHERE id = ${feed.id}
          RETURNING pg_notify(${feedChannel}, ${`${feed.id}:${count}`})::text AS notified`;
        for (const hook of hooks.get(feed.kind) ?? []) {
          await hook(
            tx,
            feed,
            rows.map((r) => ({ seq: r.seq, value: r.m.value, author: r.m.author, timestamp: timestamp.getTime() })),
          );
        }
        return settle;
      },
      { maxWait: 10_000, timeout: 20_000, isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted },
    );
  };

  return {
    append(feed, messages, options = {}) {
      return new Promise<AppendOutcome>((resolve, reject) => {
        let queue = queues.get(feed.id);
        if (!queue) {
          queue = { feed, pending: [], running: false };
          queues.set(feed.id, queue);
        }
        queue.pending.push({ messages, previousHash: options.previousHash, ifCount: options.ifCount, resolve, reject });
        if (!queue.running) void drain(queue);
      });
    },
    onAppend(kind, hook) {
      hooks.set(kind, [...(hooks.get(kind) ?? []), hook]);
    },
  };
}

const hasher = createNodeHasher;

/** Numbers and chains one request's messages after `count`/`headHash`, or says why it is refused. */
function planRequest(
  feed: FeedRow,
  p: Pending,
  existing: Map<string, { seq: number; hash: string }>,
  count: number,
  headHash: string | null,
  timestamp: number,
):
  | FigurlError
  | {
      rows: Array<{ seq: number; m: PreparedMessage; hash: string; previousHash: string | null }>;
      appended: AppendOutcome['appended'];
    } {
  const fresh = p.messages.filter((m) => m.signature === null || !existing.has(m.signature));
  if (fresh.length > 0 && p.previousHash !== undefined && p.previousHash !== headHash) {
    return new FigurlError(
      'CONFLICT',
      `feed ${feed.id} has moved on: previousHash ${JSON.stringify(p.previousHash)} is not its head ${JSON.stringify(headHash)} (${count} messages); read from ${count} and retry`,
    );
  }
  if (fresh.length > 0 && p.ifCount !== undefined && p.ifCount !== count) {
    return new FigurlError(
      'CONFLICT',
      `${feed.kind === 'curation' ? 'curation' : 'feed'} ${feed.id} is at version ${count}, not ${p.ifCount}: read it again and retry`,
    );
  }
  const staleOne = fresh.find((m) => m.stale !== undefined);
  if (staleOne) return new FigurlError('UNAUTHORIZED', staleOne.stale as string);
  const rows: Array<{ seq: number; m: PreparedMessage; hash: string; previousHash: string | null }> = [];
  const appended: AppendOutcome['appended'] = [];
  const seenInRequest = new Map<string, { seq: number; hash: string }>();
  let previous = headHash;
  let seq = count;
  for (const m of p.messages) {
    const original = m.signature === null ? undefined : (existing.get(m.signature) ?? seenInRequest.get(m.signature));
    if (original) {
      appended.push({ seq: original.seq, hash: original.hash, duplicate: true });
      continue;
    }
    const hash = feedMessageHashOfText(
      {
        feedId: feed.id,
        seq,
        author: m.author,
        timestamp,
        previousHash: previous,
        clientId: m.clientId,
        signature: m.signature,
        signedAt: m.signedAt,
      },
      m.text,
      hasher,
    );
    rows.push({ seq, m, hash, previousHash: previous });
    if (m.signature !== null) seenInRequest.set(m.signature, { seq, hash });
    appended.push({ seq, hash, duplicate: false });
    previous = hash;
    seq++;
  }
  return { rows, appended };
}
