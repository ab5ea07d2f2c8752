import { findSha1Refs } from '@figurl/sdk';
import { describe, expect, test } from 'vitest';

const a = 'b971c6ef19b1d70ae8f0feb989b106c319b36230';
const b = '0123456789abcdef0123456789abcdef01234567';

describe('findSha1Refs', () => {
  test('finds sha1:// and kachery URIs in strings, keys and nested values, in order, once each', () => {
    const value = {
      [`sha1://${b}`]: 'key',
      data: [`sha1://${a}?label=x`, { deeper: `see kachery:default:sha1:${a}:name and sha1://${b}/f.json` }],
      figurl: `https://figurl.org/f?v=gs://x&d=sha1://${a}&label=y`,
      n: 3,
      t: true,
      z: null,
    };
    expect(findSha1Refs(value)).toEqual([b, a]);
  });

  test('ignores uppercase, short, long and scheme-less hashes', () => {
    expect(
      findSha1Refs([
        `sha1://${a.toUpperCase()}`,
        `sha1://${a.slice(0, 39)}`,
        `sha1://${a}0`,
        `sha1://${a}F`,
        a,
        `sha256://${a}`,
      ]),
    ).toEqual([]);
  });

  test("finds sortingview's legacy figureDataSha1 bare hashes, in values and in JSON text", () => {
    const legacy = {
      type: 'MountainLayout',
      views: [
        { label: 'Units', type: 'UnitsTable', figureDataSha1: a },
        { label: 'Other', type: 'X', figureDataSha1: 'not a hash', sha1: b },
      ],
    };
    expect(findSha1Refs(legacy)).toEqual([a]);
    expect(findSha1Refs(JSON.stringify(legacy, null, 2))).toEqual([a]);
    // Only that key: a bare hash elsewhere names nothing.
    expect(findSha1Refs({ figureDataSha1: `${a}0`, other: a })).toEqual([]);
  });

  test('walks JSON nested 100,000 deep without overflowing the stack', () => {
    let value: unknown = `sha1://${a}`;
    for (let i = 0; i < 100_000; i++) value = i % 2 === 0 ? [value] : { k: value };
    expect(findSha1Refs(value)).toEqual([a]);
  });
});
