import type { ServiceQueryOptions } from './bridge-types.js';
import { getFigurlBridge } from './figurl-bridge.js';

/**
 * Asks one of the shell's services (a `serviceQuery` request) and returns the answer's `result`.
 * An error answer throws a FigurlRequestError whose `code` is the figurl error code the shell
 * named, if any. Waits up to 5 minutes unless `timeoutMs` says otherwise; for curation documents
 * use the typed `curationService`.
 *
 * @example
 * const result = await serviceQuery('figurl-curation', { op: 'get', curationId });
 */
export function serviceQuery(serviceName: string, query: unknown, options: ServiceQueryOptions = {}): Promise<unknown> {
  return getFigurlBridge().serviceQuery(serviceName, query, options);
}
