import { FigurlError, quote } from '../errors/index.js';

/** Standard base64 (with padding) of bytes; works in Node and browsers. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** Bytes of standard base64 text; whitespace is ignored, anything else invalid is an error. */
export function fromBase64(text: string, what = 'base64 text'): Uint8Array {
  const compact = text.replace(/\s+/g, '');
  let binary: string;
  try {
    binary = atob(compact);
  } catch {
    throw new FigurlError('INVALID_REQUEST', `invalid ${what} ${quote(text)}: expected standard base64`);
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
