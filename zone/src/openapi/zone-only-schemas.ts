import {
  byteSizeSchema,
  calendarDaySchema,
  clientIdSchema,
  feedIdSchema,
  sha1HashSchema,
  zoneNameSchema,
} from '@figurl/sdk';
import { z } from 'zod';

/*
 * Path parameters (the routes keep theirs private) and the few answers the sdk has no schema
 * for, because no sdk client reads them. The routes build those answers by hand: keep these in
 * step, or better, move them to sdk/src/schemas when a client needs them.
 */

export const hashParamsSchema = z.strictObject({ hash: sha1HashSchema });
export const uploadParamsSchema = z.strictObject({ uploadId: z.uuid() });
export const feedParamsSchema = z.strictObject({ feedId: feedIdSchema });
export const curationParamsSchema = z.strictObject({ curationId: feedIdSchema });
export const figureParamsSchema = z.strictObject({ id: z.uuid() });
export const clientParamsSchema = z.strictObject({ clientId: clientIdSchema });
export const edgeRequestParamsSchema = z.strictObject({ hash: sha1HashSchema, requestId: z.uuid() });

/** `PUT /api/v1/uploads/:uploadId` (routes/uploads.ts). */
export const uploadReceivedSchema = z.strictObject({ received: byteSizeSchema });

/** `DELETE /api/v1/feeds/:feedId` (routes/feeds.ts). */
export const deleteFeedResponseSchema = z.strictObject({ feedId: feedIdSchema, deleted: z.literal(true) });

/** `GET /api/v1/usage` (routes/usage.ts, rows of repositories/usage-repository.ts). */
export const usageResponseSchema = z.strictObject({
  zone: zoneNameSchema,
  days: z.array(
    z.strictObject({
      day: calendarDaySchema,
      zoneName: zoneNameSchema,
      userId: z.string(),
      uploadCount: z.number().int().nonnegative(),
      uploadBytes: z.number().int().nonnegative(),
      downloadCount: z.number().int().nonnegative(),
      downloadBytes: z.number().int().nonnegative(),
    }),
  ),
});
