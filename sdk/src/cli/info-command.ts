import { sha1FromUri } from '../uri/sha1-from-uri.js';
import type { CommandContext } from './command-context.js';
import { writeOutput } from './write-output.js';

/**
 * `figurl info <uri>`: JSON indented by 4 like `kachery-cloud-load-info`,
 * `{"found": true, "size", "sha256", "createdAt"}` or `{"found": false}`.
 *
 * @example
 * await infoCommand(context, { uri: 'sha1://b971c6ef19b1d70ae8f0feb989b106c319b36230' });
 */
export async function infoCommand(context: CommandContext, args: { uri: string }): Promise<number> {
  const blob = await context.client.findBlob(sha1FromUri(args.uri));
  const info =
    blob === null ? { found: false } : { found: true, size: blob.size, sha256: blob.sha256, createdAt: blob.createdAt };
  await writeOutput(context.io.stdout, `${JSON.stringify(info, null, 4)}\n`);
  return 0;
}
