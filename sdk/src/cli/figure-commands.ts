import type { FigureRecord } from '../schemas/figures.js';
import { figureUrl } from '../uri/figure-url.js';
import { createFigureClient } from '../zone-client/figure-client.js';
import { CliUsageError } from './cli-usage-error.js';
import type { CommandContext } from './command-context.js';
import { type CommandSpec, definedOnly } from './command-spec.js';
import { writeOutput } from './write-output.js';

const figureUrlOf = (context: CommandContext, figure: FigureRecord) =>
  figureUrl({
    baseUrl: context.settings.shellUrl,
    view: figure.viewUri,
    data: figure.dataUri,
    label: figure.label,
    // As Python: the zone goes into the link only when one is chosen.
    zone: figure.zone === 'default' ? undefined : figure.zone,
  });

const writeLine = (context: CommandContext, value: unknown) =>
  writeOutput(context.io.stdout, `${JSON.stringify(value)}\n`);

function parsePullRequest(text: string | undefined, command: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[1-9][0-9]{0,9}$/.test(text)) {
    throw new CliUsageError(`--pr ${JSON.stringify(text)}: expected a pull request number such as 12`, command);
  }
  return Number(text);
}

const register: CommandSpec = {
  operands: { names: '<viewUri> <dataUri>', min: 2, max: 2 },
  strings: ['label', 'repo', 'pr', 'commit', 'check', 'allow'],
  booleans: ['private', 'pin'],
  summary: 'figure register <v> <d> --label L  record a figURL; prints {"id","url"}',
  usage: `usage: figurl figure register <viewUri> <dataUri> --label <label> [--repo <owner/name> --pr <n> --commit <sha> --check <name>] [--private [--allow <login,…>]] [--pin]

Records the figure in the zone's registry, owned by you (FIGURL_TOKEN), and prints one JSON
line {"id": …, "url": …}; the url is the figURL on FIGURL_SHELL_URL. A sha1:// data URI must
name a blob the zone holds (figurl store <file> first). --private: only you, the --allow users
and the zone's admins may read the figure's data.`,
  async run(context, { positionals, options, flags }) {
    const [viewUri, dataUri] = positionals as [string, string];
    if (options.label === undefined) throw new CliUsageError('expected --label <label>', 'figure register');
    const pullRequest = parsePullRequest(options.pr, 'figure register');
    const { figure } = await createFigureClient(context.client.connection).register({
      viewUri,
      dataUri,
      label: options.label,
      ...definedOnly({
        repo: options.repo,
        pullRequest,
        commitSha: options.commit,
        checkName: options.check,
        allowedUsers: options.allow?.split(',').filter((login) => login !== ''),
      }),
      ...(flags.private ? { private: true } : {}),
      ...(flags.pin ? { pinned: true } : {}),
    });
    await writeLine(context, { id: figure.id, url: figureUrlOf(context, figure) });
    return 0;
  },
};

const list: CommandSpec = {
  operands: { names: '', min: 0, max: 0 },
  strings: ['owner', 'repo', 'pr', 'label'],
  summary: 'figure list [--owner L] [--repo R] [--pr N]  one JSON line per figure, newest first',
  usage: `usage: figurl figure list [--owner <login>] [--repo <owner/name>] [--pr <n>] [--label <text>]

Prints the zone's figures you may see, newest first, one JSON line each: the registry record
plus "url", the figURL on FIGURL_SHELL_URL. --label matches a part of the label, any case.`,
  async run(context, { options }) {
    const figures = createFigureClient(context.client.connection);
    const filter = definedOnly({
      owner: options.owner,
      repo: options.repo,
      pullRequest: parsePullRequest(options.pr, 'figure list'),
      label: options.label,
    });
    let cursor: string | null | undefined;
    do {
      const page = await figures.list({ ...filter, ...definedOnly({ cursor: cursor ?? undefined }) });
      for (const figure of page.figures) await writeLine(context, { ...figure, url: figureUrlOf(context, figure) });
      cursor = page.nextCursor;
    } while (cursor !== null);
    return 0;
  },
};

const remove: CommandSpec = {
  operands: { names: '<id>', min: 1, max: 1 },
  summary: 'figure delete <id>              delete one of your figures; prints {"id","deletedAt"}',
  usage: `usage: figurl figure delete <id>

Deletes one of your figures from the registry (its blobs are no longer kept for it) and prints
one JSON line {"id": …, "deletedAt": …}.`,
  async run(context, { positionals }) {
    const deleted = await createFigureClient(context.client.connection).remove(positionals[0] as string);
    await writeLine(context, deleted);
    return 0;
  },
};

/** figure register, figure list, figure delete. */
export const figureCommands: Record<string, CommandSpec> = {
  'figure register': register,
  'figure list': list,
  'figure delete': remove,
};
