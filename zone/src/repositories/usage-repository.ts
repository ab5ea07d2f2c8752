import type { PrismaClient } from '@figurl/prisma';

export interface UsageDelta {
  zoneName: string;
  userId: string;
  uploadCount?: number;
  uploadBytes?: number;
  downloadCount?: number;
  downloadBytes?: number;
}

export interface UsageRow {
  day: string;
  zoneName: string;
  userId: string;
  uploadCount: number;
  uploadBytes: number;
  downloadCount: number;
  downloadBytes: number;
}

export interface UsageRepository {
  /** Adds to today's (UTC) counters for the user in the zone, atomically. */
  record(delta: UsageDelta, at: Date): Promise<void>;
  list(filter: { zoneName: string; from: string; to: string }): Promise<UsageRow[]>;
}

export function createUsageRepository(prisma: PrismaClient): UsageRepository {
  return {
    async record(delta, at) {
      const day = at.toISOString().slice(0, 10);
      const up = BigInt(delta.uploadCount ?? 0);
      const upBytes = BigInt(delta.uploadBytes ?? 0);
      const down = BigInt(delta.downloadCount ?? 0);
      const downBytes = BigInt(delta.downloadBytes ?? 0);
      await prisma.$executeRaw`
        INSERT INTO usage_days (day, zone_name, user_id, upload_count, upload_bytes, download_count, download_bytes)
        VALUES (${day}::date, ${delta.zoneName}, ${delta.userId}, ${up}, ${upBytes}, ${down}, ${downBytes})
        ON CONFLICT (day, zone_name, user_id) DO UPDATE SET
          upload_count = usage_days.upload_count + EXCLUDED.upload_count,
          upload_bytes = usage_days.upload_bytes + EXCLUDED.upload_bytes,
          download_count = usage_days.download_count + EXCLUDED.download_count,
          download_bytes = usage_days.download_bytes + EXCLUDED.download_bytes`;
    },
    async list({ zoneName, from, to }) {
      const rows = await prisma.usageDay.findMany({
        where: { zoneName, day: { gte: new Date(`${from}T00:00:00Z`), lte: new Date(`${to}T00:00:00Z`) } },
        select: {
          day: true,
          zoneName: true,
          userId: true,
          uploadCount: true,
          uploadBytes: true,
          downloadCount: true,
          downloadBytes: true,
        },
        orderBy: [{ day: 'asc' }, { userId: 'asc' }],
      });
      return rows.map((r) => ({
        day: r.day.toISOString().slice(0, 10),
        zoneName: r.zoneName,
        userId: r.userId,
        uploadCount: Number(r.uploadCount),
        uploadBytes: Number(r.uploadBytes),
        downloadCount: Number(r.downloadCount),
        downloadBytes: Number(r.downloadBytes),
      }));
    },
  };
}
