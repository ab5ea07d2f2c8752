import {
  decodeDataUri,
  type FigurlUri,
  figurlUriSchema,
  figurlUriStringSchema,
  formatUri,
  isSha1Hash,
  legacyUriSchemes,
  parseSha1Uri,
  parseUri,
  quoteLabel,
  sha1FromUri,
  toSha1Uri,
  uriLimits,
} from '@figurl/sdk';
import { describe, expect, it } from 'vitest';
import { FigurlError, quote } from '../../../sdk/src/errors/index.js';

// sha1 of "test-content\n", the kachery-cloud README example.
const H = 'b971c6ef19b1d70ae8f0feb989b106c319b36230';
const H2 = '0369af9f1a54a5a410f99e63cb08b6b899d1c92f';

/** Asserts `run()` throws FigurlError INVALID_URI quoting `input` and containing each fragment. */
function expectInvalid(run: () => unknown, input: unknown, ...fragments: string[]): FigurlError {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(FigurlError);
  const error = thrown as FigurlError;
  expect(error.code).toBe('INVALID_URI');
  expect(error.statusCode).toBe(400);
  expect(error.message.startsWith(`invalid URI ${quote(input)}: `)).toBe(true);
  expect(error.message).toContain('expected ');
  for (const fragment of fragments) expect(error.message).toContain(fragment);
  return error;
}

