import { FigurlError, quote } from '@figurl/sdk';

/** SigV4 presigned URLs live at most 7 days. */
const maxExpiresInSeconds = 7 * 24 * 3600;

/**
 * Throws `INVALID_REQUEST` unless `expiresInSeconds` is a whole number of seconds SigV4 can sign
 * (1 s to 7 days) and `size`, when given, is a non-negative integer.
 *
 * @example
 * assertPresignOptions('staging/x', { expiresInSeconds: 900, size: 1234 });
 */
export function assertPresignOptions(key: string, options: { expiresInSeconds: number; size?: number }): void {
  const { expiresInSeconds, size } = options;
  if (!Number.isSafeInteger(expiresInSeconds) || expiresInSeconds < 1 || expiresInSeconds > maxExpiresInSeconds) {
    throw new FigurlError(
      'INVALID_REQUEST',
      `invalid expiry ${quote(expiresInSeconds)} for ${quote(key)}: expected whole seconds from 1 to ${maxExpiresInSeconds}`,
    );
  }
  if (size !== undefined && !(Number.isSafeInteger(size) && size >= 0)) {
    throw new FigurlError(
      'INVALID_REQUEST',
      `invalid size ${quote(size)} for ${quote(key)}: expected a non-negative integer`,
    );
  }
}
