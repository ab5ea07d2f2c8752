import { FigurlError, quote } from '../errors/index.js';

/**
 * The one error every URI function throws: `invalid URI <quoted input>: [<problem>; ]expected …`.
 *
 * @example
 * throw invalidUri(input, '40 lowercase hex characters after "sha1://"');
 * throw invalidUri(input, 'a sha1:// URI', 'jot:// URIs are no longer supported');
 */
export function invalidUri(input: unknown, expected: string, problem?: string): FigurlError {
  const reason = problem === undefined ? `expected ${expected}` : `${problem}; expected ${expected}`;
  return new FigurlError('INVALID_URI', `invalid URI ${quote(input)}: ${reason}`);
}
