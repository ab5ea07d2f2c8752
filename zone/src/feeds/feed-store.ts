import { randomInt } from 'node:crypto';
import { Prisma, type PrismaClient } from '@figurl/prisma';
import type { FeedInfo } from '@figurl/sdk';

/** A feed's head row as the zone uses it. */
export interface FeedRow {
  id: string;
  zoneName: string;
  kind: 'feed' | 'curation';
  ownerId: string;
  label: string | null;
  publicRead: boolean;
  readers: string[];
  writers: string[];
  messageCount: number;
  headHash: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A stored message; `message` is its canonical JSON text. */
export interface FeedMessageRow {
  seq: number;
  author: string;
  clientId: string | null;
  signature: string | null;
  signedAt: number | null;
  message: string;
  previousHash: string | null;
  hash: string;
  createdAt: Date;
}

export interface FeedPage {
  messages: FeedMessageRow[];
  messageCount: number;
  headHash: string | null;
}

export interface FeedStore {
  create(
    input: {
      zoneName: string;
      ownerId: string;
      kind?: 'feed' | 'curation';
      label?: string | undefined;
      publicRead?: boolean | undefined;
      readers?: string[] | undefined;
      writers?: string[] | undefined;
    },
    tx?: Prisma.TransactionClient,
  ): Promise<FeedRow>;
  /** The feed unless it does not exist or was deleted. */
  find(feedId: string): Promise<FeedRow | null>;
  /**
   * Messages `from` ≤ seq < `from + limit`, in order, and the feed's head in the same snapshot;
   * null when the feed does not exist.
   */
  readMessages(feedId: string, from: number, limit: number): Promise<FeedPage | null>;
  /** Marks it deleted; false when there was no such live feed. */
  remove(feedId: string, now: Date): Promise<boolean>;
}

const letters = 'abcdefghijklmnopqrstuvwxyz';

/** 12 random lowercase letters (56 bits), as kachery-cloud feed ids. */
export function newFeedId(): string {
  let id = '';
  for (let i = 0; i < 12; i++) id += letters[randomInt(26)];
  return id;
}

/**
 * Feeds and their messages in PostgreSQL. Reads are raw SQL on the primary key: they are the
 * hot path of every long-poll and SSE stream.
 */
export function createFeedStore(prisma: PrismaClient): FeedStore {
  return {
    async create(input, tx) {
      const db = tx ?? prisma;
      for (let attempt = 0; ; attempt++) {
        try {
          const row = await db.feed.create({
            data: {
              id: newFeedId(),
              zoneName: input.zoneName,
              ownerId: input.ownerId,
              kind: input.kind ?? 'feed',
              label: input.label ?? null,
              publicRead: input.publicRead ?? true,
              readers: input.readers ?? [],
              writers: input.writers ?? [],
            },
          });
          return toFeedRow(row);
        } catch (err) {
          // A clash of 56-bit random ids: draw again (twice in a row means something else).
          const clash = err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002';
          if (!clash || attempt >= 2 || tx !== undefined) throw err;
        }
      }
    },

    async find(feedId) {
      const row = await prisma.feed.findFirst({ where: { id: feedId, deletedAt: null } });
      return row === null ? null : toFeedRow(row);
    },

    async readMessages(feedId, from, limit) {
      // One statement, one snapshot: the head never disagrees with the messages read.
      const rows = await prisma.$queryRaw<
        Array<
          { count: bigint; head: string | null } & (
            | (Omit<FeedMessageRow, 'seq' | 'signedAt'> & { seq: bigint; signedAt: bigint | null })
            | { seq: null }
          )
        >
      >`
        SELECT f.message_count AS count, f.head_hash AS head, m.seq, m.author, m.client_id AS "clientId",
               m.signature, m.signed_at AS "signedAt", m.message, m.previous_hash AS "previousHash", m.hash,
               m.created_at AS "createdAt"
        FROM feeds f
        LEFT JOIN LATERAL (
          SELECT * FROM feed_messages
          WHERE feed_id = f.id AND seq >= ${from} AND seq < ${from + limit}
          ORDER BY seq
        ) m ON true
        WHERE f.id = ${feedId}
        ORDER BY m.seq`;
      const first = rows[0];
      if (first === undefined) return null;
      const messages: FeedMessageRow[] = [];
      for (const row of rows) {
        if (row.seq === null) continue;
        const { count: _count, head: _head, ...message } = row;
        messages.push({
          ...message,
          seq: Number(row.seq),
          signedAt: message.signedAt === null ? null : Number(message.signedAt),
        });
      }
      return { messages, messageCount: Number(first.count), headHash: first.head };
    },

    async remove(feedId, now) {
      const { count } = await prisma.feed.updateMany({
        where: { id: feedId, deletedAt: null },
        data: { deletedAt: now },
      });
      return count > 0;
    },
  };
}

export function toFeedRow(row: Omit<FeedRow, 'messageCount'> & { messageCount: bigint }): FeedRow {
  return {
    id: row.id,
    zoneName: row.zoneName,
    kind: row.kind,
    ownerId: row.ownerId,
    label: row.label,
    publicRead: row.publicRead,
    readers: row.readers,
    writers: row.writers,
    messageCount: Number(row.messageCount),
    headHash: row.headHash,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The wire form (docs/protocol.md §6). */
export function toFeedInfo(feed: FeedRow): FeedInfo {
  return {
    feedId: feed.id,
    zone: feed.zoneName,
    kind: feed.kind,
    owner: feed.ownerId,
    label: feed.label,
    publicRead: feed.publicRead,
    readers: feed.readers,
    writers: feed.writers,
    messageCount: feed.messageCount,
    headHash: feed.headHash,
    createdAt: feed.createdAt.toISOString(),
    updatedAt: feed.updatedAt.toISOString(),
  };
}

/**
 * One message as JSON text, its value spliced in as stored: the canonical text keeps numbers
 * exactly as written (1.0, big integers), which a JSON.stringify round trip would not.
 */
export function feedMessageJson(row: FeedMessageRow): string {
  return (
    `{"seq":${row.seq},"author":${JSON.stringify(row.author)},"timestamp":${row.createdAt.getTime()},` +
    `"message":${row.message},"previousHash":${JSON.stringify(row.previousHash)},"hash":"${row.hash}",` +
    `"clientId":${JSON.stringify(row.clientId)},"signature":${JSON.stringify(row.signature)},` +
    `"signedAt":${row.signedAt === null ? 'null' : row.signedAt}}`
  );
}
