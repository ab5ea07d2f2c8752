import type { Writable } from 'node:stream';
import type { ZoneFetch } from '../zone-client/index.js';

/**
 * Everything the CLI touches outside itself, passed in so `main()` runs in tests without a
 * process, a terminal or a network. `bin/` fills it from `process`.
 */
export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: Writable;
  stderr: Writable;
  fetch: ZoneFetch;
  /** Whether stderr is a terminal: progress bars are drawn only then. */
  isTTY: boolean;
  /** Default `os.homedir()`; the cache defaults to `<homedir>/.kachery-cloud`. */
  homedir?: string;
  /** Default `Date.now`; progress redraws are throttled with it. */
  now?: () => number;
  /** Aborted on Ctrl-C: commands that run until interrupted (`feed watch`) end cleanly on it. */
  signal?: AbortSignal;
}
