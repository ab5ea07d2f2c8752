import { FigurlError, isFigurlError, quote } from '../errors/index.js';
import { type LoadedFile, loadFile } from '../node/load-file.js';
import { sha1FromUri } from '../uri/sha1-from-uri.js';
import type { CommandContext } from './command-context.js';

/**
 * The verified local file a URI names (cache first, then the zone), or null when the zone does
 * not have it. Shared by `load` and `cat`.
 *
 * @example
 * const file = await findBlobFile(context, 'sha1://b971c6ef19b1d70ae8f0feb989b106c319b36230');
 */
export async function findBlobFile(context: CommandContext, uri: string): Promise<LoadedFile | null> {
  const hash = sha1FromUri(uri);
  try {
    return await loadFile(context.client, {
      hash,
      cacheDir: context.settings.cacheDir,
      onProgress: context.progress.onProgress,
    });
  } catch (err) {
    if (isFigurlError(err, 'NOT_FOUND')) return null;
    throw err;
  } finally {
    context.progress.finish();
  }
}

/** The one-line error for a URI the zone does not hold. */
export function notFoundError(context: CommandContext, uri: string): FigurlError {
  const { zone, zoneUrl } = context.settings;
  return new FigurlError('NOT_FOUND', `${quote(uri)} not found: zone "${zone}" at ${zoneUrl} does not hold it`);
}
