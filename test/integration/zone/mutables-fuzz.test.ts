import { createHash, randomBytes } from 'node:crypto';
import { errorBodySchema, errorCodes } from '@figurl/sdk';
import { hashToken } from '@figurl/zone';
import fc from 'fast-check';
import type { HTTPMethods } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';

/*
 * The mutable routes fed fast-check inputs through app.inject (as G11 does for the others):
 * keys of every shape, query strings, set bodies of every type and size, malformed and deeply
 * nested JSON, content types and credentials. Properties: never a 5xx; every 4xx in the one
 * error shape with statusCode = the HTTP status; no stack trace or path in a message. Inputs
 * come from a logged seed: FIGURL_FUZZ_SEED=<seed> replays them.
 */
const seed = Number(process.env.FIGURL_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

let zone: TestZone;
const token = `fz_${randomBytes(24).toString('hex')}`;
const statuses = new Map<number, number>();
beforeAll(async () => {
  console.log(`mutables-fuzz: seed ${seed} (replay with FIGURL_FUZZ_SEED=${seed})`);
  zone = await createTestZoneApp();
  const userId = `fuzz-${randomBytes(4).toString('hex')}`;
  await zone.context.identities.createToken({ userId, tokenHash: hashToken(token), label: 'fuzz', scopes: ['upload'] });
  await zone.context.identities.setMember({
    zoneName: zone.zoneName,
    userId,
    canUpload: true,
    canDownload: true,
    isAdmin: false,
  });
  // Existing mutables, so compare-and-swaps, deletes and history reach the database.
  for (const key of ['@f/a', '@f/b', 'c']) {
    const res = await zone.app.inject({
      method: 'PUT',
      url: `/api/v1/mutables?zone=${zone.zoneName}&key=${encodeURIComponent(key)}`,
      payload: { value: { sha1: `sha1://${'a'.repeat(40)}` } },
    });
    expect(res.statusCode).toBe(200);
  }
});
afterAll(async () => {
  console.log(`mutables-fuzz: seed ${seed}, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  await zone?.close();
});

const nasty = fc.constantFrom(
  '',
  '/',
  '@',
  '@/',
  '//',
  '.',
  '..',
  '@f/..',
  '@f/a',
  '@f/b',
  'c',
  '@f/@g/h',
  '\u0000',
  '@f/\u0000',
  '\ud800',
  'é',
  '😀',
  ' ',
  '%00',
  '%2F',
  'a'.repeat(512),
  'a'.repeat(513),
  `@${'b'.repeat(2000)}/c`,
  '__proto__',
  'constructor',
);
const keyChars = fc.constantFrom(...'ab@/._-~:+=,%é \u0000');
const name = fc.string({ unit: fc.constantFrom(...'abcXYZ019._-~:+=,@'), minLength: 1, maxLength: 12 });
/** Keys of the grammar: folders, then a name not starting with "@". */
const validKey = fc
  .tuple(fc.array(name, { maxLength: 3 }), name)
  .map(([folders, last]) => [...folders.map((f) => `@${f}`), last.replace(/^@/, 'n')].join('/'));
const key = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('@f/a', '@f/b', 'c') },
  { weight: 3, arbitrary: validKey },
  { weight: 3, arbitrary: nasty },
  { weight: 2, arbitrary: fc.string({ unit: keyChars, maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
);
const version = fc.oneof(
  fc.constantFrom('1', '2', '0', '-1', '1.0', '1e3', '', 'x', '2147483647', '2147483648', '99999999999999999999'),
  fc.integer({ min: 0, max: 10 }).map(String),
);
const maybe = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });
const clean = (text: string) => text.replace('<zone>', zone.zoneName).replace(/[\ud800-\udfff]/g, '\ufffd');
/** Mostly a well-formed query (zone, key, sometimes the route's options), sometimes chaos. */
const query = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ key, ifVersion: maybe(version), after: maybe(version), limit: maybe(version) }).map((q) => {
      const params = new URLSearchParams({ zone: zone.zoneName, key: clean(q.key) });
      for (const option of ['ifVersion', 'after', 'limit'] as const) {
        const value = q[option];
        if (value !== null) params.set(option, value);
      }
      return params.toString();
    }),
  },
  {
    weight: 1,
    arbitrary: fc
      .record(
        {
          key: fc.array(key, { minLength: 1, maxLength: 2 }),
          zone: fc.oneof(
            fc.constant('<zone>'),
            fc.constantFrom('default', 'no-such-zone', '', '\u0000', 'a'.repeat(101)),
          ),
          ifVersion: version,
          after: version,
          limit: fc.oneof(version, fc.constantFrom('1000', '1001')),
          stray: fc.string({ maxLength: 5 }),
        },
        { requiredKeys: [] },
      )
      .map((record) => {
        const params = new URLSearchParams();
        for (const [name, value] of Object.entries(record)) {
          for (const item of Array.isArray(value) ? value : [value]) params.append(name, clean(item));
        }
        return params.toString();
      }),
  },
);

const wrong = fc.oneof(
  fc.constantFrom<unknown>(null, true, 0, -1, 1.5, 2 ** 31, '', '1', [], {}, ['*', 'x y'], [''], ['a'.repeat(101)]),
  fc.jsonValue({ maxDepth: 2 }),
);
/** Set bodies: mostly the right fields with right or wrong values, sometimes anything at all. */
const body = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record({
        value: fc.jsonValue({ maxDepth: 3 }),
        ifVersion: maybe(fc.integer({ min: 1, max: 4 })),
        createOnly: maybe(fc.boolean()),
      })
      .map(({ value, ifVersion, createOnly }) =>
        JSON.stringify({
          value,
          ...(ifVersion === null ? {} : { ifVersion }),
          ...(createOnly === null ? {} : { createOnly }),
        }),
      ),
  },
  {
    weight: 4,
    arbitrary: fc
      .record(
        {
          value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), wrong),
          ifVersion: fc.oneof(fc.integer({ min: 0, max: 5 }), wrong),
          createOnly: fc.oneof(fc.boolean(), wrong),
          writers: fc.oneof(fc.array(fc.constantFrom('*', 'bob', 'x'), { maxLength: 3 }), wrong),
          extra: wrong,
        },
        { requiredKeys: [] },
      )
      .map((b) => JSON.stringify(b)),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      '{',
      '{"value":',
      '{"value":1,}',
      '{"value":NaN}',
      '{"value":1e999}',
      '{"value":-0}',
      '{"value":1.0,"ifVersion":1.0}',
      '{"value":12345678901234567890123,"ifVersion":12345678901234567890}',
      '{"__proto__":{"value":1}}',
      '{"value":"\\ud800"}',
      '{"value":"\\u0000"}',
      'null',
      '[]',
      '"text"',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 200, max: 50_000 }).map((d) => `{"value":${'['.repeat(d)}${']'.repeat(d)}}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(99_990, 100_000, 400_000, 1_100_000)
      .map((n) => JSON.stringify({ value: 'x'.repeat(n) })),
  },
);
const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/json') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'text/plain',
      'application/octet-stream',
      'application/x-www-form-urlencoded',
      '',
    ),
  },
);
const authorization = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(undefined, `Bearer ${token}`) },
  { weight: 1, arbitrary: fc.constantFrom('Bearer nope', 'Basic x', 'Bearer') },
);