const validCases: [string, FigurlUri][] = [
  // kachery-cloud store_file output (kachery-zone-protocol §1.1)
  [
    `sha1://${H}?label=test.txt`,
    { kind: 'sha1', hash: H, query: 'label=test.txt', params: [['label', 'test.txt']], label: 'test.txt' },
  ],
  [`sha1://${H}`, { kind: 'sha1', hash: H, params: [] }],
  // kachery-p2p: basename after the hash, manifest in the query
  [
    `sha1://${H}/recording.dat?manifest=${H2}`,
    { kind: 'sha1', hash: H, name: 'recording.dat', query: `manifest=${H2}`, params: [['manifest', H2]] },
  ],
  [`sha1://${H2}/feed.json`, { kind: 'sha1', hash: H2, name: 'feed.json', params: [] }],
  // store_file_local(reference=True)
  [
    `sha1://${H}?label=x&location=/abs/path`,
    {
      kind: 'sha1',
      hash: H,
      query: 'label=x&location=/abs/path',
      params: [
        ['label', 'x'],
        ['location', '/abs/path'],
      ],
      label: 'x',
      location: '/abs/path',
    },
  ],
  // labels stay percent-encoded, as the Python client leaves them
  [
    `sha1://${H}?label=my%20figure%20%281%29.json`,
    {
      kind: 'sha1',
      hash: H,
      query: 'label=my%20figure%20%281%29.json',
      params: [['label', 'my%20figure%20%281%29.json']],
      label: 'my%20figure%20%281%29.json',
    },
  ],
  // a location with a space: Python writes it unquoted
  [
    `sha1://${H}?location=/data/my run/x.npy`,
    {
      kind: 'sha1',
      hash: H,
      query: 'location=/data/my run/x.npy',
      params: [['location', '/data/my run/x.npy']],
      location: '/data/my run/x.npy',
    },
  ],
  // Python dict semantics: pieces without exactly one "=" dropped, the last repeated key wins
  [
    `sha1://${H}?flag&label=a&a=b=c&label=b&=`,
    {
      kind: 'sha1',
      hash: H,
      query: 'flag&label=a&a=b=c&label=b&=',
      params: [
        ['label', 'a'],
        ['label', 'b'],
        ['', ''],
      ],
      label: 'b',
    },
  ],
  // Python reads only uri.split('?')[1]: text after a second "?" is kept but not read
  [
    `sha1://${H}?label=a?label=b`,
    { kind: 'sha1', hash: H, query: 'label=a?label=b', params: [['label', 'a']], label: 'a' },
  ],
  [`sha1://${H}/`, { kind: 'sha1', hash: H, name: '', params: [] }],
  [`sha1://${H}?`, { kind: 'sha1', hash: H, query: '', params: [] }],
  [`sha1://${H}/dir/file.txt`, { kind: 'sha1', hash: H, name: 'dir/file.txt', params: [] }],
  // magland/kachery 2.x
  [`kachery::sha1:${H}:label`, { kind: 'kachery', zone: '', hash: H, label: 'label' }],
  [`kachery:default:sha1:${H}`, { kind: 'kachery', zone: 'default', hash: H }],
  [
    `kachery:franklab.collaborators:sha1:${H}:my%20file.json`,
    { kind: 'kachery', zone: 'franklab.collaborators', hash: H, label: 'my%20file.json' },
  ],
  [`kachery::sha1:${H}:`, { kind: 'kachery', zone: '', hash: H, label: '' }],
  [`kachery::sha1:${H}:a:b`, { kind: 'kachery', zone: '', hash: H, label: 'a:b' }],
  // GitHub
  [
    'gh://magland/sortingview-curations/main/sorting1/curation.json',
    { kind: 'gh', owner: 'magland', repo: 'sortingview-curations', branch: 'main', path: 'sorting1/curation.json' },
  ],
  [
    'gh://user/repo/branch/folder/file.json',
    { kind: 'gh', owner: 'user', repo: 'repo', branch: 'branch', path: 'folder/file.json' },
  ],
  [
    'gh://a-b/my.repo_1/v1.2-rc/curation_user 1.json',
    { kind: 'gh', owner: 'a-b', repo: 'my.repo_1', branch: 'v1.2-rc', path: 'curation_user 1.json' },
  ],
  // Zenodo (sortingview rewrote refs to zenodo://<deposition>/<sha1>)
  [`zenodo://10293745/${H}`, { kind: 'zenodo', sandbox: false, recordId: '10293745', path: H }],
  [
    'zenodo-sandbox://143439/figures/fig 1.json',
    { kind: 'zenodo', sandbox: true, recordId: '143439', path: 'figures/fig 1.json' },
  ],
  // data: (RFC 2397 examples and figurl3's inline form)
  [
    'data:application/json;base64,eyJhIjoxfQ==',
    { kind: 'data', mediaType: 'application/json', base64: true, data: 'eyJhIjoxfQ==' },
  ],
  ['data:,A%20brief%20note', { kind: 'data', mediaType: '', base64: false, data: 'A%20brief%20note' }],
  [
    'data:text/plain;charset=iso-8859-7,%be%d3%be',
    { kind: 'data', mediaType: 'text/plain;charset=iso-8859-7', base64: false, data: '%be%d3%be' },
  ],
  ['data:;charset=utf-8,a,b', { kind: 'data', mediaType: ';charset=utf-8', base64: false, data: 'a,b' }],
  ['data:;base64,', { kind: 'data', mediaType: '', base64: true, data: '' }],
  // http(s), kept as written
  [
    `https://figurl.org/f?v=gs://figurl/vegalite-2&d=sha1://${H2}&label=stocks%20chart`,
    { kind: 'http', url: `https://figurl.org/f?v=gs://figurl/vegalite-2&d=sha1://${H2}&label=stocks%20chart` },
  ],
  ['http://localhost:3000', { kind: 'http', url: 'http://localhost:3000' }],
  ['https://EXAMPLE.org:443/a/../b#x', { kind: 'http', url: 'https://EXAMPLE.org:443/a/../b#x' }],
  // plugin locations (figurl-shell-protocol §1.2)
  ['gs://figurl/vegalite-2', { kind: 'gs', bucket: 'figurl', path: 'vegalite-2' }],
  ['gs://figurl/spikesortingview-10/', { kind: 'gs', bucket: 'figurl', path: 'spikesortingview-10/' }],
  ['gs://figurl', { kind: 'gs', bucket: 'figurl' }],
  [
    'npm://@fi-sci/figurl-sortingview@12/dist',
    { kind: 'npm', package: '@fi-sci/figurl-sortingview', version: '12', path: 'dist' },
  ],
  [
    'npm://@fi-sci/figurl-sortingview@12.0.15/dist',
    { kind: 'npm', package: '@fi-sci/figurl-sortingview', version: '12.0.15', path: 'dist' },
  ],
  ['npm://vega-embed@^6.2.1', { kind: 'npm', package: 'vega-embed', version: '^6.2.1' }],
  ['npm://figurl-plotly@latest/build/', { kind: 'npm', package: 'figurl-plotly', version: 'latest', path: 'build/' }],
];

describe('parseUri and formatUri on every form', () => {
  it.each(validCases)('%s', (text, expected) => {
    const parsed = parseUri(text);
    expect(parsed).toStrictEqual(expected);
    expect(formatUri(parsed)).toBe(text);
    expect(formatUri(expected)).toBe(text);
    expect(figurlUriSchema.parse(parsed)).toStrictEqual(expected);
  });
});

