import type { FileDownloadProgress } from './bridge-types.js';
import { getFigurlBridge } from './figurl-bridge.js';

/**
 * Calls `callback` as the shell reports download progress (at most once a second, when the size
 * is known). Returns the unsubscribe function.
 *
 * @example
 * const off = onFileDownloadProgress(({ uri, loaded, total }) => show(uri, loaded / total));
 */
export function onFileDownloadProgress(callback: (progress: FileDownloadProgress) => void): () => void {
  return getFigurlBridge().onFileDownloadProgress(callback);
}
