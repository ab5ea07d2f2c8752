import { readFileSync } from 'node:fs';
import { ed25519, fromHex, parseKeyPem } from '@figurl/sdk';
import { verifyEd25519 } from '@figurl/sdk/node';
import { describe, expect, it } from 'vitest';

interface WycheproofFile {
  numberOfTests: number;
  testGroups: {
    publicKey: { pk: string };
    publicKeyPem: string;
    tests: { tcId: number; msg: string; sig: string; result: 'valid' | 'invalid'; flags: string[] }[];
  }[];
}

// Vendored from the public Wycheproof project (Apache-2.0, see the folder's README and LICENSE).
const file = JSON.parse(
  readFileSync(new URL('../../fixtures/wycheproof/ed25519_test.json', import.meta.url), 'utf8'),
) as WycheproofFile;

const cases = file.testGroups.flatMap((group) => group.tests.map((test) => ({ ...test, pk: group.publicKey.pk })));

describe('Wycheproof ed25519 verification vectors (G13)', () => {
  it('covers every vector in the file', () => {
    expect(cases).toHaveLength(file.numberOfTests);
    expect(cases.length).toBe(150);
  });

  it.each([
    ['portable (@noble/ed25519)', ed25519.verify],
    ['node:crypto (verifyEd25519)', verifyEd25519],
  ])('%s agrees with every vector', (_name, verify) => {
    const disagreements = cases.filter((c) => {
      const sig = hexOrEmpty(c.sig);
      const ok = verify(sig, hexOrEmpty(c.msg), fromHex(c.pk, { what: 'public key', length: 32 }));
      return ok !== (c.result === 'valid');
    });
    expect(disagreements.map((c) => `tcId ${c.tcId} (${c.flags.join(',')})`)).toEqual([]);
  });

  it('reads every group key from its PEM', () => {
    for (const group of file.testGroups) expect(parseKeyPem('public', group.publicKeyPem)).toBe(group.publicKey.pk);
  });
});

function hexOrEmpty(hex: string): Uint8Array {
  // Some invalid vectors carry odd-length signatures: those bytes can never verify.
  return hex.length % 2 === 0 ? fromHex(hex, { what: 'vector bytes' }) : new Uint8Array([1]);
}
