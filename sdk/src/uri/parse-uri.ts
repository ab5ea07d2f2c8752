import { checkUriText } from './check-uri-text.js';
import type { FigurlUri } from './figurl-uri.js';
import { invalidUri } from './invalid-uri.js';
import { isSha1Hash } from './is-sha1-hash.js';
import { legacyUriSchemes } from './legacy-uri-schemes.js';
import { parseDataUri } from './parse-data-uri.js';
import { parseGitHubUri } from './parse-github-uri.js';
import { parseGsUri } from './parse-gs-uri.js';
import { parseHttpUri } from './parse-http-uri.js';
import { parseKacheryUri } from './parse-kachery-uri.js';
import { parseNpmUri } from './parse-npm-uri.js';
import { parseSha1Uri } from './parse-sha1-uri.js';
import { parseZenodoUri } from './parse-zenodo-uri.js';

const parsers: Readonly<Record<string, (text: string) => FigurlUri>> = {
  sha1: parseSha1Uri,
  kachery: parseKacheryUri,
  gh: parseGitHubUri,
  zenodo: parseZenodoUri,
  'zenodo-sandbox': parseZenodoUri,
  data: parseDataUri,
  http: parseHttpUri,
  https: parseHttpUri,
  gs: parseGsUri,
  npm: parseNpmUri,
};

const supported = 'a sha1://, kachery:, gh://, zenodo://, zenodo-sandbox://, data:, http(s)://, gs:// or npm:// URI';

/**
 * Parses any URI figurl understands into a `FigurlUri`. Every failure, whatever the input
 * (non-strings included), is a FigurlError with code INVALID_URI whose message quotes the input
 * and says what was expected. Legacy schemes (`ipfs:`, `sha1-enc:`, `kachery-feed:`, `feed:`,
 * `jot:`, `sha1dir:`) are rejected with a message saying they are no longer supported.
 *
 * @example
 * parseUri('sha1://b971c6ef19b1d70ae8f0feb989b106c319b36230?label=test.txt').kind; // 'sha1'
 * parseUri('gs://figurl/vegalite-2'); // { kind: 'gs', bucket: 'figurl', path: 'vegalite-2' }
 */
export function parseUri(input: unknown): FigurlUri {
  const text = checkUriText(input);
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text)?.[1];
  if (scheme === undefined) {
    if (isSha1Hash(text)) throw invalidUri(text, `"sha1://${text}"`, 'a bare hash is not a URI');
    throw invalidUri(text, supported, 'no scheme');
  }
  const parse = Object.hasOwn(parsers, scheme) ? parsers[scheme] : undefined;
  if (parse) return parse(text);
  const lower = scheme.toLowerCase();
  if (lower !== scheme && (Object.hasOwn(parsers, lower) || Object.hasOwn(legacyUriSchemes, lower))) {
    throw invalidUri(text, `the scheme in lowercase ("${lower}:")`);
  }
  if (Object.hasOwn(legacyUriSchemes, scheme)) {
    const problem = `${scheme}:// URIs are no longer supported (${legacyUriSchemes[scheme]})`;
    throw invalidUri(text, supported, problem);
  }
  throw invalidUri(text, supported, `unsupported scheme "${scheme}:"`);
}
