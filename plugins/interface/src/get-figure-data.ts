import { getFigurlBridge } from './figurl-bridge.js';

/**
 * The figure's data (`d`), asked for once per page. Under `p1` ndarrays are decoded here.
 *
 * @example
 * const { spec } = (await getFigureData()) as { spec: unknown };
 */
export function getFigureData(): Promise<unknown> {
  return getFigurlBridge().getFigureData();
}
