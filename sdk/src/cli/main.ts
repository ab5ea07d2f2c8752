import { isFigurlError } from '../errors/index.js';
import { createZoneClient } from '../zone-client/index.js';
import { catCommand } from './cat-command.js';
import type { CliIo } from './cli-io.js';
import { cliUsage } from './cli-usage.js';
import { CliUsageError } from './cli-usage-error.js';
import type { CommandContext } from './command-context.js';
import { createProgressReporter } from './create-progress-reporter.js';
import { infoCommand } from './info-command.js';
import { loadCommand } from './load-command.js';
import { parseCliSettings } from './parse-cli-settings.js';
import { type CommandArgs, parseCommandArgs } from './parse-command-args.js';
import { storeCommand } from './store-command.js';
import { writeOutput } from './write-output.js';

export type { CliIo } from './cli-io.js';

interface CommandSpec {
  positional: string;
  strings: readonly string[];
  run(context: CommandContext, operand: string, args: CommandArgs): Promise<number>;
}

const store: CommandSpec = {
  positional: '<file>',
  strings: ['label'],
  run: (context, file, { options }) => storeCommand(context, { file, ...definedOnly({ label: options.label }) }),
};
const load = (quietNotFound: boolean): CommandSpec => ({
  positional: '<uri>',
  strings: ['dest'],
  run: (context, uri, { options }) =>
    loadCommand(context, { uri, quietNotFound, ...definedOnly({ dest: options.dest }) }),
});
const cat: CommandSpec = { positional: '<uri>', strings: [], run: (context, uri) => catCommand(context, { uri }) };
const info: CommandSpec = { positional: '<uri>', strings: [], run: (context, uri) => infoCommand(context, { uri }) };

const commands: Record<string, CommandSpec> = {
  store,
  load: load(false),
  cat,
  info,
  'kachery-cloud-store': store,
  'kachery-cloud-load': load(true),
  'kachery-cloud-cat': cat,
};

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
  const at = argv.findIndex((arg) => !arg.startsWith('-'));
  if (at === -1) {
    if (argv.includes('--help') || argv.includes('-h')) return help(io);
    throw new CliUsageError(argv.length === 0 ? 'expected a command' : `unknown option ${JSON.stringify(argv[0])}`);
  }
  const name = argv[at] as string;
  const spec = commands[name];
  if (spec === undefined) {
    if (name === 'help') return help(io, argv[at + 1]);
    throw new CliUsageError(`unknown command ${JSON.stringify(name)}: expected store, load, cat or info`);
  }
  const args = parseCommandArgs(name, [...argv.slice(0, at), ...argv.slice(at + 1)], spec);
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
    return await spec.run({ io, settings, client, progress }, args.positionals[0] as string, args);
  } finally {
    progress.finish();
  }
}

async function help(io: CliIo, command?: string): Promise<number> {
  await writeOutput(io.stdout, `${cliUsage(command)}\n`);
  return 0;
}

async function report(err: unknown, io: CliIo, debug: boolean): Promise<number> {
  if ((err as NodeJS.ErrnoException | undefined)?.code === 'EPIPE') return 0;
  if (err instanceof CliUsageError) {
    const usageLine = cliUsage(err.command).split('\n')[0] ?? '';
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

/** Drops undefined values, which exactOptionalPropertyTypes keeps apart from absent ones. */
function definedOnly<T extends Record<string, unknown>>(values: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
