import { hkdfSync } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';

export interface SealOptions {
  /** The shell's session secret (at least 32 characters). */
  secret: string;
  /** What the value is for; a value sealed for one purpose does not open as another. */
  purpose: 'session' | 'oauth-state';
  /** Milliseconds since the epoch; default Date.now. */
  now?: (() => number) | undefined;
}

/**
 * Encrypts and authenticates `payload` as a JWE (`dir`, A256GCM) that expires after
 * `maxAgeSeconds`: the browser holds it but can neither read nor change it.
 *
 * @example
 * const value = await seal({ login: 'octocat', token }, 3600, { secret, purpose: 'session' });
 */
export async function seal(
  payload: Record<string, string>,
  maxAgeSeconds: number,
  options: SealOptions,
): Promise<string> {
  const nowSeconds = Math.floor((options.now ?? Date.now)() / 1000);
  return new EncryptJWT(payload)
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setAudience(audience(options.purpose))
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + maxAgeSeconds)
    .encrypt(deriveKey(options));
}

/**
 * The payload of a value made by `seal` with the same secret and purpose, or undefined when
 * it was changed, made with another key or purpose, or has expired.
 */
export async function unseal(value: string, options: SealOptions): Promise<Record<string, unknown> | undefined> {
  try {
    const { payload } = await jwtDecrypt(value, deriveKey(options), {
      audience: audience(options.purpose),
      currentDate: new Date((options.now ?? Date.now)()),
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: ['A256GCM'],
    });
    return payload;
  } catch {
    return undefined;
  }
}

function audience(purpose: SealOptions['purpose']): string {
  return `figurl-shell:${purpose}`;
}

// One key per purpose, derived from the secret, so the secret itself never keys a cipher.
function deriveKey(options: SealOptions): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', options.secret, 'figurl-shell', `figurl ${options.purpose} v1`, 32));
}