interface Plan {
  method: HTTPMethods;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

const stackOrPath = /\n\s+at\s|node_modules|\/work\/|\/tmp\/|\.[cm]?[jt]s:\d+|prisma\.|PrismaClient|invocation/i;

async function fuzz<T>(name: string, arbitrary: fc.Arbitrary<T>, runs: number, toPlan: (input: T) => Plan) {
  const inputs = fc.sample(arbitrary, {
    seed: seed + createHash('sha1').update(name).digest().readUInt16BE(0),
    numRuns: runs,
  });
  const violations: string[] = [];
  for (const input of inputs) {
    const plan = toPlan(input);
    let res: Awaited<ReturnType<TestZone['app']['inject']>>;
    try {
      res = await zone.app.inject(plan);
    } catch (err) {
      // light-my-request refuses some inputs (invalid header values) before the app sees them.
      if (err instanceof TypeError || (err as { code?: string }).code?.startsWith('ERR_')) continue;
      throw err;
    }
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    const where = `${plan.method} ${plan.url.slice(0, 200)} body=${JSON.stringify((plan.payload ?? '').slice(0, 100))}`;
    if (res.statusCode >= 500) {
      violations.push(`${res.statusCode} for ${where}: ${res.body.slice(0, 200)}`);
      continue;
    }
    if (res.statusCode < 400 || plan.method === 'HEAD') continue;
    const parsed = errorBodySchema.safeParse(JSON.parse(res.body));
    if (!parsed.success) {
      violations.push(`not the error shape for ${where}: ${res.body.slice(0, 200)}`);
      continue;
    }
    const { statusCode, code, message } = parsed.data;
    if (statusCode !== res.statusCode || errorCodes[code].statusCode !== res.statusCode) {
      violations.push(`status ${res.statusCode} but body ${statusCode} ${code} for ${where}`);
    }
    if (stackOrPath.test(message)) violations.push(`internals in the message for ${where}: ${message}`);
  }
  expect(violations, `seed ${seed}: ${violations.slice(0, 5).join('\n')}`).toEqual([]);
}

describe('mutable routes under fuzzed input (never 5xx, always the error shape)', () => {
  it('PUT /api/v1/mutables: keys, queries, bodies, content types, credentials', async () => {
    const input = fc.record({ query, body, contentType, authorization });
    await fuzz('set', input, 300, ({ query, body, contentType, authorization }) => ({
      method: 'PUT',
      url: `/api/v1/mutables?${query}`,
      headers: {
        ...(contentType === '' ? {} : { 'content-type': contentType }),
        ...(authorization === undefined ? {} : { authorization }),
      },
      payload: body,
    }));
  });

  it('GET, DELETE /api/v1/mutables and GET /api/v1/mutables/history: keys and queries', async () => {
    const input = fc.record({
      method: fc.constantFrom<HTTPMethods>('GET', 'DELETE', 'HEAD'),
      path: fc.constantFrom('/api/v1/mutables', '/api/v1/mutables/history', '/api/v1/mutables/', '/api/v1/mutables/x'),
      query,
      authorization,
    });
    await fuzz('read', input, 300, ({ method, path, query, authorization }) => ({
      method,
      url: `${path}?${query}`,
      headers: authorization === undefined ? {} : { authorization },
    }));
  });

  it('still serves the mutables it had, with their values intact', async () => {
    const res = await zone.app.inject({ method: 'GET', url: `/api/v1/mutables/history?zone=${zone.zoneName}&key=c` });
    expect(res.statusCode).toBe(200);
    expect(res.json().versions[0]).toMatchObject({ version: 1, value: { sha1: `sha1://${'a'.repeat(40)}` } });
  });
});
