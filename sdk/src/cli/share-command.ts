import { stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { FigurlError, quote } from '../errors/index.js';
import { runShare } from '../node/share/run-share.js';
import { resourceNameSchema } from '../schemas/edge.js';
import { CliUsageError } from './cli-usage-error.js';
import type { CommandContext } from './command-context.js';
import type { CommandSpec } from './command-spec.js';

/**
 * `figurl share <dir> [--name <name>]`: offers the folder's files to the zone until Ctrl-C
 * (docs/protocol.md §11), logging one line per event to stderr. The name defaults to the host
 * name, made to fit the resource name rules.
 *
 * @example
 * await shareCommand(context, { dir: '/data/session-12', name: 'lab-pc' });
 */
export async function shareCommand(context: CommandContext, args: { dir: string; name?: string }): Promise<number> {
  const name = args.name ?? defaultName();
  const checked = resourceNameSchema.safeParse(name);
  if (!checked.success)
    throw new CliUsageError(`invalid --name ${quote(name)}: ${checked.error.issues[0]?.message}`, 'share');
  const info = await stat(args.dir).catch(() => null);
  if (!info?.isDirectory()) {
    throw new FigurlError('INVALID_REQUEST', `cannot share ${quote(args.dir)}: expected a folder`);
  }
  const { stderr, signal } = context.io;
  await runShare(context.client, {
    dir: args.dir,
    name,
    cacheDir: context.settings.cacheDir,
    log: (line) => stderr.write(`figurl share: ${line}\n`),
    ...(signal === undefined ? {} : { signal }),
  });
  return 0;
}

function defaultName(): string {
  const cleaned = hostname()
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 100);
  return cleaned === '' ? 'lab' : cleaned;
}

/** The `share` entry of the command table. */
export const shareCommands: Record<string, CommandSpec> = {
  share: {
    operands: { names: '<dir>', min: 1, max: 1 },
    strings: ['name'],
    summary: "share <dir> [--name <name>]     serve the folder's files to the zone on request, until Ctrl-C",
    usage: `usage: figurl share <dir> [--name <name>]

Offers the files under <dir> to the zone without uploading them: hashes them once (cached in
$KACHERY_CLOUD_DIR by path, size and mtime), connects out to the zone (no inbound port), announces
their hashes and sizes, and uploads a file through the normal verified upload when someone asks
the zone for it (figurl load does so by itself). At most 2 uploads at a time; a file changed
since it was announced is refused and announced anew. Needs FIGURL_TOKEN with scope "upload"
unless the zone is open. --name names this resource in the zone (default: the host name).
Runs until Ctrl-C; one line per event on stderr.`,
    run: (context, { positionals, options }) =>
      shareCommand(context, {
        dir: positionals[0] as string,
        ...(options.name === undefined ? {} : { name: options.name }),
      }),
  },
};
