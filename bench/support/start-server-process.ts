import { type ChildProcess, spawn } from 'node:child_process';
import { repoRoot } from './repo-root.js';

export interface ServerProcess {
  /** The URL the server printed once it listened, e.g. `http://127.0.0.1:39121`. */
  url: string;
  /** The server's own node process. */
  pid: number;
  /** SIGTERM, then SIGKILL after 30 s; resolves once the process has exited. */
  stop(): Promise<void>;
}

/**
 * Runs `node <script>` from the repository root until it prints a line matching `ready` (whose
 * first group is its URL). A TypeScript script runs with tsx's loader in-process
 * (`node --import tsx`) rather than through the `tsx` CLI, which would put a wrapper process
 * between the bench and the server it measures.
 *
 * @example
 * const server = await startServerProcess({ script: 'bench/bare-fastify-server.ts', env: {}, ready: /listening at (\S+)/ });
 */
export async function startServerProcess(options: {
  script: string;
  env: Record<string, string>;
  ready: RegExp;
  timeoutMs?: number;
}): Promise<ServerProcess> {
  const loader = options.script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...loader, options.script], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let settled = false;
  const url = await new Promise<string>((resolve, reject) => {
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${options.script} did not start: ${why}\n${output.trim()}`));
    };
    const timeoutMs = options.timeoutMs ?? 120_000;
    const timer = setTimeout(() => fail(`timed out after ${timeoutMs / 1000} s`), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = options.ready.exec(output)?.[1];
      if (found !== undefined && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => fail(`it exited with code ${code}`));
    child.once('error', (err) => fail(err.message));
  });
  if (child.pid === undefined) throw new Error(`${options.script} has no pid`);
  return { url, pid: child.pid, stop: () => stopChild(child) };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}
