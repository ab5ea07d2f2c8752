import { checkSha1Hash } from './check-sha1-hash.js';
import { checkUriText } from './check-uri-text.js';
import type { KacheryUri } from './figurl-uri.js';
import { invalidUri } from './invalid-uri.js';

const prefix = 'kachery:';
const shape = 'kachery:<zone>:sha1:<40 hex>[:<label>]';
// Zone names seen in the wild: "default", "scratchrealm", "franklab.collaborators".
const zonePattern = /^(?:[A-Za-z0-9][A-Za-z0-9._-]{0,99})?$/;

/**
 * Parses the magland/kachery 2.x form `kachery:<zone>:sha1:<hash>[:<label>]`. The zone may be
 * empty (`kachery::sha1:<hash>:<label>`, written by `store_file_local`): the reader's zone applies.
 * The label is kept raw; Python quotes it, so it has no `:` of its own, but one is tolerated
 * because the Python reader ignores the label altogether.
 *
 * @example
 * parseKacheryUri('kachery::sha1:b971c6ef19b1d70ae8f0feb989b106c319b36230:test.txt');
 * // { kind: 'kachery', zone: '', hash: 'b971…6230', label: 'test.txt' }
 */
export function parseKacheryUri(input: unknown): KacheryUri {
  const text = checkUriText(input);
  if (!text.startsWith(prefix)) throw invalidUri(text, `a kachery URI of the form ${shape}`);
  const [zone, alg, hashText, ...labelParts] = text.slice(prefix.length).split(':');
  if (zone === undefined || alg === undefined || hashText === undefined) {
    throw invalidUri(text, `a kachery URI of the form ${shape}`);
  }
  if (!zonePattern.test(zone)) {
    throw invalidUri(text, `an empty zone or a zone name of letters, digits, ".", "_" and "-" in ${shape}`);
  }
  if (alg !== 'sha1') throw invalidUri(text, `hash algorithm "sha1" in ${shape}, got ${JSON.stringify(alg)}`);
  const hash = checkSha1Hash(text, hashText, 'after "sha1:"');
  return {
    kind: 'kachery',
    zone,
    hash,
    ...(labelParts.length === 0 ? {} : { label: labelParts.join(':') }),
  };
}
