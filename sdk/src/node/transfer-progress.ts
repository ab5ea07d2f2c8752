/**
 * What `storeFile` and `loadFile` report while they run: the phase, bytes done so far, and the
 * total when known. A CLI draws a progress bar from it; a test can record it.
 *
 * @example
 * await storeFile(zone, 'big.bin', { onProgress: ({ phase, bytes, total }) => log(phase, bytes, total) });
 */
export interface TransferProgress {
  phase: 'hash' | 'upload' | 'download';
  bytes: number;
  total: number | null;
}

export type OnTransferProgress = (progress: TransferProgress) => void;
