import { getFigurlBridge } from './figurl-bridge.js';

/**
 * Stores text, content-addressed, after the shell asks the user. Returns its `sha1://` URI, or
 * undefined when the user declines.
 *
 * @example
 * const uri = await storeFile(JSON.stringify(curation));
 */
export function storeFile(text: string): Promise<string | undefined> {
  return getFigurlBridge().storeFile(text);
}
