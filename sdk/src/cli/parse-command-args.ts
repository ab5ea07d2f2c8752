import { parseArgs } from 'node:util';
import { CliUsageError } from './cli-usage-error.js';

export interface CommandArgs {
  positionals: string[];
  /** The command's string options (`--label`, `--dest`), when given. */
  options: Record<string, string | undefined>;
  /** The command's switches (`--create-only`): true when given. */
  flags: Record<string, boolean>;
  help: boolean;
}

export interface ArgsSpec {
  operands: { names: string; min: number; max: number };
  strings?: readonly string[] | undefined;
  booleans?: readonly string[] | undefined;
}

/**
 * Parses one command's arguments with `util.parseArgs` (strict): `--help`/`-h` and `--debug`
 * everywhere, the given options, and between `min` and `max` operands unless `--help`.
 * Every mistake becomes a CliUsageError naming the command.
 *
 * @example
 * parseCommandArgs('store', ['a.txt', '--label', 'A'], { operands: { names: '<file>', min: 1, max: 1 }, strings: ['label'] });
 * // { positionals: ['a.txt'], options: { label: 'A' }, flags: {}, help: false }
 */
export function parseCommandArgs(command: string, args: string[], spec: ArgsSpec): CommandArgs {
  const strings = spec.strings ?? [];
  const booleans = spec.booleans ?? [];
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      options: {
        ...Object.fromEntries(strings.map((name) => [name, { type: 'string' as const }])),
        ...Object.fromEntries(booleans.map((name) => [name, { type: 'boolean' as const }])),
        help: { type: 'boolean', short: 'h' },
        debug: { type: 'boolean' },
      },
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
  const { names, min, max } = spec.operands;
  const count = parsed.positionals.length;
  if (!help && (count < min || count > max)) {
    const got = count === 0 ? 'none' : parsed.positionals.map((p) => JSON.stringify(p)).join(' ');
    const expected =
      min === max ? `${min === 1 ? 'exactly one' : `exactly ${min}:`} ${names}` : `${names} (${arity(min, max)})`;
    throw new CliUsageError(`expected ${expected}, got ${got}`, command);
  }
  const options: Record<string, string | undefined> = {};
  for (const name of strings) {
    const value = parsed.values[name];
    options[name] = typeof value === 'string' ? value : undefined;
  }
  const flags: Record<string, boolean> = {};
  for (const name of booleans) flags[name] = parsed.values[name] === true;
  return { positionals: parsed.positionals, options, flags, help };
}

function arity(min: number, max: number): string {
  if (max === Number.POSITIVE_INFINITY) return `at least ${min} operand${min === 1 ? '' : 's'}`;
  return `${min} to ${max} operands`;
}
