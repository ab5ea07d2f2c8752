import { type CanonicalJsonValue, canonicalJson, parseJsonPreservingNumbers } from '../canonical-json/index.js';
import { quote } from '../errors/index.js';
import type { MutableValue, MutableVersion } from '../schemas/mutables.js';
import { createMutableClient } from '../zone-client/mutable-client.js';
import { CliUsageError } from './cli-usage-error.js';
import type { CommandContext } from './command-context.js';
import type { CommandSpec } from './command-spec.js';
import { writeOutput } from './write-output.js';

const mutablesOf = (context: CommandContext) => createMutableClient(context.client.connection);
const one = (names: string) => ({ names, min: 1, max: 1 });

/**
 * `<value>` of `mutable set`: JSON when it parses as JSON (numbers as written: 1.0 stays a
 * float), else the text itself as a string; `--string` always takes the text.
 */
function parseValue(text: string, asString: boolean): MutableValue {
  if (asString) return text;
  let value: CanonicalJsonValue;
  try {
    value = parseJsonPreservingNumbers(text);
  } catch {
    return text;
  }
  if (value === null) {
    throw new CliUsageError(
      'invalid <value> null: expected a value other than JSON null (figurl mutable delete removes a mutable; --string stores the text "null")',
      'mutable set',
    );
  }
  return value;
}

function version(text: string | undefined, command: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[1-9][0-9]{0,9}$/.test(text) || Number(text) >= 2 ** 31) {
    throw new CliUsageError(`invalid --if-version ${quote(text)}: expected a version number (1, 2, …)`, command);
  }
  return Number(text);
}

function users(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  return text
    .split(',')
    .map((user) => user.trim())
    .filter((user) => user !== '');
}

/** A history line: the version with its value as stored (canonical JSON), null for a delete. */
function versionLine(v: MutableVersion): string {
  const value = v.value === null ? 'null' : canonicalJson(v.value);
  return `{"version":${v.version},"value":${value},"author":${JSON.stringify(v.author)},"createdAt":"${v.createdAt}"}\n`;
}

/** `figurl mutable …`: get, set, history, delete (docs/protocol.md §12). */
export const mutableCommands: Record<string, CommandSpec> = {
  'mutable get': {
    operands: one('<key>'),
    booleans: ['json', 'meta'],
    summary: 'mutable get <key> [--json]      print the value of a mutable',
    usage: `usage: figurl mutable get <key> [--json | --meta]

Prints the current value of the mutable <key> (e.g. @figures/@2026/plot-1): a string as its
text, anything else as compact JSON; --json prints a string as JSON too. --meta prints one JSON
object {"key", "version", "ownerId", "writers", "updatedBy", "createdAt", "updatedAt", "value"}.
A missing or deleted mutable is an error naming the key (exit 1).`,
    async run(context, { positionals, flags }) {
      const mutable = await mutablesOf(context).get(positionals[0] as string);
      let line: string;
      if (flags.meta) {
        const { value, ...info } = mutable;
        line = `${JSON.stringify(info).slice(0, -1)},"value":${canonicalJson(value)}}`;
      } else {
        line = typeof mutable.value === 'string' && !flags.json ? mutable.value : canonicalJson(mutable.value);
      }
      await writeOutput(context.io.stdout, `${line}\n`);
      return 0;
    },
  },

  'mutable set': {
    operands: { names: '<key> <value>', min: 2, max: 2 },
    strings: ['if-version', 'writers'],
    booleans: ['create-only', 'string'],
    summary: 'mutable set <key> <value>       set a value; prints the new version',
    usage: `usage: figurl mutable set <key> <value> [--if-version <v> | --create-only] [--string] [--writers <u1,u2|*>]

Sets the mutable <key> to <value> and prints its new version. <value> is read as JSON when it
is valid JSON (42, true, [1,2], {"a":1}, '"text"'), otherwise as a string; --string always
takes it as a string. Put a value starting with "-" after "--".
  --if-version <v>   only if the mutable is at version <v>, else CONFLICT (nothing changes)
  --create-only      only if the mutable does not exist, else CONFLICT
  --writers <list>   who besides you may change it ("*": anyone who may upload); owner only`,
    async run(context, { positionals, options, flags }) {
      const [key, text] = positionals as [string, string];
      const ifVersion = version(options['if-version'], 'mutable set');
      if (ifVersion !== undefined && flags['create-only']) {
        throw new CliUsageError('expected --if-version or --create-only, not both', 'mutable set');
      }
      const writers = users(options.writers);
      const info = await mutablesOf(context).set(key, parseValue(text, flags.string === true), {
        ...(ifVersion === undefined ? {} : { ifVersion }),
        ...(flags['create-only'] ? { createOnly: true } : {}),
        ...(writers === undefined ? {} : { writers }),
      });
      await writeOutput(context.io.stdout, `${info.version}\n`);
      return 0;
    },
  },

  'mutable history': {
    operands: one('<key>'),
    summary: 'mutable history <key>           print every version, one JSON object per line',
    usage: `usage: figurl mutable history <key>

Prints every version of the mutable <key>, oldest first, one JSON object per line:
{"version", "value", "author", "createdAt"}; "value" is null for a delete.`,
    async run(context, { positionals }) {
      const key = positionals[0] as string;
      const mutables = mutablesOf(context);
      for (let after = 0; ; ) {
        const page = await mutables.history(key, { after, limit: 1000 });
        await writeOutput(context.io.stdout, page.versions.map(versionLine).join(''));
        if (page.next === null) return 0;
        after = page.next;
      }
    },
  },

  'mutable delete': {
    operands: one('<key>'),
    strings: ['if-version'],
    summary: 'mutable delete <key>            delete a mutable (its history stays); prints the version',
    usage: `usage: figurl mutable delete <key> [--if-version <v>]

Deletes the mutable <key>: a new version without a value, kept in the history. Prints that
version. --if-version <v>: only if the mutable is at version <v>, else CONFLICT.`,
    async run(context, { positionals, options }) {
      const ifVersion = version(options['if-version'], 'mutable delete');
      const info = await mutablesOf(context).delete(
        positionals[0] as string,
        ifVersion === undefined ? {} : { ifVersion },
      );
      await writeOutput(context.io.stdout, `${info.version}\n`);
      return 0;
    },
  },
};
