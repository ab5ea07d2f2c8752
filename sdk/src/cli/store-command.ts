import { basename } from 'node:path';
import { storeFile } from '../node/store-file.js';
import { toSha1Uri } from '../uri/to-sha1-uri.js';
import type { CommandContext } from './command-context.js';
import { definedOnly } from './command-spec.js';
import { writeOutput } from './write-output.js';

/**
 * `figurl store <file> [--label L]` and `kachery-cloud-store`: one stdout line,
 * `sha1://<hash>?label=<quoted label>`, exactly as the Python client prints it.
 *
 * @example
 * await storeCommand(context, { file: 'my file.txt' }); // prints sha1://…?label=my%20file.txt
 */
export async function storeCommand(
  context: CommandContext,
  args: { file: string; label?: string; expiresInSeconds?: number },
): Promise<number> {
  const label = args.label ?? basename(args.file);
  // Refuse an unusable label (lone surrogate, over the URI length cap) before hashing gigabytes.
  toSha1Uri('0'.repeat(40), { label });
  const stored = await storeFile(context.client, args.file, {
    onProgress: context.progress.onProgress,
    ...definedOnly({ expiresInSeconds: args.expiresInSeconds }),
  });
  context.progress.finish();
  await writeOutput(context.io.stdout, `${toSha1Uri(stored.sha1, { label })}\n`);
  return 0;
}
