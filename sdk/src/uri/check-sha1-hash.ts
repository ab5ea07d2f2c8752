import { invalidUri } from './invalid-uri.js';
import { isSha1Hash } from './is-sha1-hash.js';

/**
 * Checks the hash part of a URI and explains what is wrong with it.
 *
 * Uppercase hex is rejected rather than lowercased: Python's `hexdigest()` and every figurl
 * client write lowercase, zones store and look up `sha1/aa/bb/cc/<lowercase>`, and normalising
 * would break the rule that formatting a parsed URI gives back the exact text.
 *
 * @example
 * checkSha1Hash(uri, hashText, 'after "sha1://"');
 */
export function checkSha1Hash(input: string, hash: string, where: string): string {
  // Widened so the type guard does not narrow `hash` to never below.
  if (isSha1Hash(hash as unknown)) return hash;
  const expected = `40 lowercase hex characters ${where}`;
  if (hash.length !== 40) throw invalidUri(input, `${expected}, got ${hash.length}`);
  if (/^[0-9a-fA-F]{40}$/.test(hash)) throw invalidUri(input, `${expected}; uppercase hex is not accepted`);
  const bad = /[^0-9a-fA-F]/.exec(hash);
  throw invalidUri(input, `${expected}, found ${JSON.stringify(bad?.[0] ?? '')} in the hash`);
}
