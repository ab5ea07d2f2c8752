import {
  decodeDataUri,
  type FigurlUri,
  formatUri,
  parseUri,
  type QueryPair,
  quoteLabel,
  sha1FromUri,
  toSha1Uri,
} from '@figurl/sdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FigurlError } from '../../../sdk/src/errors/index.js';

/**
 * Each arbitrary builds a URI's text and its expected parse independently from the same parts,
 * so the properties check the parser's reading, not just that parse and format invert each other.
 */
type Case = { text: string; uri: FigurlUri };

const chars = (set: string) => fc.constantFrom(...set);
const text = (set: string, minLength = 0, maxLength = 12) =>
  fc.string({ unit: fc.oneof({ weight: 6, arbitrary: chars(set) }, chars('üß漢😀')), minLength, maxLength });

const hex = fc.string({ unit: chars('0123456789abcdef'), minLength: 40, maxLength: 40 });
// No whitespace or control characters: a URI must not end in whitespace, and spaces are covered by table tests.
const uriChars = "abcXYZ019-._~!$'()*+,;:@/%";
const segment = text(uriChars.replace('/', ''), 1).filter((s) => s !== '.' && s !== '..');
const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
const optionalPath = fc.option(
  fc.tuple(path, fc.boolean()).map(([p, slash]) => (slash ? `${p}/` : p)),
  { nil: undefined },
);

type Piece = { pair: QueryPair } | { junk: string };
const queryText = text(uriChars.replace('%', ''));
const piece: fc.Arbitrary<Piece> = fc.oneof(
  fc
    .tuple(fc.oneof(fc.constantFrom('label', 'location', 'manifest'), queryText), queryText)
    .map(([key, value]) => ({ pair: [key, value] as const })),
  queryText.map((junk) => ({ junk })),
  fc.tuple(queryText, queryText, queryText).map(([a, b, c]) => ({ junk: `${a}=${b}=${c}` })),
);
const keyed = (key: string, pairs: QueryPair[]) => pairs.filter(([k]) => k === key).at(-1)?.[1];

const sha1Case: fc.Arbitrary<Case> = fc
  .record({
    hash: hex,
    name: fc.option(text(`${uriChars}#&=`), { nil: undefined }),
    pieces: fc.option(fc.array(piece, { maxLength: 5 }), { nil: undefined }),
    tail: fc.option(text(`${uriChars}?&=`), { nil: undefined }),
  })
  .map(({ hash, name, pieces, tail }) => {
    const query =
      pieces === undefined
        ? undefined
        : pieces.map((p) => ('pair' in p ? p.pair.join('=') : p.junk)).join('&') +
          (tail === undefined ? '' : `?${tail}`);
    const params = (pieces ?? []).flatMap((p) => ('pair' in p ? [p.pair] : []));
    const label = keyed('label', params);
    const location = keyed('location', params);
    return {
      text: `sha1://${hash}${name === undefined ? '' : `/${name}`}${query === undefined ? '' : `?${query}`}`,
      uri: {
        kind: 'sha1',
        hash,
        ...(name === undefined ? {} : { name }),
        ...(query === undefined ? {} : { query }),
        params,
        ...(label === undefined ? {} : { label }),
        ...(location === undefined ? {} : { location }),
      },
    };
  });

const kacheryCase: fc.Arbitrary<Case> = fc
  .record({
    zone: fc.oneof(fc.constant(''), fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}$/)),
    hash: hex,
    label: fc.option(text(uriChars), { nil: undefined }),
  })
  .map(({ zone, hash, label }) => ({
    text: `kachery:${zone}:sha1:${hash}${label === undefined ? '' : `:${label}`}`,
    uri: { kind: 'kachery', zone, hash, ...(label === undefined ? {} : { label }) },
  }));

const branch = fc
  .stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.#-]{0,20}$/)
  .filter((b) => !b.includes('..') && !b.endsWith('.') && !b.endsWith('.lock'));
const gitHubCase: fc.Arbitrary<Case> = fc
  .record({
    owner: fc.stringMatching(/^[A-Za-z0-9](?:[A-Za-z0-9]|-[A-Za-z0-9]){0,18}$/),
    repo: fc.stringMatching(/^[A-Za-z0-9._-]{1,30}$/).filter((r) => r !== '.' && r !== '..'),
    branch,
    path,
  })
  .map(({ owner, repo, branch, path }) => ({
    text: `gh://${owner}/${repo}/${branch}/${path}`,
    uri: { kind: 'gh', owner, repo, branch, path },
  }));

