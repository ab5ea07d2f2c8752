import {
  type CurationActionEntry,
  type CurationClient,
  type CurationServiceQuery,
  type CurationServiceResult,
  type CurationServiceResultOf,
  curationWatchDefaultSeconds,
  FigurlError,
} from '@figurl/sdk';

/** A watch answers at most this many actions (the most recent): a client further behind gets the state. */
const maxWatchActions = 1000;

/**
 * One figurl-curation query (docs/protocol.md §13) against the zone, through a curation client
 * that already speaks as the right user. `create` makes a document any signed-in user of the zone
 * may curate (editors `["*"]`) and anyone may read; `watch` long-polls the curation's feed.
 *
 * @example
 * const result = await runCurationQuery(createCurationClient(zone.connection), { op: 'get', curationId });
 */
export async function runCurationQuery(
  curations: CurationClient,
  query: CurationServiceQuery,
  options: { signal?: AbortSignal | undefined } = {},
): Promise<CurationServiceResult> {
  switch (query.op) {
    case 'create': {
      const { curationId, version, state } = await curations.create({
        editors: ['*'],
        ...(query.label === undefined ? {} : { label: query.label }),
        ...(query.initial === undefined ? {} : { initial: query.initial }),
      });
      return { curationId, version, state };
    }
    case 'get': {
      const { curationId, version, state, label, owner } = await curations.get(query.curationId);
      return { curationId, version, state, label, owner };
    }
    case 'act':
      return curations.act(
        query.curationId,
        query.actions,
        query.ifVersion === undefined ? {} : { ifVersion: query.ifVersion },
      );
    case 'watch':
      return watchCuration(curations, query, options.signal);
  }
}

/**
 * The state and version once there are actions after `afterVersion`, with those actions (who,
 * when, what); after `waitSeconds` without any, the same version and no actions. State and
 * version come from one read of the document, the actions are exactly those up to its version.
 */
async function watchCuration(
  curations: CurationClient,
  query: Extract<CurationServiceQuery, { op: 'watch' }>,
  signal: AbortSignal | undefined,
): Promise<CurationServiceResultOf<'watch'>> {
  const { curationId, afterVersion, waitSeconds = curationWatchDefaultSeconds } = query;
  let info = await curations.get(curationId);
  if (info.version < afterVersion) {
    throw new FigurlError(
      'CONFLICT',
      `curation ${curationId} is at version ${info.version}: expected afterVersion ${afterVersion} to be at most that (get it again)`,
    );
  }
  let waited: CurationActionEntry[] = [];
  if (info.version === afterVersion) {
    if (waitSeconds > 0) {
      const options = { from: afterVersion, wait: waitSeconds, ...(signal === undefined ? {} : { signal }) };
      waited = (await curations.readActions(curationId, options)).actions;
    }
    if (waited.length === 0) return { curationId, version: info.version, state: info.state, actions: [] };
    info = await curations.get(curationId);
  }
  const { version, state } = info;
  const from = Math.max(afterVersion, version - maxWatchActions);
  const covered = from === afterVersion && (waited.at(-1)?.seq ?? -1) >= version - 1;
  const actions = covered ? waited : (await curations.readActions(curationId, { from, limit: version - from })).actions;
  return { curationId, version, state, actions: actions.filter((a) => a.seq >= from && a.seq < version) };
}
