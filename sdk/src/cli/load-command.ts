import { copyFile } from 'node:fs/promises';
import type { CommandContext } from './command-context.js';
import { fetchFromResource } from './fetch-from-resource.js';
import { findBlobFile, notFoundError } from './find-blob-file.js';
import { writeOutput } from './write-output.js';

/**
 * `figurl load <uri> [--dest P]`: prints the cache path, or P after copying there. A blob the
 * zone lacks is fetched from a `figurl share` resource that announced it. Not found is
 * an error, except for `kachery-cloud-load` (`quietNotFound`), which, like the Python client,
 * prints nothing and exits 0.
 *
 * @example
 * await loadCommand(context, { uri: 'sha1://b971…6230', dest: 'out.txt' }); // prints out.txt
 */
export async function loadCommand(
  context: CommandContext,
  args: { uri: string; dest?: string; quietNotFound?: boolean },
): Promise<number> {
  // Not in the zone: a `figurl share` resource that announced it may upload it now.
  const file = (await findBlobFile(context, args.uri)) ?? (await fetchFromResource(context, args.uri));
  if (file === null) {
    if (args.quietNotFound) return 0;
    throw notFoundError(context, args.uri);
  }
  if (args.dest !== undefined) await copyFile(file.path, args.dest);
  await writeOutput(context.io.stdout, `${args.dest ?? file.path}\n`);
  return 0;
}
