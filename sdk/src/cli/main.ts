import { isFigurlError } from '../errors/index.js';
import { createZoneClient } from '../zone-client/index.js';
import { blobCommands } from './blob-commands.js';
import type { CliIo } from './cli-io.js';
import { generalUsage } from './cli-usage.js';
import { CliUsageError } from './cli-usage-error.js';
import { type CommandSpec, definedOnly } from './command-spec.js';
import { createProgressReporter } from './create-progress-reporter.js';
import { feedCommands } from './feed-commands.js';
import { figureCommands } from './figure-commands.js';
import { makeFigureCommands } from './make-figure-commands.js';
import { mutableCommands } from './mutable-commands.js';
import { parseCliSettings } from './parse-cli-settings.js';
import { parseCommandArgs } from './parse-command-args.js';
import { pinCommands } from './pin-commands.js';
import { shareCommands } from './share-command.js';
import { writeOutput } from './write-output.js';

export type { CliIo } from './cli-io.js';

const commands: Record<string, CommandSpec> = {
  ...blobCommands,
  ...pinCommands,
  ...feedCommands,
  ...figureCommands,
  ...makeFigureCommands,
  ...mutableCommands,
  ...shareCommands,
};

/**
 * Words that name a group of commands (`feed` in `figurl feed append`). A group may also have a
 * command of its own, keyed by the group word alone (`figure <viewUri> <data.json>`): it runs
 * when the next word names none of the group's commands.
 */
const groups = new Set(
  Object.keys(commands)
    .filter((name) => name.includes(' '))
    .map((name) => name.split(' ')[0] as string),
);

/**
 * The figurl CLI as a function: `argv` starts with the command (`store`, `load`, `cat`, `info`
 * or a `kachery-cloud-*` alias); returns the exit code: 0, 1 for a failure (one line
 * `figurl: <message>` on stderr), 2 for a usage error.
 *
 * @example
 * const code = await main(['store', 'data.bin'], { env: process.env, stdout, stderr, fetch, isTTY: false });
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const debug = argv.includes('--debug');
  // A closed pipe is reported through write callbacks; without a listener it would also crash.
  const ignore = () => {};
  io.stdout.on('error', ignore);
  try {
    return await dispatch(argv, io);
  } catch (err) {
    return await report(err, io, debug);
  } finally {
    io.stdout.off('error', ignore);
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const words = commandWords(argv);
  if (words.length === 0) {
    if (argv.includes('--help') || argv.includes('-h')) return help(io);
    throw new CliUsageError(argv.length === 0 ? 'expected a command' : `unknown option ${JSON.stringify(argv[0])}`);
  }
  const first = argv[words[0] as number] as string;
  if (first === 'help') return help(io, helpTopic(argv, words.slice(1)));
  const grouped = groups.has(first);
  const second = words[1] === undefined ? undefined : (argv[words[1]] as string);
  const sub = grouped && second !== undefined ? `${first} ${second}` : undefined;
  const name = sub !== undefined && (commands[sub] !== undefined || commands[first] === undefined) ? sub : first;
  // A group word alone is not its own command: `figurl figure` asks which figure command.
  const spec = grouped && second === undefined ? undefined : commands[name];
  if (spec === undefined) {
    if (grouped) {
      if (second === undefined && (argv.includes('--help') || argv.includes('-h'))) return help(io, first);
      const problem = second === undefined ? `expected a ${first} command` : `unknown command "${name}": expected`;
      throw new CliUsageError(`${problem} ${groupCommands(first)}`, first);
    }
    throw new CliUsageError(`unknown command ${JSON.stringify(name)}: expected ${topCommands()}`);
  }
  const used = new Set(words.slice(0, name.includes(' ') ? 2 : 1));
  const args = parseCommandArgs(
    name,
    argv.filter((_, index) => !used.has(index)),
    spec,
  );
  if (args.help) return help(io, name);
  const settings = parseCliSettings(io.env, io.homedir);
  const client = createZoneClient({
    baseUrl: settings.zoneUrl,
    fetch: io.fetch,
    token: settings.token,
    zone: settings.zone,
  });
  const progress = createProgressReporter({ stream: io.stderr, enabled: io.isTTY, ...definedOnly({ now: io.now }) });
  try {
    return await spec.run({ io, settings, client, progress }, args);
  } finally {
    progress.finish();
  }
}

/** Indexes of the leading operands that may name the command: before any option or `--`. */
function commandWords(argv: readonly string[]): number[] {
  const words: number[] = [];
  for (let index = 0; index < argv.length && words.length < 2; index++) {
    const arg = argv[index] as string;
    if (arg === '--') break;
    if (arg.startsWith('-')) {
      // A value-taking option before the command is not ours to skip: stop at the first option.
      if (words.length === 0) continue;
      break;
    }
    words.push(index);
  }
  return words;
}

