import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times: 100 on every Linux this runs on (USER_HZ). */
const ticksPerSecond = 100;

/** CPU time a process has used so far, all threads, in milliseconds. */
export interface CpuTime {
  /** In the process: JavaScript, hashing. */
  user: number;
  /** In the kernel on its behalf: copying socket and file bytes, fsync. */
  system: number;
}

/**
 * CPU time a live process has used so far; the difference across a transfer says how busy the
 * zone was while it ran, and on what.
 *
 * @example
 * const before = readCpuMs(zone.pid);
 * await transfer();
 * const after = readCpuMs(zone.pid);
 * console.log(after.user - before.user, after.system - before.system);
 */
export function readCpuMs(pid: number): CpuTime {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces and parentheses: fields are counted after the last ")".
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return {
    user: (Number(fields[11]) * 1000) / ticksPerSecond,
    system: (Number(fields[12]) * 1000) / ticksPerSecond,
  };
}
