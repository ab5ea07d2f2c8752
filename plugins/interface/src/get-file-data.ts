import type { FileDataOptions } from './bridge-types.js';
import { getFigurlBridge } from './figurl-bridge.js';

/**
 * The content of a URI the figure names: JSON with ndarrays decoded (default), raw `json`,
 * `text`, or `binary` (an ArrayBuffer; with `startByte`/`endByte`, exclusive, for a range).
 *
 * @example
 * const header = await getFileData('sha1://…', { responseType: 'binary', startByte: 0, endByte: 1024 });
 */
export function getFileData(uri: string, options?: FileDataOptions): Promise<unknown> {
  return getFigurlBridge().getFileData(uri, options);
}
