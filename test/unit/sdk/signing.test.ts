import { createPrivateKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  canonicalJson,
  createKeyPair,
  parseJsonPreservingNumbers,
  parseKeyPem,
  payloadDigest,
  signEnvelope,
  signPayload,
  toHex,
  toKeyPem,
  verifyPayloadSignature,
} from '@figurl/sdk';
import { describe, expect, it } from 'vitest';

// The test vectors of the kachery reference (§3.2).
const seed = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
const clientId = '03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8';
const findFilePayload = {
  hash: 'b971c6ef19b1d70ae8f0feb989b106c319b36230',
  hashAlg: 'sha1',
  timestamp: 1700000000000,
  type: 'findFile',
  zone: 'default',
};
const findFileSignature =
  'f264c100f8452a1f764d98896cd772b4040c495794ad02a274aa040dd0da74035a214f8e5c2a03567989d80b54f90ec4fdd703192ff9ac8a737448359414b604';
const addClientSignature =
  'a07d6de55bdd733e9dd561448d0ae34c78f712e7d395bb37e5f19de735b2f2589027a1928fa63a4e015f4b053b71e07c3e12683e9f9c2778f0126cae95918703';

describe('kachery reference vectors', () => {
  it('derives the client ID from the seed', () => {
    expect(createKeyPair(seed)).toEqual({ publicKey: clientId, privateKey: seed });
  });

  it('hashes the canonical payload to the reference sha1', () => {
    expect(canonicalJson(findFilePayload)).toBe(
      '{"hash":"b971c6ef19b1d70ae8f0feb989b106c319b36230","hashAlg":"sha1","timestamp":1700000000000,"type":"findFile","zone":"default"}',
    );
    expect(toHex(payloadDigest(findFilePayload))).toBe('1f26e855fcdfcb403efa2adf7be50439b4f4edc7');
  });

  it('signs exactly as the Python client', () => {
    expect(signPayload(findFilePayload, seed)).toBe(findFileSignature);
    expect(signPayload({ type: 'addClient' }, seed)).toBe(addClientSignature);
  });

  it('builds the signed envelope the Python client sends', () => {
    expect(signEnvelope(findFilePayload, createKeyPair(seed))).toEqual({
      payload: findFilePayload,
      fromClientId: clientId,
      signature: findFileSignature,
    });
  });

  it('verifies the reference signatures and rejects tampering', () => {
    expect(
      verifyPayloadSignature({ payload: findFilePayload, signature: findFileSignature, publicKey: clientId }),
    ).toBe(true);
    expect(
      verifyPayloadSignature({ payload: { type: 'addClient' }, signature: addClientSignature, publicKey: clientId }),
    ).toBe(true);
    const tampered = { ...findFilePayload, timestamp: 1700000000001 };
    expect(verifyPayloadSignature({ payload: tampered, signature: findFileSignature, publicKey: clientId })).toBe(
      false,
    );
    const otherKey = createKeyPair().publicKey;
    expect(
      verifyPayloadSignature({ payload: findFilePayload, signature: findFileSignature, publicKey: otherKey }),
    ).toBe(false);
  });

  it('treats malformed signatures and keys as invalid, never throwing', () => {
    for (const signature of ['', 'zz', findFileSignature.slice(2), `${findFileSignature}00`, 'G'.repeat(128)]) {
      expect(verifyPayloadSignature({ payload: findFilePayload, signature, publicKey: clientId })).toBe(false);
    }
    expect(verifyPayloadSignature({ payload: findFilePayload, signature: findFileSignature, publicKey: 'abc' })).toBe(
      false,
    );
  });

  it('accepts the legacy unhashed scheme only when asked', () => {
    const { publicKey, privateKey } = createKeyPair();
    const payload = { type: 'findFile', timestamp: 1 };
    // Legacy: ed25519 directly over the canonical text, as the gateway's fallback accepts.
    const legacySignature = toHex(signWithSeed(new TextEncoder().encode(canonicalJson(payload)), privateKey));
    expect(verifyPayloadSignature({ payload, signature: legacySignature, publicKey })).toBe(false);
    expect(verifyPayloadSignature({ payload, signature: legacySignature, publicKey, legacy: true })).toBe(true);
  });
});

