import { parseArgs } from 'node:util';
import { CliUsageError } from './cli-usage-error.js';

export interface CommandArgs {
  positionals: string[];
  /** The command's string options (`--label`, `--dest`), when given. */
  options: Record<string, string | undefined>;
  help: boolean;
}

/**
 * Parses one command's arguments with `util.parseArgs` (strict): `--help`/`-h` and `--debug`
 * everywhere, the given string options, and exactly `positional` operands unless `--help`.
 * Every mistake becomes a CliUsageError naming the command.
 *
 * @example
 * parseCommandArgs('store', ['a.txt', '--label', 'A'], { positional: '<file>', strings: ['label'] });
 * // { positionals: ['a.txt'], options: { label: 'A' }, help: false }
 */
export function parseCommandArgs(
  command: string,
  args: string[],
  spec: { positional: string; strings: readonly string[] },
): CommandArgs {
  const stringOptions = Object.fromEntries(spec.strings.map((name) => [name, { type: 'string' as const }]));
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      options: { ...stringOptions, help: { type: 'boolean', short: 'h' }, debug: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    // parseArgs's messages are one clear line ("Unknown option '--x'") plus, at times, a hint
    // about `--` that only confuses here.
    const message = err instanceof Error ? err.message : String(err);
    throw new CliUsageError(message.replace(/\. To specify a positional argument.*$/s, ''), command);
  }
  const help = parsed.values.help === true;
  if (!help && parsed.positionals.length !== 1) {
    const got = parsed.positionals.length === 0 ? 'none' : parsed.positionals.map((p) => JSON.stringify(p)).join(' ');
    throw new CliUsageError(`expected exactly one ${spec.positional}, got ${got}`, command);
  }
  const options: Record<string, string | undefined> = {};
  for (const name of spec.strings) {
    const value = parsed.values[name];
    options[name] = typeof value === 'string' ? value : undefined;
  }
  return { positionals: parsed.positionals, options, help };
}