describe('parseUri rejects bad input with a quoted, explained message', () => {
  const invalidCases: [unknown, ...string[]][] = [
    ['', 'non-empty'],
    ['   ', 'no leading or trailing whitespace'],
    [` sha1://${H}`, 'no leading or trailing whitespace'],
    [`sha1://${H} `, 'no leading or trailing whitespace'],
    [`sha1://${H}\n`, 'no control characters, found U+000A'],
    [`sha1://${H}\u0000`, 'found NUL (U+0000) at index 47'],
    [`sha1://${H}?label=\u0085`, 'found U+0085'],
    [`sha1://${H}?label=\ud800`, 'well-formed Unicode'],
    [42, 'a string, got number'],
    [null, 'a string, got null'],
    [undefined, 'a string, got undefined'],
    [{ uri: `sha1://${H}` }, 'a string, got object'],
    [[`sha1://${H}`], 'a string, got an array'],
    [10n, 'a string, got bigint'],
    ['sha1://abc', '40 lowercase hex characters after "sha1://", got 3'],
    [`sha1://${H}0`, '40 lowercase hex characters after "sha1://", got 41'],
    ['sha1://', 'got 0'],
    [`sha1://${'g'.repeat(40)}`, 'found "g" in the hash'],
    [`sha1://${H.toUpperCase()}`, 'uppercase hex is not accepted'],
    [`sha1://${H}#frag`, 'got 45'],
    [`sha1:${H}`, 'a sha1:// URI'],
    [H, `"sha1://${H}"`, 'a bare hash is not a URI'],
    ['/abs/path/file.txt', 'no scheme', 'expected a sha1://'],
    ['ftp://example.org/x', 'unsupported scheme "ftp:"', 'gs:// or npm:// URI'],
    ['rtcshare://x', 'unsupported scheme "rtcshare:"'],
    ['constructor://x', 'unsupported scheme "constructor:"'],
    ['__proto__://x', 'no scheme'],
    [`SHA1://${H}`, 'the scheme in lowercase ("sha1:")'],
    ['HTTPS://example.org', 'the scheme in lowercase ("https:")'],
    ['JOT://x', 'the scheme in lowercase ("jot:")'],
    ['kachery:', 'kachery:<zone>:sha1:<40 hex>[:<label>]'],
    ['kachery:zone:sha1', 'kachery:<zone>:sha1:<40 hex>[:<label>]'],
    [`kachery:z:md5:${H}`, 'hash algorithm "sha1"', 'got "md5"'],
    [`kachery:bad zone:sha1:${H}`, 'an empty zone or a zone name'],
    ['kachery::sha1:abc:x', '40 lowercase hex characters after "sha1:", got 3'],
    ['gh://o/r/main', 'gh://<owner>/<repo>/<branch>/<path>'],
    ['gh://-o/r/main/x.json', 'a GitHub owner', 'got "-o"'],
    ['gh://a--b/r/main/x.json', 'a GitHub owner'],
    [`gh://${'a'.repeat(40)}/r/main/x.json`, 'a GitHub owner'],
    ['gh://o/bad name/main/x.json', 'a GitHub repository name'],
    ['gh://o/../main/x.json', 'a GitHub repository name'],
    ['gh://o/r/feat..x/x.json', 'a valid branch name', 'no ".."'],
    ['gh://o/r/x.lock/x.json', 'a valid branch name', '.lock'],
    ['gh://o/r/-x/x.json', 'a valid branch name'],
    ['gh://o/r//x.json', 'a valid branch name', 'not empty'],
    ['gh://o/r/main/a/../secret', 'no "." or ".." segments'],
    ['gh://o/r/main/./a', 'no "." or ".." segments'],
    ['gh://o/r/main/a//b', 'no empty segments'],
    ['gh://o/r/main/a/', 'no empty segments'],
    ['gh://o/r/main/', 'no empty segments'],
    ['gh://o/r/main/a.json?ref=x', 'no "?" in the path'],
    ['zenodo://abc/x.json', 'a numeric Zenodo record id', 'got "abc"'],
    ['zenodo://0123/x.json', 'without leading zeros'],
    ['zenodo://123', 'the file path is missing'],
    ['zenodo://123/', 'no empty segments'],
    ['zenodo-sandbox://1/../x', 'no "." or ".." segments'],
    ['data:text/plain', 'no "," before the data'],
    ['data:text/plain;base64,@@@@', 'standard base64 data', 'found "@"'],
    ['data:;base64,abcde', 'length and "=" padding'],
    ['data:;base64,ab=', 'length and "=" padding'],
    ['data:;base64,a=bc', 'length and "=" padding'],
    ['data:not a type,x', 'a media type such as "application/json"'],
    ['data:text/plain;charset,x', 'media type parameters of the form ";name=value"'],
    ['data:text/plain;BASE64,eA==', 'media type parameters', '";BASE64"'],
    ['data:,100%', '"%" followed by two hex digits'],
    ['data:,%zz', '"%" followed by two hex digits'],
    ['https://', 'a URL the WHATWG URL parser accepts'],
    ['http://exa mple.com/', 'a URL the WHATWG URL parser accepts'],
    ['https:example.org', 'an http:// or https:// URL'],
    ['gs://A/b', 'a bucket name', 'got "A"'],
    ['gs://ab/x', 'a bucket name'],
    ['gs://figurl//x', 'no empty segments'],
    ['gs://figurl/../x', 'no "." or ".." segments'],
    ['npm://vega', 'the "@<version>" is missing'],
    ['npm://Vega@5', 'an npm package name', 'got "Vega"'],
    ['npm://@scope@5', 'an npm package name'],
    ['npm://vega@', 'a version, range or dist-tag', 'got ""'],
    ['npm://vega@5/../x', 'no "." or ".." segments'],
  ];

  it.each(invalidCases)('%s', (input, ...fragments) => {
    expectInvalid(() => parseUri(input), input, ...fragments);
  });

  it.each(Object.keys(legacyUriSchemes))('says %s:// is recognised but no longer supported', (scheme) => {
    const input = `${scheme}://bafkreiajr6u7obg3mpunezz2mwarr2sptwr3zaedia665vdayvw6mpn5ga?label=x`;
    expectInvalid(() => parseUri(input), input, `${scheme}:// URIs are no longer supported`, 'expected a sha1://');
  });

  it('names the real legacy forms', () => {
    expect(Object.keys(legacyUriSchemes).sort()).toEqual([
      'feed',
      'ipfs',
      'jot',
      'kachery-feed',
      'sha1-enc',
      'sha1dir',
    ]);
    expectInvalid(() => parseUri('jot://cENcosqWTArO'), 'jot://cENcosqWTArO', 'jot.figurl.org');
    const encrypted = `sha1-enc://${'ab'.repeat(30)}.ag_xyz?label=a`;
    expectInvalid(() => parseUri(encrypted), encrypted, 'sha1-enc:// URIs are no longer supported');
  });

  it('caps input at 8 KiB, and data: URIs at 2 MiB', () => {
    const long = `sha1://${H}?label=${'x'.repeat(uriLimits.maxLength)}`;
    const error = expectInvalid(() => parseUri(long), long, `at most 8192 characters, got ${long.length}`);
    expect(error.message.length).toBeLessThan(400);
    const atLimit = `sha1://${H}?label=${'x'.repeat(uriLimits.maxLength - 54)}`;
    expect(atLimit).toHaveLength(uriLimits.maxLength);
    expect(parseUri(atLimit).kind).toBe('sha1');

    const bigData = `data:application/json;base64,${'A'.repeat(100_000)}`;
    expect(parseUri(bigData)).toMatchObject({ kind: 'data', base64: true });
    const hugeData = `data:,${'a'.repeat(uriLimits.maxDataUriLength)}`;
    expectInvalid(() => parseUri(hugeData), hugeData, 'at most 2097152 characters');
  });

  it('still produces a message for values quote cannot render', () => {
    const cyclic: Record<string, unknown> = Object.create(null);
    cyclic.self = cyclic;
    let thrown: unknown;
    try {
      parseUri(cyclic);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FigurlError);
    expect((thrown as FigurlError).message).toBe('invalid URI <object>: expected a string, got object');
  });
});

