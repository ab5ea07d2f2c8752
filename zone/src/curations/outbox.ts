import type { PrismaClient } from '@figurl/prisma';

export interface OutboxEvent {
  id: number;
  topic: string;
  key: string;
  payload: unknown;
  createdAt: Date;
}

export interface Outbox {
  /** Events of `topic` about `zone` with ids after `after`, oldest first. */
  read(query: { zone: string; topic: string; after: number; limit: number }): Promise<OutboxEvent[]>;
}

/** The outbox table, read by consumers after a cursor (at least once: they must be idempotent). */
export function createOutbox(prisma: PrismaClient): Outbox {
  return {
    async read({ zone, topic, after, limit }) {
      const rows = await prisma.$queryRaw<
        Array<{ id: bigint; topic: string; key: string; payload: unknown; createdAt: Date }>
      >`
        SELECT id, topic, key, payload, created_at AS "createdAt" FROM outbox_events
        WHERE topic = ${topic} AND id > ${after} AND payload->>'zone' = ${zone}
        ORDER BY id LIMIT ${limit}`;
      return rows.map((row) => ({ ...row, id: Number(row.id) }));
    },
  };
}
