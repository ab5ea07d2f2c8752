import {
  type CurationServiceOp,
  type CurationServiceQuery,
  type CurationServiceResultOf,
  curationServiceName,
  curationServiceResultSchemas,
} from '@figurl/sdk/protocol';
import type { ServiceQueryOptions } from './bridge-types.js';
import { FigurlRequestError } from './figurl-request-error.js';
import { serviceQuery } from './service-query.js';

type QueryOf<Op extends CurationServiceOp> = Extract<CurationServiceQuery, { op: Op }>;
/** A sortingview curation (`{labelsByUnit?, labelChoices?, mergeGroups?, isClosed?}`). */
export type Curation = CurationServiceResultOf<'get'>['state'];
/** A sortingview curation action (`ADD_UNIT_LABEL`, `MERGE_UNITS`, …). */
export type CurationAction = QueryOf<'act'>['actions'][number];

/**
 * Curation documents in the zone, through the shell (the `figurl-curation` service): changes
 * are the signed-in user's (the zone records who did each action), and two viewers of one
 * document see each other's actions through `watch`. A plugin may use only curations its figure
 * names as `curation://<curationId>` (in its data, its state `s` or a file it loaded) and those it
 * created on this page. Errors are FigurlRequestErrors whose `code` is the shell's error code:
 * `CONFLICT` for a stale `ifVersion`, `FORBIDDEN`, `UNAUTHORIZED` (sign in), `INVALID_REQUEST`.
 *
 * @example
 * let { version, state } = await curationService.get(curationId);
 * await curationService.act(curationId, [{ type: 'ADD_UNIT_LABEL', unitId: 3, label: 'accept' }], { ifVersion: version });
 * for (;;) {
 *   const update = await curationService.watch(curationId, version);
 *   ({ version, state } = update); // update.actions: [{seq, author, timestamp, action}]
 * }
 */
export const curationService = {
  /** A new document any signed-in user of the zone may curate and anyone may read. */
  create(options: { label?: string; initial?: Curation } = {}): Promise<CurationServiceResultOf<'create'>> {
    return ask({ op: 'create', ...options });
  },
  /** The state, version, label and owner. */
  get(curationId: string): Promise<CurationServiceResultOf<'get'>> {
    return ask({ op: 'get', curationId });
  },
  /** Applies the actions in order, all or none; with `ifVersion`, only at that version (else CONFLICT). */
  act(
    curationId: string,
    actions: readonly CurationAction[],
    options: { ifVersion?: number } = {},
  ): Promise<CurationServiceResultOf<'act'>> {
    return ask({ op: 'act', curationId, actions: [...actions], ...options });
  },
  /**
   * Waits for actions after `afterVersion` (up to `waitSeconds`, default 20, at most 25) and
   * answers the new state with those actions, attributed; on a quiet timeout the same version
   * and no actions. Call it again with the answer's version.
   */
  watch(
    curationId: string,
    afterVersion: number,
    options: { waitSeconds?: number } & ServiceQueryOptions = {},
  ): Promise<CurationServiceResultOf<'watch'>> {
    const { timeoutMs, ...rest } = options;
    return ask({ op: 'watch', curationId, afterVersion, ...rest }, { timeoutMs });
  },
};

async function ask<Op extends CurationServiceOp>(
  query: QueryOf<Op>,
  options: ServiceQueryOptions = {},
): Promise<CurationServiceResultOf<Op>> {
  const result = await serviceQuery(curationServiceName, query, options);
  const parsed = curationServiceResultSchemas[query.op].safeParse(result);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FigurlRequestError(
      'serviceQuery',
      'invalid-response',
      `figurl: the shell's answer to figurl-curation ${query.op} is not valid (${issue?.path.join('.') || 'result'}: ${issue?.message})`,
    );
  }
  return parsed.data as CurationServiceResultOf<Op>;
}
