import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';

// Enables noble's synchronous API; idempotent, and the only configuration it has.
ed.hashes.sha512 = sha512;

/** ed25519 as figurl uses it: RFC 8032 verification (not ZIP-215), so Wycheproof agrees. */
export const ed25519 = {
  publicKey: (seed: Uint8Array): Uint8Array => ed.getPublicKey(seed),
  sign: (message: Uint8Array, seed: Uint8Array): Uint8Array => ed.sign(message, seed),
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
    try {
      return ed.verify(signature, message, publicKey, { zip215: false });
    } catch {
      // Malformed points or lengths are simply not valid signatures.
      return false;
    }
  },
  randomSeed: (): Uint8Array => crypto.getRandomValues(new Uint8Array(32)),
};
