import { spawn } from 'node:child_process';
import { watchPeakRss } from './watch-rss.js';

export interface ProcessRun {
  /** Wall time from spawn to exit. */
  ms: number;
  stdout: string;
  stderr: string;
  /** Peak resident memory of the process itself (not its children), in bytes. */
  peakRss: number;
}

/**
 * Runs a command to completion, timing it and sampling its peak RSS; a non-zero exit rejects
 * with the command's stderr, so a broken transfer can never be reported as a fast one.
 *
 * @example
 * const { ms, stdout } = await runProcess('sha1sum', ['big.bin']);
 */
export function runProcess(
  command: string,
  args: readonly string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const watch = child.pid === undefined ? undefined : watchPeakRss(child.pid, { intervalMs: 5 });
    let ms = 0;
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('exit', () => {
      ms = Number(process.hrtime.bigint() - start) / 1e6;
    });
    child.on('error', (err) => {
      watch?.stop();
      reject(err);
    });
    child.on('close', (code, signal) => {
      const peakRss = watch?.stop() ?? 0;
      if (code === 0) resolve({ ms, stdout, stderr, peakRss });
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}): ${stderr.trim()}`));
    });
  });
}