const zenodoCase: fc.Arbitrary<Case> = fc
  .record({ sandbox: fc.boolean(), recordId: fc.stringMatching(/^[1-9][0-9]{0,12}$/), path })
  .map(({ sandbox, recordId, path }) => ({
    text: `${sandbox ? 'zenodo-sandbox' : 'zenodo'}://${recordId}/${path}`,
    uri: { kind: 'zenodo', sandbox, recordId, path },
  }));

const token = fc.stringMatching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,10}$/);
const mediaType = fc.oneof(
  fc.constantFrom('', 'application/json', 'text/plain;charset=utf-8', ';charset=US-ASCII'),
  fc
    .tuple(fc.option(fc.tuple(token, token), { nil: undefined }), fc.array(fc.tuple(token, token), { maxLength: 2 }))
    .map(([type, params]) => (type ? type.join('/') : '') + params.map(([k, v]) => `;${k}=${v}`).join('')),
);
const bytes = fc.uint8Array({ maxLength: 64 });
const toBase64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));
// Each byte either as %XX (either case) or, when it is a safe ASCII character, as itself.
const percentEncode = (b: Uint8Array, literal: boolean[]) =>
  [...b]
    .map((byte, i) => {
      const ch = String.fromCharCode(byte);
      if (literal[i] && /[A-Za-z0-9,;=/?:@&!$'()*+._~-]/.test(ch)) return ch;
      const escaped = `%${byte.toString(16).padStart(2, '0')}`;
      return i % 2 === 0 ? escaped.toUpperCase() : escaped;
    })
    .join('');

type DataCase = Case & { bytes: Uint8Array };
const dataCase: fc.Arbitrary<DataCase> = fc
  .record({
    mediaType,
    base64: fc.boolean(),
    padded: fc.boolean(),
    bytes,
    literal: fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }),
  })
  .map(({ mediaType, base64, padded, bytes, literal }) => {
    const encoded = toBase64(bytes);
    const data = base64 ? (padded ? encoded : encoded.replace(/=+$/, '')) : percentEncode(bytes, literal);
    return {
      text: `data:${mediaType}${base64 ? ';base64' : ''},${data}`,
      uri: { kind: 'data', mediaType, base64, data },
      bytes,
    };
  });

const httpCase: fc.Arbitrary<Case> = fc
  .webUrl({ withQueryParameters: true, withFragments: true })
  .map((url) => ({ text: url, uri: { kind: 'http', url } }));

const gsCase: fc.Arbitrary<Case> = fc
  .record({ bucket: fc.stringMatching(/^[a-z0-9][a-z0-9._-]{1,30}[a-z0-9]$/), path: optionalPath })
  .map(({ bucket, path }) => ({
    text: `gs://${bucket}${path === undefined ? '' : `/${path}`}`,
    uri: { kind: 'gs', bucket, ...(path === undefined ? {} : { path }) },
  }));

const npmName = fc.stringMatching(/^[a-z0-9~-][a-z0-9._~-]{0,20}$/);
const npmCase: fc.Arbitrary<Case> = fc
  .record({
    scope: fc.option(npmName, { nil: undefined }),
    name: npmName,
    version: fc.oneof(
      fc.tuple(fc.nat(99), fc.nat(99), fc.nat(99)).map((v) => v.join('.')),
      fc.nat(99).map(String),
      fc.constantFrom('latest', 'next', '^6.2.1', '~1.0.0', '1.0.0-beta.1+build.5'),
    ),
    path: optionalPath,
  })
  .map(({ scope, name, version, path }) => {
    const pkg = scope === undefined ? name : `@${scope}/${name}`;
    return {
      text: `npm://${pkg}@${version}${path === undefined ? '' : `/${path}`}`,
      uri: { kind: 'npm', package: pkg, version, ...(path === undefined ? {} : { path }) },
    };
  });

const casesByKind: Record<FigurlUri['kind'], fc.Arbitrary<Case>> = {
  sha1: sha1Case,
  kachery: kacheryCase,
  gh: gitHubCase,
  zenodo: zenodoCase,
  data: dataCase,
  http: httpCase,
  gs: gsCase,
  npm: npmCase,
};
const anyCase = fc.oneof(...Object.values(casesByKind));

/** Runs `run` and asserts it either returns or throws FigurlError INVALID_URI. */
function returnsOrInvalidUri<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    expect(error).toBeInstanceOf(FigurlError);
    expect((error as FigurlError).code).toBe('INVALID_URI');
    expect((error as FigurlError).message).toMatch(/^invalid URI .+: (.+; )?expected /s);
    return undefined;
  }
}

