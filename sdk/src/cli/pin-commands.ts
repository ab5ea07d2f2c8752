import { parsePinDuration } from '../schemas/pins.js';
import { sha1FromUri } from '../uri/sha1-from-uri.js';
import { createPinClient } from '../zone-client/pin-client.js';
import { CliUsageError } from './cli-usage-error.js';
import type { CommandContext } from './command-context.js';
import type { CommandSpec } from './command-spec.js';
import { writeOutput } from './write-output.js';

const pinsOf = (context: CommandContext) => createPinClient(context.client.connection);
const writeLine = (context: CommandContext, value: unknown) =>
  writeOutput(context.io.stdout, `${JSON.stringify(value)}\n`);

/** `--expires <duration>` as seconds (1h … 365d), or undefined; a usage error names `command`. */
export function expiresOption(text: string | undefined, command: string): number | undefined {
  if (text === undefined) return undefined;
  try {
    return parsePinDuration(text);
  } catch (err) {
    throw new CliUsageError(`--expires: ${(err as Error).message}`, command);
  }
}

/** `figurl pin`, `unpin`, `pins` (docs/protocol.md §8). */
export const pinCommands: Record<string, CommandSpec> = {
  pin: {
    operands: { names: '<uri>', min: 1, max: 1 },
    strings: ['expires'],
    summary: 'pin <uri> [--expires <duration>]  keep a stored blob; prints the pin as JSON',
    usage: `usage: figurl pin <uri> [--expires <duration>]

Pins the blob for you (FIGURL_TOKEN), so the zone keeps it, and prints the pin as JSON. A file
you store is pinned already; pin what others stored that you rely on. --expires (1h to 365d:
90m, 12h, 7d, 1y) makes it scratch: the pin lapses then. Pinning again replaces the expiry.`,
    async run(context, { positionals, options }) {
      const expiresInSeconds = expiresOption(options.expires, 'pin');
      const pin = await pinsOf(context).pin(
        sha1FromUri(positionals[0] as string),
        expiresInSeconds === undefined ? {} : { expiresInSeconds },
      );
      await writeLine(context, pin);
      return 0;
    },
  },

  unpin: {
    operands: { names: '<uri>', min: 1, max: 1 },
    summary: 'unpin <uri>                     drop your pin; the blob goes once nothing keeps it',
    usage: `usage: figurl unpin <uri>

Removes your pin of the blob (FIGURL_TOKEN). The zone collects the blob once no pin and no live
figure, feed, mutable or curation keeps it, and it is older than the zone's grace period.`,
    async run(context, { positionals }) {
      await pinsOf(context).unpin(sha1FromUri(positionals[0] as string));
      return 0;
    },
  },

  pins: {
    operands: { names: '', min: 0, max: 0 },
    summary: 'pins                            list your pins, one JSON line each',
    usage: `usage: figurl pins

Prints your pins (FIGURL_TOKEN) in sha1 order, one JSON line each:
{"sha1","user","expiresAt","createdAt","stored"}.`,
    async run(context) {
      const pins = pinsOf(context);
      let after: string | null = null;
      do {
        const page = await pins.list(after === null ? { limit: 1000 } : { after, limit: 1000 });
        await writeOutput(context.io.stdout, page.pins.map((pin) => `${JSON.stringify(pin)}\n`).join(''));
        after = page.next;
      } while (after !== null);
      return 0;
    },
  },
};
