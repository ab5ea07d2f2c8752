import { canonicalJson, feedMessageHash, feedMessageHashOfText, sha1Hex } from '@figurl/sdk';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

const hex = (length: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${length}}$`));
const json = fc.jsonValue() as fc.Arbitrary<Parameters<typeof canonicalJson>[0]>;

describe('feedMessageHash', () => {
  test('is the SHA-1 of the canonical JSON of the whole record, also when built around the message text', () => {
    fc.assert(
      fc.property(
        fc.record({
          feedId: fc.stringMatching(/^[a-z]{12}$/),
          seq: fc.nat(),
          author: fc.string(),
          timestamp: fc.nat(),
          message: json,
          previousHash: fc.option(hex(40), { nil: null }),
          clientId: fc.option(hex(64), { nil: null }),
          signature: fc.option(hex(128), { nil: null }),
          signedAt: fc.option(fc.nat(), { nil: null }),
        }),
        (record) => {
          const expected = sha1Hex(new TextEncoder().encode(canonicalJson(record)));
          expect(feedMessageHash(record)).toBe(expected);
          const { message, ...fields } = record;
          expect(feedMessageHashOfText(fields, canonicalJson(message))).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});
