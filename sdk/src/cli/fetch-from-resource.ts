import { isFigurlError } from '../errors/index.js';
import type { LoadedFile } from '../node/load-file.js';
import { sha1FromUri } from '../uri/sha1-from-uri.js';
import { createEdgeClient } from '../zone-client/edge-client.js';
import type { CommandContext } from './command-context.js';
import { findBlobFile } from './find-blob-file.js';
import { writeOutput } from './write-output.js';

/**
 * For a URI the zone does not hold: asks the zone to fetch it from a `figurl share` resource that
 * announced it, waits (a progress bar on a terminal) and loads it as usual. Null when no
 * connected resource announced it; throws when the resource failed or went away.
 *
 * @example
 * const file = (await findBlobFile(context, uri)) ?? (await fetchFromResource(context, uri));
 */
export async function fetchFromResource(context: CommandContext, uri: string): Promise<LoadedFile | null> {
  const hash = sha1FromUri(uri);
  const { io, progress } = context;
  let announced = false;
  try {
    await createEdgeClient(context.client.connection).fetchToZone(hash, {
      ...(io.signal === undefined ? {} : { signal: io.signal }),
      onProgress: (request) => {
        if (io.isTTY && !announced) {
          announced = true;
          const who = `resource "${request.resource.name}" of "${request.resource.owner}"`;
          void writeOutput(
            io.stderr,
            `figurl: sha1://${hash} is on ${who}: asking it to upload ${request.size} bytes\n`,
          );
        }
        progress.onProgress({ phase: 'upload', bytes: request.bytes, total: request.size });
      },
    });
  } catch (err) {
    if (isFigurlError(err, 'NOT_FOUND')) return null;
    throw err;
  } finally {
    progress.finish();
  }
  return findBlobFile(context, uri);
}