describe('parseSha1Uri', () => {
  it('parses only the sha1:// form', () => {
    expect(parseSha1Uri(`sha1://${H}?label=test.txt`).label).toBe('test.txt');
    const kachery = `kachery::sha1:${H}:x`;
    expectInvalid(() => parseSha1Uri(kachery), kachery, 'a sha1:// URI such as "sha1://<40 hex>[?label=…]"');
    expectInvalid(() => parseSha1Uri(7), 7, 'a string');
  });
});

describe('isSha1Hash', () => {
  it.each([
    [H, true],
    [H.toUpperCase(), false],
    [`${H}0`, false],
    [H.slice(1), false],
    [`${H.slice(1)}g`, false],
    ['', false],
    [null, false],
    [123, false],
  ])('%j → %s', (value, expected) => {
    expect(isSha1Hash(value)).toBe(expected);
  });
});

describe('sha1FromUri', () => {
  it.each([
    `sha1://${H}`,
    `sha1://${H}?label=test.txt`,
    `sha1://${H}/basename.dat?manifest=${H2}`,
    `sha1://${H}?label=x&location=/abs/path`,
    `kachery::sha1:${H}:label`,
    `kachery:default:sha1:${H}`,
  ])('finds the hash in %s', (text) => {
    expect(sha1FromUri(text)).toBe(H);
    expect(sha1FromUri(parseUri(text))).toBe(H);
  });

  it('rejects forms that carry no sha1 hash', () => {
    const gh = 'gh://o/r/main/x.json';
    expectInvalid(() => sha1FromUri(gh), gh, 'a gh URI names no sha1 hash', 'expected a sha1:// or kachery:');
    expectInvalid(() => sha1FromUri('jot://x'), 'jot://x', 'no longer supported');
    const forged = { kind: 'sha1', hash: 'abc', params: [] } as const;
    expectInvalid(() => sha1FromUri(forged), 'sha1://abc', 'got 3');
  });
});