describe('valid URIs of every kind', () => {
  it.each(Object.entries(casesByKind))('%s: parse reads the parts, format gives back the text', (_kind, arbitrary) => {
    fc.assert(
      fc.property(arbitrary, ({ text, uri }) => {
        expect(parseUri(text)).toStrictEqual(uri);
        expect(formatUri(parseUri(text))).toBe(text);
        expect(formatUri(uri)).toBe(text);
        expect(parseUri(formatUri(uri))).toStrictEqual(uri);
      }),
      { numRuns: 300 },
    );
  });

  it('data: URIs decode to the bytes they were built from', () => {
    fc.assert(
      fc.property(dataCase, ({ text, uri, bytes }) => {
        expect(decodeDataUri(text)).toEqual(bytes);
        expect(decodeDataUri(uri as Extract<FigurlUri, { kind: 'data' }>)).toEqual(bytes);
      }),
    );
  });

  it('sha1 and kachery URIs yield their hash; other kinds are refused', () => {
    fc.assert(
      fc.property(anyCase, ({ text, uri }) => {
        if (uri.kind === 'sha1' || uri.kind === 'kachery') expect(sha1FromUri(text)).toBe(uri.hash);
        else expect(() => sha1FromUri(uri)).toThrow(/names no sha1 hash/);
      }),
    );
  });

  it('toSha1Uri labels survive the trip and decode back to the label', () => {
    const label = fc.string({ unit: 'grapheme', maxLength: 40 });
    fc.assert(
      fc.property(hex, label, (hash, label) => {
        const uri = parseUri(toSha1Uri(hash, { label }));
        expect(uri).toStrictEqual({
          kind: 'sha1',
          hash,
          query: `label=${quoteLabel(label)}`,
          params: [['label', quoteLabel(label)]],
          label: quoteLabel(label),
        });
        expect(decodeURIComponent(quoteLabel(label))).toBe(label);
        expect(quoteLabel(label)).toMatch(/^[A-Za-z0-9_.~/%-]*$/);
      }),
    );
  });
});

describe('arbitrary input', () => {
  const prefixes = [
    'sha1://',
    'kachery:',
    'kachery::sha1:',
    'gh://',
    'zenodo://',
    'zenodo-sandbox://',
    'data:',
    'data:;base64,',
    'http://',
    'https://',
    'gs://',
    'npm://',
    'npm://@',
    'jot://',
    'SHA1://',
    '',
  ];
  const anyText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 80 }),
    fc.tuple(fc.constantFrom(...prefixes), fc.string({ unit: 'binary', maxLength: 60 })).map(([p, s]) => p + s),
    fc
      .tuple(fc.constantFrom(...prefixes), fc.string({ unit: chars('0123456789abcdefABCDEF/?&=:.@%'), maxLength: 60 }))
      .map(([p, s]) => p + s),
  );

  it('parseUri returns or throws INVALID_URI, and whatever parses formats back to itself', () => {
    fc.assert(
      fc.property(anyText, (input) => {
        const parsed = returnsOrInvalidUri(() => parseUri(input));
        if (parsed) expect(formatUri(parsed)).toBe(input);
      }),
      { numRuns: 2000 },
    );
  });

  it('one-character edits of valid URIs still parse or throw INVALID_URI', () => {
    const edited = fc
      .tuple(anyCase, fc.nat(), fc.string({ unit: 'binary', minLength: 0, maxLength: 2 }))
      .map(([{ text }, at, insert]) => {
        const i = at % (text.length + 1);
        return text.slice(0, i) + insert + text.slice(i + 1);
      });
    fc.assert(
      fc.property(edited, (input) => {
        const parsed = returnsOrInvalidUri(() => parseUri(input));
        if (parsed) expect(formatUri(parsed)).toBe(input);
      }),
      { numRuns: 2000 },
    );
  });

  it('any JavaScript value gives INVALID_URI from every entry point, never another error', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withMap: true, withSet: true, withNullPrototype: true }), (value) => {
        returnsOrInvalidUri(() => parseUri(value));
        returnsOrInvalidUri(() => formatUri(value as FigurlUri));
        returnsOrInvalidUri(() => sha1FromUri(value as FigurlUri));
        returnsOrInvalidUri(() => decodeDataUri(value as string));
      }),
    );
  });

  it('objects that are almost parsed URIs format only when consistent', () => {
    const tweaked = fc
      .tuple(anyCase, fc.constantFrom('hash', 'label', 'name', 'path', 'zone', 'query'), fc.string({ maxLength: 5 }))
      .map(([{ uri }, key, value]) => ({ ...uri, [key]: value }) as FigurlUri);
    fc.assert(
      fc.property(tweaked, (uri) => {
        const text = returnsOrInvalidUri(() => formatUri(uri));
        if (text !== undefined) expect(parseUri(text)).toStrictEqual(uri);
      }),
    );
  });
});
