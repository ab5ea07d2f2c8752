// The edge of the figurl CLI: the one place that touches `process`. Everything else is
// `main()` in ../src/cli/main.ts, which takes its IO as arguments.
import { readdirSync, statSync } from 'node:fs';

/**
 * Runs the CLI for this process. `command` is fixed by the alias launchers
 * (kachery-cloud-store, …) because on Windows npm's shims hide the name they were called by.
 *
 * @param {string | undefined} command
 */
export async function launch(command) {
  // A reader that goes away (`figurl cat x | head`) is normal, not a crash.
  process.stdout.on('error', (err) => {
    if (err.code !== 'EPIPE') process.stderr.write(`figurl: cannot write to stdout: ${err.message}\n`);
  });
  try {
    const args = process.argv.slice(2);
    if (command === undefined && args[0] === 'up') {
      await registerTypeScript();
      // The whole of figurl on this machine: zone, plugin host and shell (the app package).
      const app = await import('@figurl/app/up').catch((err) => {
        if (err?.code !== 'ERR_MODULE_NOT_FOUND') throw err;
        throw new Error('"figurl up" needs the figurl shell: run it from a figurl checkout (npm install)');
      });
      process.exitCode = await app.runUp(args.slice(1), {
        env: process.env,
        say: (line) => process.stderr.write(`figurl: ${line}\n`),
      });
      return;
    }
    if (command === undefined && args[0] === 'zone') {
      await registerTypeScript();
      // Running or administering a zone needs the zone package, which scientists' machines
      // that only store and load files do not: load it on demand, never as an sdk dependency.
      const zone = await import('@figurl/zone').catch(() => {
        throw new Error('"figurl zone" needs the @figurl/zone package: run it from a figurl checkout (npm install)');
      });
      process.exitCode = await zone.runZoneCommand(args.slice(1), {
        env: process.env,
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
      });
      return;
    }
    const fresh = isBundleFresh();
    // The TypeScript loader only when running from sources: it doubles start-up time and memory.
    if (!fresh) await registerTypeScript();
    const { main } = fresh ? await import('../dist/cli.mjs') : await import('../src/cli/main.ts');
    // Ctrl-C: commands that run until interrupted (`feed watch`) end cleanly on the signal;
    // anything still running a second later is stopped as Ctrl-C always stops a program.
    const interrupted = new AbortController();
    process.once('SIGINT', () => {
      interrupted.abort();
      setTimeout(() => process.exit(130), 1000).unref();
    });
    process.exitCode = await main(command === undefined ? args : [command, ...args], {
      signal: interrupted.signal,
      env: process.env,
      stdout: process.stdout,
      stderr: process.stderr,
      fetch: globalThis.fetch,
      isTTY: process.stderr.isTTY === true,
    });
  } catch (err) {
    process.stderr.write(`figurl: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}

/**
 * Whether dist/cli.mjs (built by `npm run generate`) is newer than every source file: then it is
 * what the sources would run, ten times quicker to start. After an edit, the sources run until
 * the next build.
 */
function isBundleFresh() {
  try {
    const built = statSync(new URL('../dist/cli.mjs', import.meta.url)).mtimeMs;
    const src = new URL('../src/', import.meta.url);
    return readdirSync(src, { recursive: true }).every((file) => statSync(new URL(String(file), src)).mtimeMs <= built);
  } catch {
    return false;
  }
}

async function registerTypeScript() {
  const { register } = await import('tsx/esm/api');
  register();
}
