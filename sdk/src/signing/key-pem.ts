import { fromBase64, toBase64 } from '../bytes/base64.js';
import { fromHex, toHex } from '../bytes/hex.js';
import { FigurlError, quote } from '../errors/index.js';

// DER prefixes of SPKI (public) and PKCS#8 (private) ed25519 keys; the raw key follows.
const publicPrefix = fromHex('302a300506032b6570032100', { what: 'SPKI prefix' });
const privatePrefix = fromHex('302e020100300506032b657004220420', { what: 'PKCS#8 prefix' });

const kinds = {
  public: { label: 'PUBLIC KEY', prefix: publicPrefix },
  private: { label: 'PRIVATE KEY', prefix: privatePrefix },
} as const;

type Kind = keyof typeof kinds;

/**
 * PEM text of a key in kachery-cloud's `public.pem` / `private.pem` format: the base64 on one
 * line between the armour lines and no trailing newline, byte for byte what the Python client
 * writes (and what it requires: line 0 BEGIN, line 2 END).
 *
 * @example
 * toKeyPem('public', '03a107bf…31b8') // '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAA6EH…\n-----END PUBLIC KEY-----'
 */
export function toKeyPem(kind: Kind, keyHex: string): string {
  const { label, prefix } = kinds[kind];
  const key = fromHex(keyHex, { what: `${kind} key`, length: 32 });
  const der = new Uint8Array(prefix.length + key.length);
  der.set(prefix);
  der.set(key, prefix.length);
  return `-----BEGIN ${label}-----\n${toBase64(der)}\n-----END ${label}-----`;
}

/**
 * The 64-hex key inside a kachery PEM file. Accepts the Python layout, a trailing newline (the
 * TypeScript tools' layout) and base64 wrapped over several lines (OpenSSL's).
 */
export function parseKeyPem(kind: Kind, text: string): string {
  const { label, prefix } = kinds[kind];
  const expectation = `expected an ed25519 ${kind} key in PEM ("-----BEGIN ${label}-----" … "-----END ${label}-----")`;
  const lines = String(text)
    .trim()
    .split(/\r?\n/)
    .map((l) => l.trim());
  if (lines.length < 3 || lines[0] !== `-----BEGIN ${label}-----` || lines.at(-1) !== `-----END ${label}-----`) {
    throw new FigurlError('INVALID_REQUEST', `invalid ${kind} key PEM ${quote(text, 80)}: ${expectation}`);
  }
  const der = fromBase64(lines.slice(1, -1).join(''), `${kind} key PEM body`);
  const hasPrefix = der.length === prefix.length + 32 && prefix.every((b, i) => der[i] === b);
  if (!hasPrefix) {
    throw new FigurlError(
      'INVALID_REQUEST',
      `invalid ${kind} key PEM ${quote(text, 80)}: ${expectation}, found ${der.length} DER bytes of another key type`,
    );
  }
  return toHex(der.subarray(prefix.length));
}
