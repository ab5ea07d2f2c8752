/** The `/figurl` commands the bot answers in pull request comments. */
export const figurlCommands = {
  help: 'lists these commands',
  pin: "pins the pull request's figures in the zone, so they never expire",
  archive: 'exports the figures to Zenodo (not available yet)',
} as const;

export type FigurlCommandName = keyof typeof figurlCommands;

export type ParsedCommand = { name: FigurlCommandName } | { name: 'unknown'; word: string };

/**
 * The command in a comment: its first non-empty line must start with `/figurl`; `/figurl`
 * alone is `help`. Null when the comment is no command (most comments).
 *
 * @example
 * parseCommand('/figurl pin'); // { name: 'pin' }
 * parseCommand('LGTM'); // null
 */
export function parseCommand(body: string): ParsedCommand | null {
  const firstLine = body.trimStart().split(/\r?\n/, 1)[0] ?? '';
  const match = /^\/figurl(?:\s+(\S+))?\s*$/i.exec(firstLine.trim());
  if (match === null) return null;
  const word = (match[1] ?? 'help').toLowerCase();
  return Object.hasOwn(figurlCommands, word) ? { name: word as FigurlCommandName } : { name: 'unknown', word };
}

/** The answer to `/figurl help` (and to an unknown command). */
export function renderHelp(unknownWord?: string): string {
  const lines = Object.entries(figurlCommands).map(([name, what]) => `- \`/figurl ${name}\`: ${what}`);
  const intro =
    unknownWord === undefined
      ? 'figurl commands (for people with write access to this repository):'
      : `Unknown command \`${unknownWord.replace(/[`\n]/g, '').slice(0, 40)}\`. figurl commands:`;
  return `${intro}\n\n${lines.join('\n')}`;
}
