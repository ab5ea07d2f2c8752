import { defaultZoneUrl } from './parse-cli-settings.js';

const general = `usage: figurl <command> [options]

Store and load content-addressed files on a figurl zone, sharing the kachery-cloud cache.

commands:
  store <file> [--label <label>]  upload a file; prints sha1://<hash>?label=<label>
  load <uri> [--dest <path>]      download (verified) into the cache; prints the local path
  cat <uri>                       write the file's bytes to stdout
  info <uri>                      print {found, size, sha256, createdAt} as JSON

options:
  -h, --help                      help for figurl or for a command
  --debug                         print stack traces with errors

<uri> is sha1://<hash>[?label=…] or kachery:<zone>:sha1:<hash>[:<label>].

environment:
  FIGURL_ZONE_URL    the zone (default ${defaultZoneUrl}, the embedded zone)
  FIGURL_TOKEN       bearer token sent to the zone (optional)
  KACHERY_CLOUD_DIR  cache directory (default ~/.kachery-cloud)
  KACHERY_ZONE       which zone of the server (default "default")

Also installed as kachery-cloud-store, kachery-cloud-load and kachery-cloud-cat, with the
Python client's output.`;

const commands: Record<string, string> = {
  store: `usage: figurl store <file> [--label <label>]

Uploads <file> unless the zone already holds it; prints one line sha1://<hash>?label=<label>.
The label defaults to the file's name and is quoted like Python's urllib.parse.quote.`,
  load: `usage: figurl load <uri> [--dest <path>]

Downloads the file into $KACHERY_CLOUD_DIR/sha1/aa/bb/cc/<hash> (verified against its hash;
a cached copy is used as is) and prints its path, or copies it to <path> and prints <path>.`,
  cat: `usage: figurl cat <uri>

Writes the file's bytes to stdout, after loading and verifying them into the cache.`,
  info: `usage: figurl info <uri>

Prints what the zone knows of the file as JSON: {"found": true, "size", "sha256", "createdAt"}
or {"found": false}.`,
  'kachery-cloud-store': `usage: kachery-cloud-store <file> [--label <label>]

Like figurl store: prints sha1://<hash>?label=<label>.`,
  'kachery-cloud-load': `usage: kachery-cloud-load <uri> [--dest <path>]

Like figurl load, but prints nothing and exits 0 when the file is not found, as the Python
client does.`,
  'kachery-cloud-cat': `usage: kachery-cloud-cat <uri>

Like figurl cat: writes the file's bytes to stdout.`,
};

/**
 * The help text of a command, or the general one. `--help` prints it to stdout; a usage error
 * prints its first line to stderr.
 *
 * @example
 * cliUsage('store'); // 'usage: figurl store <file> [--label <label>]\n\nUploads …'
 */
export function cliUsage(command?: string): string {
  return (command === undefined ? undefined : commands[command]) ?? general;
}
