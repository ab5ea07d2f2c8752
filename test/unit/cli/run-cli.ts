import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { ZoneFetch } from '@figurl/sdk';
import { main } from '../../../sdk/src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  stdoutBytes: Buffer;
}

/** A Writable that keeps what it is given. */
export function collector(): Writable & { bytes(): Buffer } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(Buffer.from(chunk));
      callback();
    },
  });
  return Object.assign(stream, { bytes: () => Buffer.concat(chunks) });
}

/** Runs `main()` with in-memory stdout/stderr, the given fetch and environment. */
export async function runCli(
  argv: string[],
  options: {
    fetch: ZoneFetch;
    env?: Record<string, string | undefined>;
    isTTY?: boolean;
    stdout?: Writable;
    now?: () => number;
    signal?: AbortSignal;
  },
): Promise<CliRun> {
  const stdout = collector();
  const stderr = collector();
  const code = await main(argv, {
    env: options.env ?? {},
    stdout: options.stdout ?? stdout,
    stderr,
    fetch: options.fetch,
    isTTY: options.isTTY ?? false,
    homedir: '/nonexistent-home',
    ...(options.now ? { now: options.now } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { code, stdout: stdout.bytes().toString(), stderr: stderr.bytes().toString(), stdoutBytes: stdout.bytes() };
}

/** A temporary directory removed by the returned cleanup. */
export function tempDir(): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'figurl-cli-'));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}
