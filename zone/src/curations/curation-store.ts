import type { PrismaClient } from '@figurl/prisma';
import { type CurationInfo, parseCuration } from '@figurl/sdk';
import { type FeedRow, type FeedStore, toFeedRow } from '../feeds/feed-store.js';

export interface CurationRow {
  /** Zone, owner, label, editors (writers), readers and times. */
  feed: FeedRow;
  editRepo: string | null;
  state: string;
  version: number;
}

export interface CurationStore {
  /** A curation and its (empty) action feed, in one transaction. */
  create(input: {
    zoneName: string;
    ownerId: string;
    label?: string | undefined;
    editors?: string[] | undefined;
    editRepo?: string | undefined;
    publicRead?: boolean | undefined;
  }): Promise<FeedRow>;
  find(curationId: string): Promise<CurationRow | null>;
}

/**
 * Curation documents: a `curations` row (edit repo, reduced state, version) over a feed
 * of kind `curation` with the same id, which holds the actions and the access lists (editors
 * are the feed's writers).
 */
export function createCurationStore(prisma: PrismaClient, feeds: FeedStore): CurationStore {
  return {
    async create(input) {
      return prisma.$transaction(async (tx) => {
        const feed = await feeds.create(
          {
            zoneName: input.zoneName,
            ownerId: input.ownerId,
            kind: 'curation',
            label: input.label,
            publicRead: input.publicRead,
            writers: input.editors,
          },
          tx,
        );
        await tx.curation.create({ data: { id: feed.id, editRepo: input.editRepo ?? null } });
        return feed;
      });
    },

    async find(curationId) {
      const row = await prisma.curation.findFirst({
        where: { id: curationId, feed: { deletedAt: null, kind: 'curation' } },
        include: { feed: true },
      });
      if (row === null) return null;
      return { feed: toFeedRow(row.feed), editRepo: row.editRepo, state: row.state, version: Number(row.version) };
    },
  };
}

/** The wire form (docs/protocol.md §7). */
export function toCurationInfo(row: CurationRow): CurationInfo {
  return {
    curationId: row.feed.id,
    zone: row.feed.zoneName,
    owner: row.feed.ownerId,
    label: row.feed.label,
    editors: row.feed.writers,
    editRepo: row.editRepo,
    publicRead: row.feed.publicRead,
    version: row.version,
    state: parseCuration(JSON.parse(row.state)),
    createdAt: row.feed.createdAt.toISOString(),
    updatedAt: row.feed.updatedAt.toISOString(),
  };
}
