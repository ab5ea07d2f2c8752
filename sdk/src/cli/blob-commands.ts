import { catCommand } from './cat-command.js';
import { type CommandSpec, definedOnly } from './command-spec.js';
import { infoCommand } from './info-command.js';
import { loadCommand } from './load-command.js';
import { expiresOption } from './pin-commands.js';
import { storeCommand } from './store-command.js';

const one = (names: string) => ({ names, min: 1, max: 1 });

const store: CommandSpec = {
  operands: one('<file>'),
  strings: ['label', 'expires'],
  summary: 'store <file> [--label <label>]  upload a file; prints sha1://<hash>?label=<label>',
  usage: `usage: figurl store <file> [--label <label>] [--expires <duration>]

Uploads <file> unless the zone already holds it; prints one line sha1://<hash>?label=<label>.
The label defaults to the file's name and is quoted like Python's urllib.parse.quote.
The zone keeps the file pinned for you until you unpin it (figurl unpin <uri>); --expires
(1h to 365d: 90m, 12h, 7d) stores scratch data instead: the pin lapses then.`,
  run: (context, { positionals, options }) =>
    storeCommand(context, {
      file: positionals[0] as string,
      ...definedOnly({ label: options.label, expiresInSeconds: expiresOption(options.expires, 'store') }),
    }),
};

const load = (quietNotFound: boolean, usage: string, summary?: string): CommandSpec => ({
  operands: one('<uri>'),
  strings: ['dest'],
  usage,
  ...definedOnly({ summary }),
  run: (context, { positionals, options }) =>
    loadCommand(context, { uri: positionals[0] as string, quietNotFound, ...definedOnly({ dest: options.dest }) }),
});

const cat = (usage: string, summary?: string): CommandSpec => ({
  operands: one('<uri>'),
  usage,
  ...definedOnly({ summary }),
  run: (context, { positionals }) => catCommand(context, { uri: positionals[0] as string }),
});

/** store, load, cat, info and the kachery-cloud-* aliases. */
export const blobCommands: Record<string, CommandSpec> = {
  store,
  load: load(
    false,
    `usage: figurl load <uri> [--dest <path>]

Downloads the file into $KACHERY_CLOUD_DIR/sha1/aa/bb/cc/<hash> (verified against its hash;
a cached copy is used as is) and prints its path, or copies it to <path> and prints <path>.`,
    'load <uri> [--dest <path>]      download (verified) into the cache; prints the local path',
  ),
  cat: cat(
    `usage: figurl cat <uri>

Writes the file's bytes to stdout, after loading and verifying them into the cache.`,
    "cat <uri>                       write the file's bytes to stdout",
  ),
  info: {
    operands: one('<uri>'),
    summary: 'info <uri>                      print {found, size, sha256, createdAt} as JSON',
    usage: `usage: figurl info <uri>

Prints what the zone knows of the file as JSON: {"found": true, "size", "sha256", "createdAt"}
or {"found": false}.`,
    run: (context, { positionals }) => infoCommand(context, { uri: positionals[0] as string }),
  },
  'kachery-cloud-store': {
    operands: store.operands,
    strings: ['label'],
    usage: `usage: kachery-cloud-store <file> [--label <label>]

Like figurl store: prints sha1://<hash>?label=<label>.`,
    run: store.run,
  },
  'kachery-cloud-load': load(
    true,
    `usage: kachery-cloud-load <uri> [--dest <path>]

Like figurl load, but prints nothing and exits 0 when the file is not found, as the Python
client does.`,
  ),
  'kachery-cloud-cat': cat(`usage: kachery-cloud-cat <uri>

Like figurl cat: writes the file's bytes to stdout.`),
};
