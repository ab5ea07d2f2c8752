import { fromHex, toHex } from '../bytes/hex.js';
import { ed25519 } from './ed25519.js';

/** A kachery client identity: the ed25519 public key (the client ID) and its 32-byte seed. */
export interface KeyPair {
  /** 64 lowercase hex: the kachery client ID. */
  publicKey: string;
  /** 64 lowercase hex: the ed25519 seed (kachery's `KACHERY_CLOUD_PRIVATE_KEY`). */
  privateKey: string;
}

/**
 * The key pair of a seed, or of a fresh random seed.
 *
 * @example
 * createKeyPair('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f').publicKey
 * // '03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8'
 */
export function createKeyPair(privateKey?: string): KeyPair {
  const seed =
    privateKey === undefined ? ed25519.randomSeed() : fromHex(privateKey, { what: 'private key', length: 32 });
  return { publicKey: toHex(ed25519.publicKey(seed)), privateKey: toHex(seed) };
}
