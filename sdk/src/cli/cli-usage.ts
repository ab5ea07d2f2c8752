import type { CommandSpec } from './command-spec.js';
import { defaultShellUrl, defaultZoneUrl } from './parse-cli-settings.js';

/**
 * The general help: every command's summary line, then options and environment.
 *
 * @example
 * generalUsage(commands).split('\n')[0]; // 'usage: figurl <command> [options]'
 */
export function generalUsage(commands: Record<string, CommandSpec>): string {
  const summaries = Object.values(commands)
    .map((spec) => spec.summary)
    .filter((line) => line !== undefined)
    .map((line) => `  ${line}`);
  return `usage: figurl <command> [options]

Store and load content-addressed files on a figurl zone, sharing the kachery-cloud cache.

commands:
${summaries.join('\n')}

options:
  -h, --help                      help for figurl or for a command
  --debug                         print stack traces with errors

<uri> is sha1://<hash>[?label=…] or kachery:<zone>:sha1:<hash>[:<label>].
An operand that starts with "-" (a JSON message such as -1) goes after "--".

environment:
  FIGURL_ZONE_URL    the zone (default ${defaultZoneUrl}, the embedded zone)
  FIGURL_TOKEN       bearer token sent to the zone (optional)
  FIGURL_SHELL_URL   the shell of printed figURLs (default ${defaultShellUrl})
  KACHERY_CLOUD_DIR  cache directory (default ~/.kachery-cloud)
  KACHERY_ZONE       which zone of the server (default "default")

Also installed as kachery-cloud-store, kachery-cloud-load and kachery-cloud-cat, with the
Python client's output.`;
}
