import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { CommandContext } from './command-context.js';
import { findBlobFile, notFoundError } from './find-blob-file.js';

/**
 * `figurl cat <uri>` and `kachery-cloud-cat`: the bytes on stdout, streamed from the verified
 * cache copy, so a corrupt download never reaches a pipe. A reader that stops early
 * (`| head`) ends the command quietly with exit 0.
 *
 * @example
 * await catCommand(context, { uri: 'sha1://b971c6ef19b1d70ae8f0feb989b106c319b36230' });
 */
export async function catCommand(context: CommandContext, args: { uri: string }): Promise<number> {
  const file = await findBlobFile(context, args.uri);
  if (file === null) throw notFoundError(context, args.uri);
  try {
    // end: false: stdout belongs to the process, not to this command.
    await pipeline(createReadStream(file.path, { highWaterMark: 1 << 20 }), context.io.stdout, { end: false });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EPIPE') return 0;
    throw err;
  }
  return 0;
}
