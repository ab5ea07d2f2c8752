import { getFigurlBridge } from './figurl-bridge.js';

/**
 * A URL the plugin can fetch (or hand to a `<video>`) for a URI the figure names.
 *
 * @example
 * video.src = await getFileDataUrl('sha1://…');
 */
export function getFileDataUrl(uri: string): Promise<string> {
  return getFigurlBridge().getFileDataUrl(uri);
}
