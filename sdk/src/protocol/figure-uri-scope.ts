import { findSha1Refs } from '../uri/find-sha1-refs.js';
import { parseUri } from '../uri/parse-uri.js';

// Non-sha1 URIs a figure's data may name: GitHub files, Zenodo records, curation documents, web URLs.
const otherUriPattern = /\b(?:gh|zenodo|zenodo-sandbox|curation):\/\/[^\s"'<>\\]+|\bhttps?:\/\/[^\s"'<>\\]+/g;
/**
 * `curation://<curationId>`: a zone curation document the figure's plugin may use
 * (figurl-curation). Punctuation after the id in a text (`curation://abcdefghijkl.`) is not part of it.
 */
const curationUriPattern = /^curation:\/\/([a-z]{12})(?![A-Za-z0-9_-])/;

/**
 * The URIs one figure may read: its data URI, the URIs in the state it was opened with, and
 * every URI named inside the JSON and text files it has loaded (sortingview layouts name each
 * view's data by URI), plus what the plugin itself stored. A plugin asking for anything else
 * (a hostile plugin probing for a user's private blobs or repositories) is refused. Curation
 * documents count the same way, named `curation://<curationId>` (or created by the plugin).
 */
export interface FigureUriScope {
  has(uri: string): boolean;
  /** Adds one URI (the data URI, a stored file's URI). */
  add(uri: string): void;
  /**
   * Adds every URI named anywhere in a loaded text, JSON text included: one scan of the text as
   * it arrived, cheaper than walking the parsed value (figurl's writers never escape `/` in JSON).
   */
  addNamedIn(text: string): void;
}

export function createFigureUriScope(): FigureUriScope {
  const keys = new Set<string>();
  const add = (uri: string) => {
    const key = scopeKey(uri);
    if (key !== undefined) keys.add(key);
  };
  return {
    has: (uri) => {
      if (uri.startsWith('data:')) return true;
      const key = scopeKey(uri);
      return key !== undefined && keys.has(key);
    },
    add,
    addNamedIn(text) {
      for (const hash of findSha1Refs(text)) keys.add(`sha1:${hash}`);
      for (const match of text.matchAll(otherUriPattern)) add(match[0]);
    },
  };
}

/**
 * sha1-bearing URIs are one object whatever their label or name; gh:// and zenodo:// compare
 * without a query (`?label=`), web URLs as they are; `curation://` by its id.
 */
function scopeKey(uri: string): string | undefined {
  if (uri.startsWith('curation:')) {
    const id = curationUriPattern.exec(uri)?.[1];
    return id === undefined ? undefined : `curation:${id}`;
  }
  try {
    const parsed = parseUri(uri);
    if (parsed.kind === 'sha1' || parsed.kind === 'kachery') return `sha1:${parsed.hash}`;
  } catch {
    return undefined;
  }
  if (/^https?:/.test(uri)) return uri;
  const query = uri.indexOf('?');
  return query < 0 ? uri : uri.slice(0, query);
}
