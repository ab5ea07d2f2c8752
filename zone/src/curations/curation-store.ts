import type { PrismaClient } from '@figurl/prisma';
import { type CurationInfo, parseCuration } from '@figurl/sdk';
import type { FeedRow, FeedStore } from '../feeds/feed-store.js';

export interface CurationRow {
  feed: FeedRow;
  label: string | null;
  editRepo: string | null;
  state: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
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
 * Curation documents: a `curations` row (label, edit repo, reduced state, version) over a feed
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
        await tx.curation.create({
          data: {
            id: feed.id,
            zoneName: input.zoneName,
            ownerId: input.ownerId,
            label: input.label ?? null,
            editors: input.editors ?? [],
            editRepo: input.editRepo ?? null,
          },
        });
        return feed;
      });
    },

    async find(curationId) {
      const feed = await feeds.find(curationId);
      if (feed === null || feed.kind !== 'curation') return null;
      const row = await prisma.curation.findUnique({ where: { id: curationId } });
      if (row === null) return null;
      return {
        feed,
        label: row.label,
        editRepo: row.editRepo,
        state: row.state,
        version: Number(row.version),
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
      };
    },
  };
}

/** The wire form (docs/protocol.md §7). */
export function toCurationInfo(row: CurationRow): CurationInfo {
  return {
    curationId: row.feed.id,
    zone: row.feed.zoneName,
    owner: row.feed.ownerId,
    label: row.label,
    editors: row.feed.writers,
    editRepo: row.editRepo,
    publicRead: row.feed.publicRead,
    version: row.version,
    state: parseCuration(JSON.parse(row.state)),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
