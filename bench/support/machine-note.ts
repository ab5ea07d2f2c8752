import { cpus, loadavg, release, totalmem } from 'node:os';

/**
 * One line on the machine the numbers came from; the load average matters on a shared 2-core
 * machine, which is why every target is a ratio against a baseline measured in the same run.
 *
 * @example
 * console.log(machineNote('file 1024 MiB, 3 runs'));
 */
export function machineNote(details: string): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const ram = (totalmem() / 2 ** 30).toFixed(1);
  return `machine: ${cpu}, ${cpus().length} cores, ${ram} GiB RAM, Linux ${release()}, Node ${process.version}; load average ${load}; ${details}`;
}
