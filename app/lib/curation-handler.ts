import {
  createCurationClient,
  createZoneClient,
  curationServiceQuerySchema,
  FigurlError,
  parseWith,
  zoneQuerySchema,
} from '@figurl/sdk';
import { toErrorResponse } from './error-response';
import { readJsonRequest } from './read-json-request';
import { runCurationQuery } from './run-curation-query';
import { readSession } from './session-cookie';
import type { ShellDeps } from './shell-deps';

/** 1000 actions or a starting curation of a large sorting fit well within this. */
const maxCurationRequestBytes = 4 << 20;

/**
 * `POST /api/curation[?zone=]` with a figurl-curation query (`{op: 'create' | 'get' | 'act' |
 * 'watch', …}`, docs/protocol.md §13): the plugin's serviceQuery, sent on by the figure page.
 * A signed-in user's request goes to the zone with the shell's zone token (FIGURL_ZONE_TOKEN,
 * scope `delegate`) and `x-figurl-acting-for: <login>`, so the zone authorizes and records
 * the user; a signed-out one goes anonymously (an open zone lets anyone curate). Without a zone
 * token the shell cannot vouch for anyone, and every request goes anonymously.
 */
export async function handleCuration(request: Request, deps: ShellDeps): Promise<Response> {
  try {
    const query = await readJsonRequest(request, deps.config, curationServiceQuerySchema, {
      what: 'curation request',
      maxBytes: maxCurationRequestBytes,
    });
    const { zone } = parseWith(zoneQuerySchema, Object.fromEntries(new URL(request.url).searchParams), 'query');
    const session = await readSession(request.headers, deps.config, deps.now);
    const vouched = session !== undefined && deps.config.zoneToken !== undefined;
    const client = createZoneClient({
      baseUrl: deps.config.zoneUrl,
      fetch: deps.fetch,
      zone,
      ...(vouched ? { token: deps.config.zoneToken, actingFor: session.login } : {}),
    });
    const curations = createCurationClient(client.connection);
    const result = await runCurationQuery(curations, query, { signal: request.signal }).catch((err: unknown) => {
      throw explain(err, session !== undefined, deps.config.zoneToken !== undefined);
    });
    return Response.json(result, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    // The page went away mid-watch: nobody reads this answer, and it is no fault to log.
    if (request.signal.aborted) return new Response(null, { status: 204 });
    return toErrorResponse(err);
  }
}

/** The zone's refusal of an anonymous request, said so a browser user knows what to do. */
function explain(err: unknown, signedIn: boolean, hasZoneToken: boolean): unknown {
  if (!(err instanceof FigurlError) || (err.code !== 'UNAUTHORIZED' && err.code !== 'FORBIDDEN')) return err;
  if (!signedIn) return new FigurlError('UNAUTHORIZED', `sign in to curate here: ${err.message}`);
  if (!hasZoneToken) {
    return new FigurlError(
      err.code,
      `this shell has no zone token (FIGURL_ZONE_TOKEN, scope "delegate") to act for signed-in users, so it asked anonymously: ${err.message}`,
    );
  }
  return err;
}
