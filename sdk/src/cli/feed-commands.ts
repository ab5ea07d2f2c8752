import { type CanonicalJsonValue, canonicalJson, parseJsonPreservingNumbers } from '../canonical-json/index.js';
import { quote } from '../errors/index.js';
import type { FeedMessage } from '../schemas/feeds.js';
import { createFeedClient } from '../zone-client/feed-client.js';
import { CliUsageError } from './cli-usage-error.js';
import type { CommandContext } from './command-context.js';
import type { CommandSpec } from './command-spec.js';
import { writeOutput } from './write-output.js';

const feedsOf = (context: CommandContext) => createFeedClient(context.client.connection);
const one = (names: string) => ({ names, min: 1, max: 1 });

/** One line per message, keys in the wire order; values exactly as the zone stored them. */
function messageLine(m: FeedMessage): string {
  const { seq, author, timestamp, message, previousHash, hash, clientId, signature, signedAt } = m;
  const fields: Array<[string, CanonicalJsonValue]> = [
    ['seq', seq],
    ['author', author],
    ['timestamp', timestamp],
    ['message', message as CanonicalJsonValue],
    ['previousHash', previousHash],
    ['hash', hash],
  ];
  if (signature !== null) fields.push(['clientId', clientId], ['signature', signature], ['signedAt', signedAt]);
  return `{${fields.map(([key, value]) => `"${key}":${canonicalJson(value)}`).join(',')}}\n`;
}

function naturalNumber(text: string | undefined, option: string, command: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new CliUsageError(`invalid --${option} ${quote(text)}: expected a whole number >= 0`, command);
  }
  return Number(text);
}

function users(text: string | undefined): string[] | undefined {
  return text === undefined
    ? undefined
    : text
        .split(',')
        .map((user) => user.trim())
        .filter((user) => user !== '');
}

/** `figurl feed …`: create, append, read, watch, info, delete (docs/protocol.md §6). */
export const feedCommands: Record<string, CommandSpec> = {
  'feed create': {
    operands: { names: '', min: 0, max: 0 },
    strings: ['label', 'writers', 'readers'],
    booleans: ['private'],
    summary: 'feed create [--label <label>]     create a feed; prints its id',
    usage: `usage: figurl feed create [--label <label>] [--writers <u1,u2|*>] [--private [--readers <u1,u2>]]

Creates an append-only feed you own and prints its id (12 letters). --writers lets other users
append ("*": anyone who may upload to the zone); --private limits reading to you and --readers.`,
    async run(context, { options, flags }) {
      const feed = await feedsOf(context).create({
        ...(options.label === undefined ? {} : { label: options.label }),
        ...(flags.private ? { publicRead: false } : {}),
        ...(users(options.writers) === undefined ? {} : { writers: users(options.writers) }),
        ...(users(options.readers) === undefined ? {} : { readers: users(options.readers) }),
      });
      await writeOutput(context.io.stdout, `${feed.feedId}\n`);
      return 0;
    },
  },

  'feed append': {
    operands: { names: '<feedId> <json>...', min: 2, max: Number.POSITIVE_INFINITY },
    strings: ['previous-hash'],
    summary: 'feed append <feedId> <json>...  append messages (all or none); prints each seq',
    usage: `usage: figurl feed append <feedId> <json>... [--previous-hash <hash|null>]

Appends every <json> message in one request, all or none, and prints the seq of each, one per
line. Each <json> is a JSON value: quote strings ('"done"'); put values starting with "-" after
"--". --previous-hash makes the append fail with CONFLICT unless the feed's last hash is <hash>
("null": unless the feed is empty).`,
    async run(context, { positionals, options }) {
      const [feedId, ...texts] = positionals as [string, ...string[]];
      const messages = texts.map((text, index) => {
        try {
          return { message: parseJsonPreservingNumbers(text) };
        } catch {
          throw new CliUsageError(
            `message ${index + 1} ${quote(text)} is not JSON: expected a JSON value (quote a string: '"${text}"')`,
            'feed append',
          );
        }
      });
      const previous = options['previous-hash'];
      const result = await feedsOf(context).append(
        feedId,
        messages,
        previous === undefined ? {} : { previousHash: previous === 'null' ? null : previous },
      );
      await writeOutput(context.io.stdout, result.appended.map((m) => `${m.seq}\n`).join(''));
      return 0;
    },
  },

  'feed read': {
    operands: one('<feedId>'),
    strings: ['from', 'limit'],
    summary: 'feed read <feedId> [--from <n>]  print messages, one JSON object per line',
    usage: `usage: figurl feed read <feedId> [--from <n>] [--limit <n>]

Prints the feed's messages from seq <n> (default 0), one JSON object per line:
{"seq","author","timestamp","message","previousHash","hash"} (+ "clientId", "signature",
"signedAt" when signed). Stops at the end of the feed or after <limit> messages.`,
    async run(context, { positionals, options }) {
      const feedId = positionals[0] as string;
      let from = naturalNumber(options.from, 'from', 'feed read') ?? 0;
      let left = naturalNumber(options.limit, 'limit', 'feed read') ?? Number.POSITIVE_INFINITY;
      const feeds = feedsOf(context);
      while (left > 0) {
        const page = await feeds.read(feedId, { from, limit: Math.min(1000, left) });
        if (page.messages.length === 0) break;
        await writeOutput(context.io.stdout, page.messages.map(messageLine).join(''));
        left -= page.messages.length;
        from = (page.messages.at(-1) as FeedMessage).seq + 1;
        if (from >= page.messageCount) break;
      }
      return 0;
    },
  },

  'feed watch': {
    operands: one('<feedId>'),
    strings: ['from'],
    summary: 'feed watch <feedId> [--from <n>] print messages as they arrive, until interrupted',
    usage: `usage: figurl feed watch <feedId> [--from <n>]

Prints the feed's messages from seq <n> (default 0) as \`feed read\` does, then keeps printing
new ones as they are appended (long-polls of up to 25 s), until interrupted (Ctrl-C).`,
    async run(context, { positionals, options }) {
      const feedId = positionals[0] as string;
      const from = naturalNumber(options.from, 'from', 'feed watch') ?? 0;
      const signal = context.io.signal;
      for await (const message of feedsOf(context).watch(feedId, { from, ...(signal ? { signal } : {}) })) {
        await writeOutput(context.io.stdout, messageLine(message));
      }
      return 0;
    },
  },

  'feed info': {
    operands: one('<feedId>'),
    summary: 'feed info <feedId>               print the feed (owner, count, head) as JSON',
    usage: `usage: figurl feed info <feedId>

Prints the feed as JSON: feedId, zone, kind, owner, label, publicRead, readers, writers,
messageCount, headHash, createdAt, updatedAt.`,
    async run(context, { positionals }) {
      const feed = await feedsOf(context).info(positionals[0] as string);
      await writeOutput(context.io.stdout, `${JSON.stringify(feed)}\n`);
      return 0;
    },
  },

  'feed delete': {
    operands: one('<feedId>'),
    summary: 'feed delete <feedId>             delete a feed you own',
    usage: `usage: figurl feed delete <feedId>

Deletes the feed (its owner or a zone admin only); reading it afterwards answers NOT_FOUND.`,
    async run(context, { positionals }) {
      await feedsOf(context).remove(positionals[0] as string);
      return 0;
    },
  },
};