describe('toSha1Uri and quoteLabel', () => {
  // Expected values printed by CPython 3: urllib.parse.quote(label).
  const pythonQuote: [string, string][] = [
    ['test.txt', 'test.txt'],
    ['my file (1).txt', 'my%20file%20%281%29.txt'],
    ['a/b c.json', 'a/b%20c.json'],
    ['ü漢😀', '%C3%BC%E6%BC%A2%F0%9F%98%80'],
    ['~-_.', '~-_.'],
    ["!*'()", '%21%2A%27%28%29'],
    ['?&=#%+,;:@$', '%3F%26%3D%23%25%2B%2C%3B%3A%40%24'],
    ['tab\there', 'tab%09here'],
    ['100% done', '100%25%20done'],
    ['C:\\data\\x.npy', 'C%3A%5Cdata%5Cx.npy'],
  ];

  it.each(pythonQuote)('quotes %j as Python does', (label, quoted) => {
    expect(quoteLabel(label)).toBe(quoted);
    const uri = toSha1Uri(H, { label });
    expect(uri).toBe(`sha1://${H}?label=${quoted}`);
    expect(parseUri(uri)).toMatchObject({ kind: 'sha1', hash: H, label: quoted });
    expect(decodeURIComponent(parseSha1Uri(uri).label ?? '')).toBe(label);
  });

  it('writes a bare URI without a label', () => {
    expect(toSha1Uri(H)).toBe(`sha1://${H}`);
    expect(toSha1Uri(H, {})).toBe(`sha1://${H}`);
  });

  it('rejects bad hashes and labels', () => {
    expectInvalid(() => toSha1Uri('abc'), 'sha1://abc', 'got 3');
    expectInvalid(() => toSha1Uri(H.toUpperCase()), `sha1://${H.toUpperCase()}`, 'uppercase');
    expectInvalid(() => toSha1Uri(5 as unknown as string), 5, 'a sha1 hash');
    expectInvalid(() => toSha1Uri(H, { label: 'a\ud800' }), 'a\ud800', 'well-formed Unicode');
    expectInvalid(() => toSha1Uri(H, { label: 3 as unknown as string }), 3, 'a label string');
    const longLabel = 'é'.repeat(2000);
    const longUri = `sha1://${H}?label=${'%C3%A9'.repeat(2000)}`;
    expectInvalid(() => toSha1Uri(H, { label: longLabel }), longUri, 'at most 8192 characters, got 12054');
  });
});

