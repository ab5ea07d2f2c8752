import { readFileSync, writeFileSync } from 'node:fs';

/** Resident memory of a live process, in bytes: now (VmRSS) and its high-water mark (VmHWM). */
export interface RssSample {
  rss: number;
  hwm: number;
}

/** Reads `/proc/<pid>/status`; null once the process is gone. */
export function readRss(pid: number): RssSample | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: kib('VmRSS'), hwm: kib('VmHWM') };
}

/**
 * Samples a process's peak resident memory until `stop()`, which takes a last sample and
 * returns the peak in bytes. With `reset`, the kernel's high-water mark is first lowered to the
 * current RSS (`clear_refs` 5), so a long-lived process (the zone) reports the peak of this
 * transfer, not of its start-up. A process that exits between samples loses at most the last
 * `intervalMs` of growth; VmHWM covers everything before.
 *
 * @example
 * const watch = watchPeakRss(child.pid);
 * await exited;
 * const peak = watch.stop();
 */
export function watchPeakRss(pid: number, options: { reset?: boolean; intervalMs?: number } = {}) {
  if (options.reset) {
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, '5');
    } catch {
      // Without the reset, the peak includes start-up: an overestimate, never an underestimate.
    }
  }
  let peak = 0;
  const sample = () => {
    const now = readRss(pid);
    if (now) peak = Math.max(peak, now.hwm, now.rss);
  };
  sample();
  const timer = setInterval(sample, options.intervalMs ?? 10);
  return {
    stop(): number {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}
