import { describe, expect, it } from 'vitest';
import { createProgressReporter } from '../../../sdk/src/cli/create-progress-reporter.js';
import { collector } from './run-cli.js';

describe('createProgressReporter', () => {
  it('redraws at most every 100 ms, always draws completion, and clears once', () => {
    const stream = collector();
    let clock = 0;
    const progress = createProgressReporter({ stream, enabled: true, now: () => clock });
    const total = 10_000_000;
    for (let bytes = 1_000_000; bytes <= total; bytes += 1_000_000) {
      clock += 30;
      progress.onProgress({ phase: 'download', bytes, total });
    }
    progress.finish();
    progress.finish();
    const frames = stream.bytes().toString().split('\r').filter(Boolean);
    // t = 30 (first draw), 150, 270 and the final 100% frame, then the clearing frame.
    expect(frames).toEqual([
      'downloading [##......................] 1.0/10.0 MB  10% -- MB/s\x1b[K',
      expect.stringContaining('5.0/10.0 MB  50%'),
      expect.stringContaining('9.0/10.0 MB  90%'),
      'downloading [########################] 10.0/10.0 MB 100% 37.0 MB/s\x1b[K',
      '\x1b[K',
    ]);
  });

  it('draws nothing when disabled, for 4 MB or less, or without a known total', () => {
    const stream = collector();
    const off = createProgressReporter({ stream, enabled: false });
    off.onProgress({ phase: 'upload', bytes: 9_000_000, total: 9_000_000 });
    const on = createProgressReporter({ stream, enabled: true });
    on.onProgress({ phase: 'upload', bytes: 4_000_000, total: 4_000_000 });
    on.onProgress({ phase: 'download', bytes: 9_000_000, total: null });
    off.finish();
    on.finish();
    expect(stream.bytes().length).toBe(0);
  });
});
