import { randomBytes } from 'node:crypto';
import { errorBodySchema } from '@figurl/sdk';
import fc from 'fast-check';
import type { HTTPMethods } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenUser, storeBlob, storeJson, type TestUser } from '../../support/figure-fixtures.js';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';

/*
 * The figures and signed-URL routes under fast-check inputs (bounded: a few hundred requests per
 * route): bodies that mix valid fields with wrong types, odd strings and unknown keys, random
 * query strings and path ids. Whatever comes in, the answer is never 5xx, and every 4xx has the
 * one error shape. FIGURL_FUZZ_SEED=<seed> replays a run.
 */
const seed = Number(process.env.FIGURL_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const numRuns = 150;

let zone: TestZone;
let owner: TestUser;
let data: string;
let figureId: string;

beforeAll(async () => {
  console.log(`fuzz-figure-routes: seed ${seed} (replay with FIGURL_FUZZ_SEED=${seed})`);
  zone = await createTestZoneApp();
  owner = await createTokenUser(zone);
  const inner = await storeBlob(zone, randomBytes(64));
  data = await storeJson(zone, { inner: `sha1://${inner}` });
  const res = await zone.app.inject({
    method: 'POST',
    url: `/api/v1/figures?zone=${zone.zoneName}`,
    headers: owner.headers,
    payload: { viewUri: 'gs://figurl/vegalite-2', dataUri: `sha1://${data}`, label: 'fuzz', private: true },
  });
  expect(res.statusCode).toBe(201);
  figureId = res.json().figure.id;
});
afterAll(() => zone?.close());

const odd = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('', '\u0000', '\ud800', 'é😀', '%', '..', 'x'.repeat(3000), '__proto__', 'null', '-1'),
);
const anyValue = fc.oneof(
  { weight: 3, arbitrary: odd },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, 0, -1, 1.5, 2 ** 31, 1e308, [], {}) },
);
/** A field: usually a plausible value, sometimes anything. */
const field = <T>(plausible: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 2, arbitrary: plausible }, { weight: 1, arbitrary: anyValue });
const uri = fc.oneof(
  fc.constantFrom(
    'gs://figurl/vegalite-2',
    'npm://@fi-sci/figurl-sortingview@12/dist',
    'https://example.org/view',
    'gh://o/r/main/c.json',
    'zenodo://123/x.json',
    'data:application/json;base64,eyJhIjoxfQ==',
    'data:application/json,%7B%22a%22%3A%22sha1%3A%2F%2F',
    'ipfs://bafy',
    'sha1://',
    'kachery::sha1:',
  ),
  fc.constant('<data>'),
  fc.string({ maxLength: 40 }).map((s) => `sha1://${s}`),
  odd,
);
const time = fc.oneof(
  fc
    .date({ min: new Date('1970-01-01'), max: new Date('2200-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.constantFrom('2027-13-01T00:00:00Z', 'tomorrow', '2027-01-01', '2027-01-01T00:00:00+25:00'),
);
const figureBody = fc.record(
  {
    viewUri: field(uri),
    dataUri: field(uri),
    label: field(fc.string({ maxLength: 20 })),
    repo: field(fc.constantFrom('octo/lab', 'a/b', '/', 'o/', 'x'.repeat(50))),
    pullRequest: field(fc.integer({ min: -2, max: 2 ** 32 })),
    commitSha: field(fc.constantFrom('a'.repeat(40), 'a'.repeat(64), 'A'.repeat(40))),
    checkName: field(fc.string({ maxLength: 10 })),
    pinned: field(fc.boolean()),
    private: field(fc.boolean()),
    allowedUsers: field(fc.array(fc.oneof(odd, fc.constantFrom('octocat', 'a-b')), { maxLength: 4 })),
    expiresAt: field(time),
    requireData: field(fc.boolean()),
    extra: anyValue,
  },
  { requiredKeys: [] },
);
const body = fc.oneof({ weight: 4, arbitrary: figureBody }, { weight: 1, arbitrary: anyValue });
const cursorLike = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/),
  fc
    .tuple(fc.integer({ min: -1, max: 2 ** 53 }), fc.oneof(fc.uuid().map(String), odd))
    .map(([ms, uuid]) => Buffer.from(`${ms}.${uuid}`).toString('base64url')),
);
/** Per key: values that pass the schema half the time, so the code behind it runs too. */
const plausibleQuery: Record<string, fc.Arbitrary<string>> = {
  owner: fc.constantFrom('octocat', 'anonymous', 'a'.repeat(101)),
  repo: fc.constantFrom('octo/lab', 'a/b', 'o/'),
  pullRequest: fc.integer({ min: -1, max: 2 ** 33 }).map(String),
  label: fc.constantFrom('fuzz', '%', '_', '\\', 'Z'),
  cursor: cursorLike,
  limit: fc.integer({ min: -1, max: 300 }).map(String),
  expires: fc.integer({ min: 0, max: 2 ** 40 }).map(String),
  signature: fc.constantFrom('a'.repeat(64), 'A'.repeat(64), 'a'.repeat(63)),
  x: odd,
};
const queryPair = fc
  .constantFrom(...Object.keys(plausibleQuery))
  .chain((key) => fc.tuple(fc.constant(key), fc.oneof(plausibleQuery[key] as fc.Arbitrary<string>, odd)));
const query = fc
  .array(queryPair, { maxLength: 3 })
  .map((pairs) =>
    pairs.map(([k, v]) => `${k}=${encodeURIComponent(v.replace(/[\ud800-\udfff]/g, '\ufffd'))}`).join('&'),
  );
const id = fc.oneof(
  fc.constant('<figure>'),
  fc.uuid().map(String),
  odd.map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '?'))),
);
const who = fc.constantFrom<'owner' | 'anonymous' | 'bad token'>('owner', 'anonymous', 'bad token');