function helpTopic(argv: readonly string[], rest: number[]): string | undefined {
  const words = rest.map((index) => argv[index] as string);
  const two = words.slice(0, 2).join(' ');
  if (commands[two] !== undefined) return two;
  return words[0];
}

function topCommands(): string {
  const names = Object.keys(commands)
    .filter((name) => !name.startsWith('kachery-cloud-'))
    .map((name) => name.split(' ')[0] as string);
  const unique = [...new Set(names)];
  return `${unique.slice(0, -1).join(', ')} or ${unique.at(-1)}`;
}

function groupCommands(group: string): string {
  const names = Object.keys(commands)
    .filter((name) => name.startsWith(`${group} `))
    .map((name) => name.slice(group.length + 1));
  const own = commands[group];
  if (own !== undefined) names.push(own.operands.names);
  return names.length === 1 ? (names[0] as string) : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

async function help(io: CliIo, command?: string): Promise<number> {
  await writeOutput(io.stdout, `${usageOf(command)}\n`);
  return 0;
}

function usageOf(command: string | undefined): string {
  if (command !== undefined && groups.has(command)) return groupUsage(command);
  const spec = command === undefined ? undefined : commands[command];
  if (spec !== undefined) return spec.usage;
  return generalUsage(commands);
}

/** A group's help: its commands' usage lines, after the group's own command's help if it has one. */
function groupUsage(group: string): string {
  const lines = Object.entries(commands)
    .filter(([name]) => name.startsWith(`${group} `))
    .map(([, sub]) => `  ${(sub.usage.split('\n')[0] ?? '').replace(/^usage: /, '')}`);
  const listing = `commands:\n${lines.join('\n')}`;
  const own = commands[group];
  if (own === undefined) return `usage: figurl ${group} <command> [options]\n\n${listing}`;
  const [first, ...rest] = own.usage.split('\n');
  return `${first}\n       figurl ${group} <command> [options]\n${rest.join('\n')}\n\n${listing}`;
}

async function report(err: unknown, io: CliIo, debug: boolean): Promise<number> {
  if ((err as NodeJS.ErrnoException | undefined)?.code === 'EPIPE') return 0;
  if (err instanceof CliUsageError) {
    const usageLine = usageOf(err.command).split('\n')[0] ?? '';
    await writeOutput(io.stderr, `figurl: ${err.message}\n${usageLine}\n(more: ${helpCommand(err.command)})\n`);
    return 2;
  }
  let message = err instanceof Error ? err.message : String(err);
  if (isFigurlError(err, 'UNAUTHORIZED') && !io.env.FIGURL_TOKEN) message += ' (set FIGURL_TOKEN)';
  await writeOutput(io.stderr, `figurl: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  if (debug && err instanceof Error && err.stack) await writeOutput(io.stderr, `${err.stack}\n`);
  return 1;
}

function helpCommand(command: string | undefined): string {
  if (command === undefined) return 'figurl --help';
  return command.startsWith('kachery-cloud-') ? `${command} --help` : `figurl ${command} --help`;
}
