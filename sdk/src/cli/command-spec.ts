import type { CommandContext } from './command-context.js';
import type { CommandArgs } from './parse-command-args.js';

/**
 * One CLI command: how its arguments are parsed, its help, and what it does. Commands of a
 * group are keyed by both words (`'feed append'`); `main()` merges the tables of every file
 * that exports some (`blobCommands`, `feedCommands`, …).
 */
export interface CommandSpec {
  /** Operands after the command word(s), e.g. `'<feedId> <json>...'`, and how many there may be. */
  operands: { names: string; min: number; max: number };
  /** `--name <value>` options. */
  strings?: readonly string[];
  /** `--name` switches. */
  booleans?: readonly string[];
  /** The full help; its first line is `usage: …`, printed alone after a usage error. */
  usage: string;
  /** One line for `figurl --help`; aliases leave it out. */
  summary?: string;
  run(context: CommandContext, args: CommandArgs): Promise<number>;
}

/** Keeps the entries whose value is defined: exactOptionalPropertyTypes forbids explicit undefined. */
export function definedOnly<T extends Record<string, unknown>>(
  value: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
