import { FigurlError, quote } from '../errors/index.js';

/**
 * Longest mutable key. kachery set none; keys travel in URLs, CLI arguments, log lines and the
 * `<zone>/<key>` id of blob references, and 512 characters hold any sensible folder path.
 */
export const maxMutableKeyLength = 512;

// Letters, digits and the punctuation that needs no quoting in a URL path, a file name or a
// shell word. kachery-cloud keys were file paths under `mutables/`; these stay portable.
const keyCharacters = /^[A-Za-z0-9._~:+=,@/-]*$/;
const allowed = 'letters, digits and . _ - ~ : + = , @ between the "/"';

/**
 * What is wrong with a mutable key, as an "expected …" phrase, or undefined when it is valid.
 * The grammar is kachery-cloud's (`_createNewMutableKey`): split on "/", every segment but the
 * last is a folder starting with "@", the last is a name that does not; no empty, "." or ".."
 * segments. figurl adds the length and character limits above.
 *
 * @example
 * mutableKeyProblem('@figures/@2026/plot-1'); // undefined
 * mutableKeyProblem('figures/plot-1'); // 'expected every segment before the last to be a folder starting with "@", got "figures"'
 */
export function mutableKeyProblem(key: string): string | undefined {
  if (key === '') return 'expected a key like "@folder/name" or "name"';
  if (key.length > maxMutableKeyLength) return `expected at most ${maxMutableKeyLength} characters, got ${key.length}`;
  if (!keyCharacters.test(key)) {
    const bad = [...key].find((c) => !keyCharacters.test(c)) as string;
    return `expected ${allowed}, got ${quote(bad)}`;
  }
  const segments = key.split('/');
  if (segments.includes('')) return 'expected no empty segments (no leading, doubled or trailing "/")';
  const last = segments.length - 1;
  for (const [index, segment] of segments.entries()) {
    const name = segment.startsWith('@') ? segment.slice(1) : segment;
    if (name === '.' || name === '..') return 'expected no "." or ".." segments';
    if (index < last && !segment.startsWith('@')) {
      return `expected every segment before the last to be a folder starting with "@", got ${quote(segment)}`;
    }
    if (index < last && name === '') return 'expected a folder name after every "@", got "@"';
    if (index === last && segment.startsWith('@')) {
      return `expected the last segment to be a name, not a folder starting with "@", got ${quote(segment)}`;
    }
  }
  return undefined;
}

/**
 * Returns `key` when it is a valid mutable key, else throws INVALID_REQUEST naming the key and
 * the rule it breaks.
 *
 * @example
 * parseMutableKey('@figures/plot-1'); // '@figures/plot-1'
 * parseMutableKey('@figures/'); // throws: invalid mutable key "@figures/": expected no empty segments (…)
 */
export function parseMutableKey(key: string): string {
  const problem = mutableKeyProblem(key);
  if (problem !== undefined) throw new FigurlError('INVALID_REQUEST', `invalid mutable key ${quote(key)}: ${problem}`);
  return key;
}
