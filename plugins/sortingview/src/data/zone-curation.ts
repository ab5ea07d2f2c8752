import { toCurationUri } from '@figurl/sdk/protocol';

/** `curation://<id>`: how URL state names a zone curation document (docs/protocol.md §13). */
export const zoneCurationUri = toCurationUri;

/** The curation id of a `curation://<id>` URI, or undefined for any other URI. */
export function parseZoneCurationUri(uri: string): string | undefined {
  return /^curation:\/\/([a-z]{12})$/.exec(uri)?.[1];
}