describe('signatures made by Python (test/fixtures/python-signatures.json)', () => {
  const fixture = JSON.parse(
    readFileSync(new URL('../../fixtures/python-signatures.json', import.meta.url), 'utf8'),
  ) as {
    privateKey: string;
    publicKey: string;
    vectors: { body: string; canonical: string; sha1: string; signature: string }[];
  };

  it('has the reference key', () => {
    expect(fixture.publicKey).toBe(clientId);
    expect(fixture.vectors.length).toBeGreaterThanOrEqual(7);
  });

  it.each(fixture.vectors.map((v) => [v.canonical.slice(0, 60), v] as const))(
    'reproduces and verifies %s',
    (_name, vector) => {
      const envelope = parseJsonPreservingNumbers(vector.body) as { payload: Parameters<typeof canonicalJson>[0] };
      expect(canonicalJson(envelope.payload)).toBe(vector.canonical);
      expect(toHex(payloadDigest(envelope.payload))).toBe(vector.sha1);
      expect(
        verifyPayloadSignature({ payload: envelope.payload, signature: vector.signature, publicKey: clientId }),
      ).toBe(true);
      expect(signPayload(envelope.payload, fixture.privateKey)).toBe(vector.signature);
    },
  );

  it('fails a Python-escaped non-ASCII payload under naive JSON.stringify canonicalisation', () => {
    const vector = fixture.vectors.find((v) => v.canonical.includes('\\u00e9'));
    expect(vector).toBeDefined();
    const envelope = JSON.parse(vector?.body ?? '{}') as { payload: Record<string, unknown> };
    const sorted = Object.fromEntries(Object.entries(envelope.payload).sort(([a], [b]) => (a < b ? -1 : 1)));
    expect(JSON.stringify(sorted)).not.toBe(vector?.canonical);
    expect(canonicalJson(envelope.payload as Parameters<typeof canonicalJson>[0])).toBe(vector?.canonical);
  });
});

describe('key PEM files in the kachery-cloud format', () => {
  const publicPem =
    '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAA6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=\n-----END PUBLIC KEY-----';
  const privatePem =
    '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f\n-----END PRIVATE KEY-----';

  it('writes byte for byte what the Python client writes', () => {
    expect(toKeyPem('public', clientId)).toBe(publicPem);
    expect(toKeyPem('private', seed)).toBe(privatePem);
  });

  it('reads the Python layout, a trailing newline and CRLF', () => {
    expect(parseKeyPem('public', publicPem)).toBe(clientId);
    expect(parseKeyPem('private', `${privatePem}\n`)).toBe(seed);
    expect(parseKeyPem('private', privatePem.replaceAll('\n', '\r\n'))).toBe(seed);
  });

  it('reads keys written by OpenSSL (node:crypto)', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const pub = parseKeyPem('public', publicKey.export({ format: 'pem', type: 'spki' }).toString());
    const priv = parseKeyPem('private', privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    expect(createKeyPair(priv).publicKey).toBe(pub);
  });

  it('rejects the wrong kind, armour or key type with a clear message', () => {
    expect(() => parseKeyPem('private', publicPem)).toThrow(
      /invalid private key PEM .*expected an ed25519 private key/,
    );
    expect(() => parseKeyPem('public', 'hello')).toThrow(/invalid public key PEM "hello"/);
    const rsaLike =
      '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VuAyEAA6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=\n-----END PUBLIC KEY-----';
    expect(() => parseKeyPem('public', rsaLike)).toThrow(/another key type/);
  });
});

function signWithSeed(message: Uint8Array, privateKey: string): Uint8Array {
  // Independent signer (node:crypto) so the legacy check does not test noble against itself.
  const pem = toKeyPem('private', privateKey);
  return new Uint8Array(sign(null, message, createPrivateKey(pem)));
}