async function send(method: HTTPMethods, url: string, user: 'owner' | 'anonymous' | 'bad token', payload?: unknown) {
  const headers: Record<string, string> =
    user === 'owner' ? owner.headers : user === 'bad token' ? { authorization: 'Bearer nope' } : {};
  const text = JSON.stringify(payload, (_key, value) => (value === '<data>' ? `sha1://${data}` : value));
  const res = await zone.app.inject({
    method,
    url: url.replace('<figure>', figureId),
    headers: payload === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    ...(payload === undefined ? {} : { payload: text ?? 'null' }),
  });
  expect(res.statusCode, `${method} ${url} → ${res.body}`).toBeLessThan(500);
  if (res.statusCode >= 400) {
    const parsed = errorBodySchema.safeParse(res.json());
    expect(parsed.success, res.body).toBe(true);
    expect(res.json().statusCode).toBe(res.statusCode);
  }
  return res.statusCode;
}

describe('figure and signed-URL routes under fuzzed input: 4xx, never 5xx', () => {
  const params = { numRuns, seed };

  it('POST /api/v1/figures', async () => {
    await fc.assert(
      fc.asyncProperty(body, who, async (b, user) => {
        await send('POST', `/api/v1/figures?zone=${zone.zoneName}`, user, b);
      }),
      params,
    );
  });

  it('GET /api/v1/figures', async () => {
    await fc.assert(
      fc.asyncProperty(query, who, async (q, user) => {
        await send('GET', `/api/v1/figures?zone=${zone.zoneName}&${q}`, user);
      }),
      params,
    );
  });

  it('GET, PATCH, DELETE /api/v1/figures/:id', async () => {
    const methods = fc.constantFrom<HTTPMethods>('GET', 'PATCH');
    await fc.assert(
      fc.asyncProperty(id, methods, body, who, async (i, method, b, user) => {
        await send(method, `/api/v1/figures/${i}?zone=${zone.zoneName}`, user, method === 'GET' ? undefined : b);
      }),
      params,
    );
    // Deletes aim elsewhere: a successful one would end the figure the others work on.
    const other = '00000000-0000-4000-8000-000000000000';
    await fc.assert(
      fc.asyncProperty(id, who, async (i, user) => {
        await send('DELETE', `/api/v1/figures/${i === '<figure>' ? other : i}?zone=${zone.zoneName}`, user);
      }),
      params,
    );
  });

  it('POST /api/v1/blobs/:hash/signed-url and signed downloads', async () => {
    const hash = fc.oneof(fc.constant('<data>'), id);
    await fc.assert(
      fc.asyncProperty(hash, anyValue, who, async (h, b, user) => {
        const target = h === '<data>' || h === '<figure>' ? data : h;
        await send('POST', `/api/v1/blobs/${target}/signed-url?zone=${zone.zoneName}`, user, { expiresInSeconds: b });
      }),
      params,
    );
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        await send('GET', `/sha1/${data}?zone=${zone.zoneName}&${q}`, 'anonymous');
      }),
      params,
    );
  });
});
