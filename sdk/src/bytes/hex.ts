import { FigurlError, quote } from '../errors/index.js';

/** Lowercase hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/**
 * Bytes of a hex string, with the expected byte length checked when given.
 *
 * @example
 * fromHex('00ff', { what: 'seed', length: 2 }) // Uint8Array [0, 255]
 */
export function fromHex(hex: unknown, options: { what: string; length?: number }): Uint8Array {
  const { what, length } = options;
  const expected = length === undefined ? 'an even number of hex digits' : `${length * 2} hex digits`;
  if (typeof hex !== 'string' || hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new FigurlError('INVALID_REQUEST', `invalid ${what} ${quote(hex)}: expected ${expected}`);
  }
  if (length !== undefined && hex.length !== length * 2) {
    throw new FigurlError('INVALID_REQUEST', `invalid ${what} ${quote(hex)}: expected ${expected}`);
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
