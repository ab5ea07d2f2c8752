import { randomUUID } from 'node:crypto';
import { findSha1Refs, type ZoneFetch } from '@figurl/sdk';
import { createFakeZone } from '../sdk/zone-client-fake-zone.js';

/**
 * The fake zone (uploads, blobs) plus `POST /api/v1/figures` as docs/protocol.md §6 answers it:
 * a `sha1://` data URI must name a stored blob (404 NOT_FOUND otherwise, "Data must exist"),
 * and 201 `{figure, blobRefs: {count, complete}}` counts the data and every sha1 URI in it.
 * Each registration is kept with the blobs the zone held when it arrived.
 */
export function createZoneWithRegistry() {
  const zone = createFakeZone();
  const registered: { body: Record<string, unknown>; storedBefore: Set<string> }[] = [];
  const fetch: ZoneFetch = async (url, init) => {
    if (init.method !== 'POST' || new URL(url).pathname !== '/api/v1/figures') return zone.fetch(url, init);
    const body = JSON.parse(String(init.body)) as Record<string, string>;
    const dataSha1 = /^sha1:\/\/([0-9a-f]{40})/.exec(body.dataUri ?? '')?.[1] ?? null;
    const data = dataSha1 === null ? undefined : zone.bytes.get(dataSha1);
    if (dataSha1 !== null && data === undefined) {
      const message = `no blob sha1://${dataSha1} in this zone: expected the figure data to be stored first`;
      const error = { statusCode: 404, code: 'NOT_FOUND', error: 'Not Found', message };
      return new Response(JSON.stringify(error), { status: 404, headers: { 'content-type': 'application/json' } });
    }
    registered.push({ body, storedBefore: new Set(zone.bytes.keys()) });
    const refs = data === undefined ? [] : findSha1Refs(JSON.parse(new TextDecoder().decode(data)));
    const figure = {
      id: randomUUID(),
      zone: new URL(url).searchParams.get('zone') ?? 'default',
      viewUri: body.viewUri,
      dataUri: body.dataUri,
      dataSha1,
      label: body.label,
      owner: 'anonymous',
      repo: body.repo ?? null,
      pullRequest: body.pullRequest ?? null,
      commitSha: body.commitSha ?? null,
      checkName: null,
      pinned: false,
      private: false,
      allowedUsers: [],
      expiresAt: null,
      createdAt: new Date().toISOString(),
    };
    const answer = { figure, blobRefs: { count: 1 + refs.length, complete: true } };
    return new Response(JSON.stringify(answer), { status: 201, headers: { 'content-type': 'application/json' } });
  };
  return { ...zone, fetch, registered };
}

/** A blob of the zone as parsed JSON. */
export function blobJson(zone: { bytes: Map<string, Uint8Array> }, uri: string): unknown {
  const bytes = zone.bytes.get(uri.replace(/^sha1:\/\//, ''));
  if (bytes === undefined) throw new Error(`the zone does not hold ${uri}`);
  return JSON.parse(new TextDecoder().decode(bytes));
}
