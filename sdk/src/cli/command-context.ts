import type { ZoneClient } from '../zone-client/index.js';
import type { CliIo } from './cli-io.js';
import type { ProgressReporter } from './create-progress-reporter.js';
import type { CliSettings } from './parse-cli-settings.js';

/** What every command gets from `main()`: its IO, the settings, a zone client, a progress bar. */
export interface CommandContext {
  io: CliIo;
  settings: CliSettings;
  client: ZoneClient;
  progress: ProgressReporter;
}
