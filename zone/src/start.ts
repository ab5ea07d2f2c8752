import { serveZone } from './cli/serve-zone.js';
import { parseZoneConfig } from './config.js';

// `npm start`: the edge that reads process.env and prints to the terminal.
const say = (line: string) => process.stderr.write(`figurl: ${line}\n`);
Promise.resolve()
  .then(() => serveZone(parseZoneConfig(process.env), say))
  .then(
    () => process.exit(0),
    (err: unknown) => {
      say(err instanceof Error ? err.message : String(err));
      if ((process.argv.includes('--debug') || process.env.FIGURL_DEBUG === '1') && err instanceof Error) {
        process.stderr.write(`${err.stack}\n`);
      }
      process.exit(1);
    },
  );
