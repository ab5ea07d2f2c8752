import { createZoneClient, FigurlError, storeBytes } from '@figurl/sdk';
import { z } from 'zod';
import { toErrorResponse } from './error-response';
import { readJsonRequest } from './read-json-request';
import { readSession } from './session-cookie';
import type { ShellDeps } from './shell-deps';

/** A plugin's storeFile: text, sortingview curation snapshots and the like. */
const maxStoreBytes = 32 << 20;

const storeRequestSchema = z.strictObject({ fileData: z.string() });

/**
 * `POST /api/store {fileData}` → `{uri: 'sha1://…'}`: a plugin's `storeFile`, after the user
 * allowed it on the figure page. The shell stores through the zone's verified upload with its
 * own zone token (FIGURL_ZONE_TOKEN), for signed-in users, or for anyone when the zone takes
 * anonymous uploads (the embedded default).
 */
export async function handleStore(request: Request, deps: ShellDeps): Promise<Response> {
  try {
    const { fileData } = await readJsonRequest(request, deps.config, storeRequestSchema, {
      what: 'store request',
      maxBytes: maxStoreBytes * 2,
    });
    const session = await readSession(request.headers, deps.config, deps.now);
    const zone = createZoneClient({ baseUrl: deps.config.zoneUrl, fetch: deps.fetch, token: deps.config.zoneToken });
    const bytes = new TextEncoder().encode(fileData);
    if (bytes.byteLength > maxStoreBytes) {
      throw new FigurlError(
        'PAYLOAD_TOO_LARGE',
        `the file is ${bytes.byteLength} bytes: at most ${maxStoreBytes} can be stored from a figure`,
      );
    }
    try {
      const { sha1 } = await storeBytes(zone, bytes);
      return Response.json({ uri: `sha1://${sha1}` }, { headers: { 'cache-control': 'no-store' } });
    } catch (err) {
      if (
        err instanceof FigurlError &&
        (err.code === 'UNAUTHORIZED' || err.code === 'FORBIDDEN') &&
        session === undefined
      ) {
        throw new FigurlError('UNAUTHORIZED', 'sign in to store files: this zone does not take anonymous uploads');
      }
      throw err;
    }
  } catch (err) {
    return toErrorResponse(err);
  }
}