describe('decodeDataUri', () => {
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

  it('decodes base64', () => {
    expect(text(decodeDataUri('data:application/json;base64,eyJhIjoxfQ=='))).toBe('{"a":1}');
    expect(text(decodeDataUri('data:application/json;base64,e30'))).toBe('{}');
    expect(decodeDataUri('data:;base64,')).toEqual(new Uint8Array());
    expect(decodeDataUri('data:;base64,AP8=')).toEqual(new Uint8Array([0, 255]));
  });

  it('decodes percent escapes and takes other characters as UTF-8', () => {
    expect(text(decodeDataUri('data:,A%20brief%20note'))).toBe('A brief note');
    expect(decodeDataUri('data:text/plain;charset=iso-8859-7,%be%d3%be')).toEqual(new Uint8Array([0xbe, 0xd3, 0xbe]));
    expect(text(decodeDataUri('data:,ü 😀%2C,'))).toBe('ü 😀,,');
    expect(decodeDataUri('data:,')).toEqual(new Uint8Array());
  });

  it('accepts a parsed DataUri and re-checks hand-built ones', () => {
    expect(text(decodeDataUri({ kind: 'data', mediaType: '', base64: true, data: 'aGk=' }))).toBe('hi');
    const bad = { kind: 'data', mediaType: '', base64: true, data: '!!' } as const;
    expectInvalid(() => decodeDataUri(bad), 'data:;base64,!!', 'standard base64 data');
  });

  it('rejects what is not a valid data: URI', () => {
    expectInvalid(() => decodeDataUri(`sha1://${H}`), `sha1://${H}`, 'a data URI of the form');
    expectInvalid(() => decodeDataUri('data:,%g0'), 'data:,%g0', '"%" followed by two hex digits');
    expectInvalid(() => decodeDataUri(null as unknown as string), null, 'a string');
  });
});

describe('formatUri on objects built by hand', () => {
  it('formats consistent objects of every kind', () => {
    expect(formatUri({ kind: 'sha1', hash: H, params: [] })).toBe(`sha1://${H}`);
    expect(formatUri({ kind: 'kachery', zone: '', hash: H })).toBe(`kachery::sha1:${H}`);
    expect(formatUri({ kind: 'zenodo', sandbox: true, recordId: '7', path: 'a.json' })).toBe(
      'zenodo-sandbox://7/a.json',
    );
    expect(formatUri({ kind: 'data', mediaType: 'text/plain', base64: false, data: 'hi' })).toBe('data:text/plain,hi');
    expect(formatUri({ kind: 'npm', package: 'vega', version: '5' })).toBe('npm://vega@5');
  });

  it('refuses an object whose derived fields disagree with its text', () => {
    const uri = parseSha1Uri(`sha1://${H}?label=a`);
    const edited = { ...uri, label: 'b' };
    expectInvalid(() => formatUri(edited), edited, 'field "label" disagrees', `parseUri("sha1://${H}?label=a")`);
    const sneaky = { kind: 'sha1', hash: H, name: 'a?label=b', params: [] } as const;
    expectInvalid(() => formatUri(sneaky), sneaky, 'field "name" disagrees');
    const stale = { kind: 'data', mediaType: 'text/plain;base64', base64: false, data: 'eA==' } as const;
    expectInvalid(() => formatUri(stale), stale, 'field "mediaType" disagrees');
  });

  it('refuses objects of the wrong shape with INVALID_URI, never a TypeError', () => {
    const noHash = { kind: 'sha1', params: [] };
    expectInvalid(() => formatUri(noHash as unknown as FigurlUri), noHash, 'field "hash"');
    const extra = { kind: 'gs', bucket: 'figurl', extra: 1 };
    expectInvalid(() => formatUri(extra as unknown as FigurlUri), extra, 'a FigurlUri object');
    const undefinedName = { kind: 'sha1', hash: H, name: undefined, params: [] };
    expectInvalid(() => formatUri(undefinedName as unknown as FigurlUri), undefinedName, 'field "name"');
    for (const value of [null, undefined, 'sha1://x', 5, [], { kind: 'ipfs' }, { kind: Symbol('x') }]) {
      expect(() => formatUri(value as unknown as FigurlUri)).toThrow(FigurlError);
    }
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new RangeError('boom');
        },
        getPrototypeOf() {
          throw new RangeError('boom');
        },
      },
    );
    expect(() => formatUri(hostile as FigurlUri)).toThrow(FigurlError);
  });

  it('refuses an invalid hash even when the shape is right', () => {
    expectInvalid(() => formatUri({ kind: 'kachery', zone: '', hash: 'ABC' }), 'kachery::sha1:ABC', 'got 3');
  });
});

describe('figurlUriStringSchema', () => {
  it('parses a wire field into a FigurlUri', () => {
    expect(figurlUriStringSchema.parse('gs://figurl/vegalite-2')).toStrictEqual({
      kind: 'gs',
      bucket: 'figurl',
      path: 'vegalite-2',
    });
  });

  it("reports parseUri's message as the issue", () => {
    const result = figurlUriStringSchema.safeParse('jot://abc');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('invalid URI "jot://abc": jot:// URIs are no longer supported');
    expect(figurlUriStringSchema.safeParse(5).success).toBe(false);
  });
});
