export { assertViewUri, isPluginName } from './assert-view-uri.js';
export { decodeDataUri } from './decode-data-uri.js';
export { type FigureUrlOptions, figureUrl } from './figure-url.js';
export {
  type DataUri,
  type FigurlUri,
  type FigurlUriKind,
  figurlUriSchema,
  type GitHubUri,
  type GsUri,
  type HttpUri,
  type KacheryUri,
  type NpmUri,
  type QueryPair,
  type Sha1Uri,
  type ZenodoUri,
} from './figurl-uri.js';
export { figurlUriStringSchema } from './figurl-uri-string-schema.js';
export { findSha1Refs } from './find-sha1-refs.js';
export { formatUri } from './format-uri.js';
export { isSha1Hash } from './is-sha1-hash.js';
export { legacyUriSchemes } from './legacy-uri-schemes.js';
export { parseDataUri } from './parse-data-uri.js';
export { parseGitHubUri } from './parse-github-uri.js';
export { parseGsUri } from './parse-gs-uri.js';
export { parseHttpUri } from './parse-http-uri.js';
export { parseKacheryUri } from './parse-kachery-uri.js';
export { parseNpmUri } from './parse-npm-uri.js';
export { parseSha1Uri } from './parse-sha1-uri.js';
export { parseUri } from './parse-uri.js';
export { parseZenodoUri } from './parse-zenodo-uri.js';
export { quoteLabel } from './quote-label.js';
export { findSha1OfUri, sha1FromUri } from './sha1-from-uri.js';
export { type ToSha1UriOptions, toSha1Uri } from './to-sha1-uri.js';
export { uriLimits } from './uri-limits.js';
