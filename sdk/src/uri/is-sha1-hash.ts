const sha1HashPattern = /^[0-9a-f]{40}$/;

/**
 * Whether a value is a sha1 hash as figurl writes it: exactly 40 lowercase hex characters.
 *
 * @example
 * isSha1Hash('b971c6ef19b1d70ae8f0feb989b106c319b36230'); // true
 * isSha1Hash('B971C6EF19B1D70AE8F0FEB989B106C319B36230'); // false: uppercase is not accepted
 */
export function isSha1Hash(value: unknown): value is string {
  return typeof value === 'string' && sha1HashPattern.test(value);
}
