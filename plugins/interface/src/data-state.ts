import type { FileDownloadProgress } from './bridge-types.js';

/** What a data hook holds: loading (with download progress when the shell reports it), the data, or why not. */
export type DataState<T = unknown> =
  | { status: 'loading'; progress?: FileDownloadProgress }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: Error };

export function toError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
