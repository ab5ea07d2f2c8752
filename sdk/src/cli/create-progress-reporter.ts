import type { Writable } from 'node:stream';
import type { TransferProgress } from '../node/transfer-progress.js';

/** Smaller transfers finish before a bar would be worth reading. */
export const progressMinBytes = 4_000_000;
const redrawIntervalMs = 100;
const barWidth = 24;
const phaseLabels = { hash: 'hashing', upload: 'uploading', download: 'downloading' } as const;

export interface ProgressReporter {
  onProgress(progress: TransferProgress): void;
  /** Clears the bar, if one was drawn; safe to call more than once. */
  finish(): void;
}

/**
 * A one-line progress bar on stderr (bytes, percent, MB/s), drawn only when stderr is a
 * terminal and the transfer is over 4 MB, redrawn at most 10 times a second, and erased at the
 * end so the terminal keeps only the command's output.
 *
 * @example
 * const progress = createProgressReporter({ stream: process.stderr, enabled: process.stderr.isTTY });
 * await storeFile(zone, path, { onProgress: progress.onProgress });
 * progress.finish();
 */
export function createProgressReporter(options: {
  stream: Writable;
  enabled: boolean;
  now?: () => number;
}): ProgressReporter {
  const { stream, enabled, now = Date.now } = options;
  let phase: TransferProgress['phase'] | undefined;
  let startedAt = 0;
  let drawnAt = Number.NEGATIVE_INFINITY;
  let drawn = false;

  return {
    onProgress(progress) {
      if (!enabled || progress.total === null || progress.total <= progressMinBytes) return;
      const t = now();
      if (progress.phase !== phase) {
        phase = progress.phase;
        startedAt = t;
        drawnAt = Number.NEGATIVE_INFINITY;
      }
      const complete = progress.bytes >= progress.total;
      if (!complete && t - drawnAt < redrawIntervalMs) return;
      drawnAt = t;
      drawn = true;
      stream.write(`\r${formatProgress(progress, progress.total, t - startedAt)}\x1b[K`);
    },
    finish() {
      if (drawn) stream.write('\r\x1b[K');
      drawn = false;
      phase = undefined;
    },
  };
}

function formatProgress(progress: TransferProgress, total: number, elapsedMs: number): string {
  const fraction = total === 0 ? 1 : Math.min(progress.bytes / total, 1);
  const filled = Math.round(fraction * barWidth);
  const bar = `${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}`;
  const rate = elapsedMs > 0 ? `${mb((progress.bytes / elapsedMs) * 1000)} MB/s` : '-- MB/s';
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  return `${phaseLabels[progress.phase]} [${bar}] ${mb(progress.bytes)}/${mb(total)} MB ${percent} ${rate}`;
}

function mb(bytes: number): string {
  return (bytes / 1_000_000).toFixed(1);
}
