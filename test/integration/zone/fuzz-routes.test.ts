import { createHash, randomBytes } from 'node:crypto';
import {
  type CanonicalJsonValue,
  createKeyPair,
  errorBodySchema,
  errorCodes,
  type KeyPair,
  signEnvelope,
  signPayload,
} from '@figurl/sdk';
import { hashToken } from '@figurl/zone';
import fc from 'fast-check';
import type { HTTPMethods } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';

/*
 * G11 (reliability-security.md §6): every public route of the zone, fed fast-check inputs through
 * `app.inject()` — malformed, huge and deeply nested JSON, wrong types, unknown fields, sha1
 * variants, random paths, query strings and headers, unicode and NUL, badly signed gateway
 * envelopes. Properties: no 5xx; every 4xx carries the one error shape `{statusCode, code, error,
 * message}` with statusCode = the HTTP status and no stack trace or server path; each answer
 * within 1 s; the app still answers /healthz afterwards.
 *
 * Every input of a route is sent and checked (no stop at the first failure), so one run reports
 * every kind of violation with its first example. Inputs come from `fc.sample` with a logged
 * seed: FIGURL_FUZZ_SEED=<seed> replays the same inputs.
 */
const seed = Number(process.env.FIGURL_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const maxResponseMs = 1000;

interface Plan {
  method: HTTPMethods;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

interface Violation {
  kind: string;
  request: string;
  status: number;
  body: string;
}

let zone: TestZone;
/** A stored blob, so downloads of a known hash take the full path. */
let stored: { sha1: string; bytes: Buffer };
/** Pending uploads of 16 bytes (random sha1), for the PUT and finalize routes. */
let pending: string[];
const registered: KeyPair = createKeyPair();
const stranger: KeyPair = createKeyPair();
const adminToken = `fz_${randomBytes(24).toString('hex')}`;
const stats = { requests: 0, harnessRefused: 0, maxMs: 0, statuses: new Map<number, number>() };

beforeAll(async () => {
  console.log(`fuzz-routes: seed ${seed} (replay with FIGURL_FUZZ_SEED=${seed})`);
  zone = await createTestZoneApp();
  const bytes = randomBytes(1000);
  const sha1 = createHash('sha1').update(bytes).digest('hex');
  const target = (
    await zone.app.inject({
      method: 'POST',
      url: `/api/v1/uploads?zone=${zone.zoneName}`,
      payload: { sha1, size: 1000 },
    })
  ).json();
  await zone.app.inject({ method: 'PUT', url: `/api/v1/uploads/${target.uploadId}`, payload: bytes });
  const done = await zone.app.inject({ method: 'POST', url: `/api/v1/uploads/${target.uploadId}/finalize` });
  expect(done.statusCode).toBe(200);
  stored = { sha1, bytes };
  pending = [];
  for (let i = 0; i < 30; i++) {
    const res = await zone.app.inject({
      method: 'POST',
      url: `/api/v1/uploads?zone=${zone.zoneName}`,
      payload: { sha1: randomBytes(20).toString('hex'), size: 16 },
    });
    pending.push(res.json().uploadId);
  }
  await zone.context.identities.addClient({
    zoneName: zone.zoneName,
    clientId: registered.publicKey,
    ownerId: 'fuzz-owner',
    label: 'fuzz',
  });
  // An admin token, so the admin-only usage route is fuzzed past its authorization too.
  const adminUser = `fuzz-admin-${randomBytes(4).toString('hex')}`;
  await zone.context.identities.createToken({
    userId: adminUser,
    tokenHash: hashToken(adminToken),
    label: 'fuzz',
    scopes: ['admin'],
  });
  await zone.context.identities.setMember({
    zoneName: zone.zoneName,
    userId: adminUser,
    canUpload: true,
    canDownload: true,
    isAdmin: true,
  });
});
afterAll(async () => {
  console.log(
    `fuzz-routes: seed ${seed}, ${stats.requests} requests, slowest ${stats.maxMs.toFixed(1)} ms, ` +
      `${stats.harnessRefused} inputs light-my-request refused to build; statuses ${JSON.stringify(Object.fromEntries(stats.statuses))}`,
  );
  await zone?.close();
});

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

const nasty = fc.constantFrom(
  '',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  '\uffff',
  '\ufeff',
  '\u202e',
  'é',
  '😀',
  ' ',
  '\t',
  '\r\n',
  '..',
  '../..',
  '%00',
  '%2e%2e',
  '%2f',
  '%zz',
  '%',
  '%ED%A0%80',
  '%C0%AF',
  '%E0%A4%A',
  '<script>',
  "'; DROP TABLE blob; --",
  '$' + '{x}',
  '{{x}}',
  'null',
  'true',
  '-1',
  '1e309',
  'x'.repeat(300),
);
/** Any string, including lone surrogates, NUL and the hand-picked nasties above. */
const anyString = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 3, arbitrary: nasty },
);
const hex = (length: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });

/** sha1 spellings: valid (known and unknown), wrong case, length, alphabet, traversal, prefixes. */
const sha1Variant = fc.oneof(
  fc.constant('<stored>'),
  hex(40),
  hex(40).map((h) => h.toUpperCase()),
  hex(40).map((h) => `${h.slice(0, 20).toUpperCase()}${h.slice(20)}`),
  fc.integer({ min: 0, max: 120 }).chain((n) => hex(n)),
  hex(39).map((h) => `${h}g`),
  hex(40).map((h) => `${h}?x=1`),
  hex(40).map((h) => `${h}/`),
  hex(40).map((h) => `sha1://${h}`),
  hex(40).map((h) => ` ${h}`),
  fc.constantFrom('..', '%2e%2e', '..%2f..%2fetc%2fpasswd', '%2e%2e%2f%2e%2e', '.', '%00', '%zz', '%ff', 'sha1'),
  anyString,
);
const resolveSha1 = (value: string) => (value === '<stored>' ? stored.sha1 : value);

/** encodeURIComponent, with lone surrogates (which it refuses) sent as U+FFFD. */
const encode = (value: string) =>
  encodeURIComponent(
    value.replace(/[\ud800-\udfff]/g, (c, at: number, all: string) => {
      const code = c.charCodeAt(0);
      const paired =
        code < 0xdc00 ? /[\udc00-\udfff]/.test(all[at + 1] ?? '') : /[\ud800-\udbff]/.test(all[at - 1] ?? '');
      return paired ? c : '\ufffd';
    }),
  );
/** A hash segment that passes validation half of the time, so the checks after it run too. */
const hashSegment = fc.oneof(
  { weight: 2, arbitrary: fc.constant('<stored>') },
  { weight: 1, arbitrary: hex(40) },
  { weight: 3, arbitrary: fc.constant('<segment>') },
);
/** A path segment: mostly percent-encoded, sometimes raw (which may be malformed on purpose). */
const encodeSegment = (value: string, raw: boolean) => (raw ? value : encode(value));
const pathSegment = fc
  .tuple(fc.oneof(sha1Variant, anyString), fc.boolean())
  .map(([value, raw]) => encodeSegment(resolveSha1(value), raw && /^[\x21-\x7e]*$/.test(value)));

const zoneValue = fc.oneof(
  { weight: 4, arbitrary: fc.constant('<zone>') },
  { weight: 1, arbitrary: fc.constantFrom('default', 'no-such-zone', '', 'a'.repeat(101), 'Zone.With.Dots') },
  { weight: 1, arbitrary: fc.constantFrom('\u0000', '<zone>\u0000', 'zone\u0000x', '\ud800', '..', '%00') },
  { weight: 2, arbitrary: anyString },
);
const resolveZone = (value: string) => value.replace('<zone>', zone.zoneName);

/** Query strings: `zone` (repeated, missing, weird), unknown keys, prototype keys, garbage. */
const queryPairs = fc
  .array(
    fc.tuple(
      fc.oneof(
        { weight: 5, arbitrary: fc.constant('zone') },
        {
          weight: 1,
          arbitrary: fc.constantFrom('__proto__', 'constructor', 'zone[]', 'zone[a]', 'signature', 'label'),
        },
        { weight: 1, arbitrary: anyString },
      ),
      zoneValue,
      fc.boolean(),
    ),
    { maxLength: 3 },
  )
  .map((pairs) =>
    pairs
      .map(([key, value, raw]) => {
        const v = resolveZone(value);
        return raw && /^[\x21-\x7e]*$/.test(v) && /^[\x21-\x7e]*$/.test(key)
          ? `${key}=${v}`
          : `${encode(key)}=${encode(v)}`;
      })
      .join('&'),
  )
  .map((q) => (q === '' ? '' : `?${q}`));
const queryString = fc.oneof(
  { weight: 2, arbitrary: zoneValue.map((value) => `?zone=${encode(resolveZone(value))}`) },
  { weight: 2, arbitrary: queryPairs },
);

const headerText = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 60,
});
const contentType = fc.oneof(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset=utf-16',
    'APPLICATION/JSON',
    'text/plain',
    'text/plain; charset=latin1',
    'application/octet-stream',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
    'application/problem+json',
    '*/*',
    'json',
    '',
  ),
  headerText,
);
const authorization = fc.oneof(
  fc.constantFrom(
    'Bearer',
    'Bearer ',
    'Bearer x',
    'bearer abc',
    'Basic dXNlcjpwYXNz',
    'Token x',
    `Bearer ${'x'.repeat(4000)}`,
  ),
  headerText.map((t) => `Bearer ${t}`),
  headerText,
);
const range = fc.oneof(
  fc.constantFrom(
    'bytes=0-0',
    'bytes=0-99',
    'bytes=-10',
    'bytes=500-',
    'bytes=999-999',
    'bytes=1000-',
    'bytes=10-5',
    'bytes=0-1,5-6',
    'bytes=0-1,0-1,0-1',
    'bytes=-0',
    'bytes=--1',
    'bytes=99999999999999999999999-',
    'bytes=0-99999999999999999999999',
    'items=0-5',
    'bytes=',
    'bytes',
  ),
  fc.tuple(fc.integer({ min: -5, max: 2000 }), fc.integer({ min: -5, max: 2000 })).map(([a, b]) => `bytes=${a}-${b}`),
  headerText,
);
/** Random extra headers: content-type, range, authorization, if-none-match, accept, others. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, weight = 1) =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight, arbitrary });
const headers = fc
  .record({
    'content-type': sometimes(contentType, 2),
    range: sometimes(range, 2),
    authorization: sometimes(authorization),
    'if-none-match': sometimes(fc.oneof(fc.constant('"<stored>"'), fc.constant('*'), headerText)),
    accept: sometimes(fc.oneof(fc.constantFrom('application/json', 'text/html', '*/*'), headerText)),
    'x-forwarded-host': sometimes(headerText),
    'accept-encoding': sometimes(fc.constantFrom('gzip', 'br', 'identity', '*')),
  })
  .map((record) => {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(record)) {
      if (value !== undefined) out[key] = value.replace('<stored>', stored.sha1);
    }
    return out;
  });

/** JSON-ish bodies: random JSON, malformed text, deep nesting, huge, prototype keys. */
type BodySpec =
  | { kind: 'text'; text: string }
  | { kind: 'deep'; depth: number; open: string; close: string }
  | { kind: 'huge' };
const malformedJson = fc.constantFrom(
  '',
  '{',
  '}',
  '{"a":',
  '{"a":1,}',
  "{'a':1}",
  '{"a":NaN}',
  '{"a":Infinity}',
  '{"a":1e999}',
  '{"a":-0}',
  '\ufeff{}',
  '{} trailing',
  '/* c */ {}',
  '{"a":1,"a":2}',
  '{"__proto__":{"polluted":1}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  '"\\ud800"',
  '"\\u0000"',
  '[1,2,3',
  'null',
  '0',
  '-',
  '1.',
  '"unterminated',
  '\u0000',
);
const bodySpec: fc.Arbitrary<BodySpec> = fc.oneof(
  { weight: 4, arbitrary: fc.json({ maxDepth: 4 }).map((text) => ({ kind: 'text' as const, text })) },
  { weight: 2, arbitrary: malformedJson.map((text) => ({ kind: 'text' as const, text })) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('deep' as const),
      depth: fc.integer({ min: 500, max: 100_000 }),
      open: fc.constantFrom('[', '{"a":', '{"payload":'),
      close: fc.constant(''),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'huge' as const }) },
);
function renderBody(spec: BodySpec): string {
  if (spec.kind === 'text') return spec.text;
  if (spec.kind === 'huge') return JSON.stringify({ pad: 'x'.repeat((1 << 20) + 10) });
  const close = spec.open === '[' ? ']' : '}';
  return `${spec.open.repeat(spec.depth)}1${close.repeat(spec.depth)}`;
}

/** JSON values of the wrong type for a field. */
const wrongValue: fc.Arbitrary<CanonicalJsonValue> = fc.oneof(
  fc.constantFrom<CanonicalJsonValue>(null, true, false, 0, -1, 1.5, 1e300, -0, 2 ** 53, [], {}, '', '1'),
  anyString,
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<CanonicalJsonValue>,
);

// ---------------------------------------------------------------------------------------------
// Sending and checking
// ---------------------------------------------------------------------------------------------

const stackOrPath =
  /\n\s+at\s|\bat\s+\S+\s+\(|node_modules|\/work\/|\/tmp\/|\/home\/|file:\/\/|\.[cm]?[jt]s:\d+|prisma\.|PrismaClient|invocation/i;

function describeRequest(plan: Plan): string {
  const body =
    plan.payload === undefined
      ? ''
      : ` body(${plan.payload.length})=${JSON.stringify(plan.payload.toString().slice(0, 120))}`;
  return `${plan.method} ${JSON.stringify(plan.url.slice(0, 300))} headers=${JSON.stringify(plan.headers).slice(0, 300)}${body}`;
}

/** Sends `plan` and returns what is wrong with the answer, if anything. */
async function send(plan: Plan, violations: Violation[]): Promise<void> {
  const started = performance.now();
  let res: Awaited<ReturnType<TestZone['app']['inject']>>;
  try {
    res = await zone.app.inject({
      method: plan.method,
      url: plan.url,
      headers: plan.headers,
      ...(plan.payload !== undefined && { payload: plan.payload }),
    });
  } catch (err) {
    // light-my-request refuses some inputs (e.g. invalid header values) before the app sees them.
    if (err instanceof TypeError || (err as { code?: string }).code?.startsWith('ERR_')) {
      stats.harnessRefused++;
      return;
    }
    throw err;
  }
  const elapsed = performance.now() - started;
  stats.requests++;
  stats.maxMs = Math.max(stats.maxMs, elapsed);
  stats.statuses.set(res.statusCode, (stats.statuses.get(res.statusCode) ?? 0) + 1);
  const status = res.statusCode;
  const fail = (kind: string) =>
    violations.push({ kind, request: describeRequest(plan), status, body: res.body.slice(0, 300) });
  if (elapsed > maxResponseMs) fail(`slower than ${maxResponseMs} ms (${Math.round(elapsed)} ms)`);
  if (status >= 500) {
    fail(`${status} ${safeCode(res.body)}`);
    return;
  }
  if (status < 400 || plan.method === 'HEAD') return;
  if (status === 416) {
    // Range Not Satisfiable has no code in the error table: RFC 9110's empty body + Content-Range.
    if (res.body !== '' || !/^bytes \*\/\d+$/.test(String(res.headers['content-range'])))
      fail('416 without Content-Range');
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    fail(`${status} body is not JSON`);
    return;
  }
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) {
    fail(`${status} body is not {statusCode, code, error, message} (code ${safeCode(res.body)})`);
    return;
  }
  const { statusCode, code, error, message } = parsed.data;
  if (statusCode !== status) fail(`body statusCode ${statusCode} != HTTP ${status}`);
  if (errorCodes[code].statusCode !== status) fail(`code ${code} does not belong to HTTP ${status}`);
  if (errorCodes[code].error !== error) fail(`error "${error}" does not match code ${code}`);
  if (stackOrPath.test(message)) fail(`${status} message carries a stack trace or server path`);
}

function safeCode(body: string): string {
  try {
    return String((JSON.parse(body) as { code?: unknown }).code);
  } catch {
    return 'non-JSON';
  }
}

/** Sends `runs` inputs of `arbitrary` (seeded) and fails listing each kind of violation once. */
async function fuzz<T>(name: string, arbitrary: fc.Arbitrary<T>, runs: number, toPlan: (input: T) => Plan) {
  const routeSeed = seed + hashName(name);
  const inputs = fc.sample(arbitrary, { seed: routeSeed, numRuns: runs });
  const violations: Violation[] = [];
  for (const input of inputs) await send(toPlan(input), violations);
  const kinds = new Map<string, { first: Violation; count: number }>();
  for (const v of violations) {
    const seen = kinds.get(v.kind);
    if (seen) seen.count++;
    else kinds.set(v.kind, { first: v, count: 1 });
  }
  const report = [...kinds.entries()]
    .map(
      ([kind, { first, count }]) =>
        `- ${kind} (${count}×), e.g.\n    ${first.request}\n    → ${first.status} ${first.body}`,
    )
    .join('\n');
  expect(
    violations.length,
    `${name}: ${violations.length} of ${runs} inputs violated G11 (seed ${seed}; replay with FIGURL_FUZZ_SEED=${seed}):\n${report}`,
  ).toBe(0);
}

function hashName(name: string): number {
  return createHash('sha1').update(name).digest().readUInt16BE(0);
}

// ---------------------------------------------------------------------------------------------
// Gateway envelopes
// ---------------------------------------------------------------------------------------------

type Signing =
  | 'valid'
  | 'unsigned'
  | 'stranger'
  | 'flipped'
  | 'other-key'
  | 'uppercase'
  | 'short'
  | 'signature-only'
  | 'client-only'
  | 'github';
interface EnvelopeSpec {
  type: string;
  /** Offset added to Date.now() at send time, or a literal timestamp value. */
  timestamp: { offset: number } | { literal: CanonicalJsonValue };
  fields: Record<string, CanonicalJsonValue>;
  extra: Record<string, CanonicalJsonValue>;
  drop: string[];
  signing: Signing;
  /** Raw-text mutation of the final JSON: none, or flip/insert/delete at a relative position. */
  mutation: { op: 'none' } | { op: 'flip' | 'delete' | 'insert'; at: number; char: string };
  numberStyle: 'plain' | 'float';
}

const gatewayTypes = [
  'findFile',
  'initiateFileUpload',
  'finalizeFileUpload',
  'deleteFile',
  'getClientInfo',
  'getResourceInfo',
  'getZoneInfo',
] as const;

/** Mostly the good value, sometimes a value of the wrong type or shape. */
const mostly = (good: fc.Arbitrary<CanonicalJsonValue>) =>
  fc.oneof({ weight: 8, arbitrary: good }, { weight: 1, arbitrary: wrongValue });
const goodSha1 = fc.oneof(fc.constant('<stored>'), hex(40), sha1Variant);
const goodSize = fc.oneof(
  fc.integer({ min: 0, max: 5000 }),
  fc.constantFrom(16, 1000, 5_000_000_000, 5_000_000_001, 2 ** 53 - 1, 2 ** 53, -1, 1.5, 1e300),
);
const gatewayZone = fc.oneof({ weight: 6, arbitrary: fc.constant('<zone>') }, { weight: 1, arbitrary: zoneValue });
/** The fields each payload type has (kachery-zone-protocol.md §2.1), so most requests get past the schema. */
const fieldsFor: Record<string, fc.Arbitrary<Record<string, CanonicalJsonValue>>> = {
  findFile: fc.record({ hashAlg: mostly(fc.constant('sha1')), hash: mostly(goodSha1) }),
  initiateFileUpload: fc.record({
    size: mostly(goodSize),
    hashAlg: mostly(fc.constant('sha1')),
    hash: mostly(goodSha1),
  }),
  finalizeFileUpload: fc.record({
    objectKey: mostly(fc.oneof(fc.constant('<staging>'), fc.constant('<content>'), anyString)),
    hashAlg: mostly(fc.constant('sha1')),
    hash: mostly(goodSha1),
    size: mostly(goodSize),
  }),
  deleteFile: fc.record({ hashAlg: mostly(fc.constantFrom('sha1', 'md5')), hash: mostly(goodSha1) }),
  getClientInfo: fc.record({ clientId: mostly(fc.oneof(fc.constant('<registered>'), hex(64), anyString)) }),
  getResourceInfo: fc.record({ resourceName: mostly(anyString) }),
  getZoneInfo: fc.record({ zoneName: mostly(zoneValue) }),
};

const envelopeSpec: fc.Arbitrary<EnvelopeSpec> = fc
  .oneof(
    { weight: 12, arbitrary: fc.constantFrom(...gatewayTypes) },
    { weight: 1, arbitrary: fc.constantFrom('FindFile', 'addClient', '', '__proto__') },
    { weight: 1, arbitrary: anyString },
  )
  .chain((type) =>
    fc.record({
      type: fc.constant(type),
      timestamp: fc.oneof(
        { weight: 8, arbitrary: fc.constant({ offset: 0 }) },
        { weight: 2, arbitrary: fc.integer({ min: -200_000, max: 200_000 }).map((offset) => ({ offset })) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(-86_400_000, 86_400_000, 86_400_000 + 60_000).map((offset) => ({ offset })),
        },
        { weight: 1, arbitrary: wrongValue.map((literal) => ({ literal })) },
      ),
      fields: fc
        .tuple((Object.hasOwn(fieldsFor, type) && fieldsFor[type]) || fc.constant({}), mostly(gatewayZone))
        .map(([fields, zoneField]) => (type === 'getZoneInfo' ? fields : { ...fields, zone: zoneField })),
      extra: fc.oneof(
        { weight: 6, arbitrary: fc.constant({}) },
        {
          weight: 1,
          arbitrary: fc.dictionary(
            fc.oneof(fc.constantFrom('extra', '__proto__', 'constructor', 'type', 'hash'), anyString),
            wrongValue,
            { minKeys: 1, maxKeys: 2 },
          ),
        },
      ),
      drop: fc.oneof(
        { weight: 8, arbitrary: fc.constant<string[]>([]) },
        { weight: 1, arbitrary: fc.subarray(['timestamp', 'type', 'hash', 'size', 'zone', 'objectKey']) },
      ),
      signing: fc.oneof(
        { weight: 8, arbitrary: fc.constant<Signing>('valid') },
        { weight: 2, arbitrary: fc.constant<Signing>('unsigned') },
        {
          weight: 4,
          arbitrary: fc.constantFrom<Signing>(
            'stranger',
            'flipped',
            'other-key',
            'uppercase',
            'short',
            'signature-only',
            'client-only',
            'github',
          ),
        },
      ),
      mutation: fc.oneof(
        { weight: 8, arbitrary: fc.constant({ op: 'none' as const }) },
        {
          weight: 1,
          arbitrary: fc.record({
            op: fc.constantFrom('flip' as const, 'delete' as const, 'insert' as const),
            at: fc.double({ min: 0, max: 1, noNaN: true }),
            char: fc.constantFrom('"', '{', '}', ',', ':', '\\', '0', 'a', ' ', '\u0000', '\ud800'),
          }),
        },
      ),
      numberStyle: fc.constantFrom<'plain' | 'float'>('plain', 'plain', 'float'),
    }),
  );

function buildEnvelope(spec: EnvelopeSpec): string {
  const payload: Record<string, CanonicalJsonValue> = {
    type: spec.type,
    timestamp: 'offset' in spec.timestamp ? Date.now() + spec.timestamp.offset : spec.timestamp.literal,
  };
  for (const [key, value] of Object.entries(spec.fields)) {
    payload[key] =
      typeof value === 'string' && value.includes('<zone>')
        ? resolveZone(value)
        : value === '<stored>'
          ? stored.sha1
          : value === '<registered>'
            ? registered.publicKey
            : value === '<staging>'
              ? `staging/${pending[0] ?? ''}`
              : value === '<content>'
                ? `sha1/${stored.sha1.slice(0, 2)}/${stored.sha1.slice(2, 4)}/${stored.sha1.slice(4, 6)}/${stored.sha1}`
                : value;
  }
  // defineProperty, not assignment: an extra key "__proto__" must become a field, not a prototype.
  for (const [key, value] of Object.entries(spec.extra)) {
    Object.defineProperty(payload, key, { value, enumerable: true, writable: true, configurable: true });
  }
  for (const key of spec.drop) delete payload[key];
  const envelope: Record<string, CanonicalJsonValue> = { payload };
  const signWith = (keys: KeyPair) => {
    try {
      return signPayload(payload, keys.privateKey);
    } catch {
      // Values canonical JSON cannot encode: the zone must refuse the request anyway.
      return 'f'.repeat(128);
    }
  };
  switch (spec.signing) {
    case 'valid':
      Object.assign(envelope, { fromClientId: registered.publicKey, signature: signWith(registered) });
      break;
    case 'stranger':
      Object.assign(envelope, { fromClientId: stranger.publicKey, signature: signWith(stranger) });
      break;
    case 'flipped': {
      const good = signWith(registered);
      const at = good.length >> 1;
      const flipped = `${good.slice(0, at)}${good[at] === '0' ? '1' : '0'}${good.slice(at + 1)}`;
      Object.assign(envelope, { fromClientId: registered.publicKey, signature: flipped });
      break;
    }
    case 'other-key':
      Object.assign(envelope, { fromClientId: stranger.publicKey, signature: signWith(registered) });
      break;
    case 'uppercase':
      Object.assign(envelope, { fromClientId: registered.publicKey, signature: signWith(registered).toUpperCase() });
      break;
    case 'short':
      Object.assign(envelope, { fromClientId: registered.publicKey, signature: signWith(registered).slice(0, 126) });
      break;
    case 'signature-only':
      Object.assign(envelope, { signature: signWith(registered) });
      break;
    case 'client-only':
      Object.assign(envelope, { fromClientId: registered.publicKey });
      break;
    case 'github':
      Object.assign(envelope, { githubUserId: 'octocat', githubAccessToken: 'gho_x' });
      break;
    case 'unsigned':
      break;
  }
  let text = JSON.stringify(envelope);
  // Python-style floats (`1.0`) are signed as written; the zone must still verify them.
  if (spec.numberStyle === 'float') text = text.replace(/"size":(\d+)/, '"size":$1.0');
  if (spec.mutation.op !== 'none') {
    const at = Math.min(text.length - 1, Math.floor(spec.mutation.at * text.length));
    text =
      spec.mutation.op === 'delete'
        ? text.slice(0, at) + text.slice(at + 1)
        : spec.mutation.op === 'insert'
          ? text.slice(0, at) + spec.mutation.char + text.slice(at)
          : text.slice(0, at) + spec.mutation.char + text.slice(at + 1);
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// The routes
// ---------------------------------------------------------------------------------------------

describe(`G11: fuzzing every public route (seed ${seed})`, () => {
  it('GET /healthz, /readyz, /openapi.json with random queries and headers', async () => {
    const input = fc.record({
      path: fc.constantFrom('/healthz', '/readyz', '/openapi.json', '/healthz/', '/HEALTHZ', '/readyz/x', '//healthz'),
      method: fc.constantFrom<HTTPMethods>('GET', 'GET', 'GET', 'HEAD', 'POST', 'DELETE'),
      query: queryString,
      headers,
    });
    await fuzz('health', input, 150, ({ path, method, query, headers }) => ({
      method,
      url: `${path}${query}`,
      headers,
    }));
  });

  it('POST /api/v1/uploads: wrong types, unknown fields, sha1 variants, malformed/huge/deep JSON', async () => {
    const structured = fc
      .record(
        {
          sha1: mostly(goodSha1),
          size: mostly(goodSize),
          sha256: mostly(
            fc.oneof(
              hex(64),
              hex(64).map((h) => h.toUpperCase()),
              anyString,
            ),
          ),
        },
        { requiredKeys: ['sha1', 'size'] },
      )
      .chain((fields) =>
        fc
          .oneof(
            { weight: 4, arbitrary: fc.constant({}) },
            {
              weight: 1,
              arbitrary: fc.dictionary(
                fc.oneof(fc.constantFrom('force', '__proto__', 'zone', 'SHA1'), anyString),
                wrongValue,
                { minKeys: 1, maxKeys: 2 },
              ),
            },
          )
          .map((extra) => JSON.stringify({ ...fields, ...extra }).replace('"<stored>"', `"${stored.sha1}"`)),
      );
    const input = fc.record({
      body: fc.oneof(
        { weight: 3, arbitrary: structured.map((text) => ({ kind: 'text' as const, text })) },
        { weight: 2, arbitrary: bodySpec },
      ),
      query: queryString,
      headers,
      withBody: fc.boolean(),
    });
    await fuzz('initiate', input, 350, ({ body, query, headers, withBody }) => ({
      method: 'POST',
      url: `/api/v1/uploads${query}`,
      headers: withBody || body.kind !== 'text' ? { 'content-type': 'application/json', ...headers } : headers,
      payload: renderBody(body),
    }));
  });

  it('PUT /api/v1/uploads/:id: unknown/malformed ids, wrong lengths, odd Content-Length and types', async () => {
    const input = fc.record({
      id: fc.oneof(
        { weight: 3, arbitrary: fc.integer({ min: 0, max: 29 }).map((i) => `<pending:${i}>`) },
        { weight: 1, arbitrary: fc.uuid() },
        { weight: 1, arbitrary: fc.uuid().map((u) => u.toUpperCase()) },
        { weight: 2, arbitrary: pathSegment },
      ),
      body: fc.oneof(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ maxLength: 64 }),
        fc.constant(new Uint8Array(0)),
      ),
      contentLength: fc.option(
        fc.constantFrom('0', '15', '16', '17', '-1', 'abc', '1e3', '16, 16', ' 16', '99999999999999999999'),
      ),
      headers,
      query: queryString,
    });
    await fuzz('put', input, 250, ({ id, body, contentLength, headers, query }) => {
      const pendingIndex = /^<pending:(\d+)>$/.exec(id)?.[1];
      const uploadId = pendingIndex === undefined ? id : (pending[Number(pendingIndex)] ?? id);
      const plan: Plan = {
        method: 'PUT',
        url: `/api/v1/uploads/${uploadId}${query}`,
        headers: contentLength === null ? headers : { ...headers, 'content-length': contentLength },
        payload: Buffer.from(body),
      };
      return plan;
    });
  });

  it('POST /api/v1/uploads/:id/finalize: ids and bodies of every kind', async () => {
    const input = fc.record({
      id: fc.oneof(
        fc.integer({ min: 0, max: 29 }).map((i) => `<pending:${i}>`),
        fc.uuid(),
        pathSegment,
      ),
      body: fc.option(bodySpec),
      headers,
      query: queryString,
    });
    await fuzz('finalize', input, 150, ({ id, body, headers, query }) => {
      const pendingIndex = /^<pending:(\d+)>$/.exec(id)?.[1];
      const uploadId = pendingIndex === undefined ? id : (pending[Number(pendingIndex)] ?? id);
      return {
        method: 'POST',
        url: `/api/v1/uploads/${uploadId}/finalize${query}`,
        headers,
        ...(body !== null && { payload: renderBody(body) }),
      };
    });
  });

  it('GET /api/v1/blobs/:hash: sha1 variants, queries, credentials', async () => {
    const input = fc.record({ hash: hashSegment, segment: pathSegment, query: queryString, headers });
    await fuzz('blobs', input, 150, ({ hash, segment, query, headers }) => ({
      method: 'GET',
      url: `/api/v1/blobs/${hash === '<segment>' ? segment : resolveSha1(hash)}${query}`,
      headers,
    }));
  });

  it('GET|HEAD /sha1/:hash: sha1 variants, ranges, If-None-Match, queries, credentials', async () => {
    const input = fc.record({
      method: fc.constantFrom<HTTPMethods>('GET', 'HEAD'),
      hash: hashSegment,
      segment: pathSegment,
      query: queryString,
      headers,
    });
    await fuzz('download', input, 300, ({ method, hash, segment, query, headers }) => ({
      method,
      url: `/sha1/${hash === '<segment>' ? segment : resolveSha1(hash)}${query}`,
      headers,
    }));
  });

  it('POST /api/gateway: signed, unsigned and badly signed envelopes, wrong fields, raw mutations', async () => {
    const input = fc.record({
      envelope: fc.oneof(
        { weight: 4, arbitrary: envelopeSpec.map((spec) => ({ spec })) },
        { weight: 1, arbitrary: bodySpec.map((body) => ({ body })) },
      ),
      contentType: fc.oneof(
        { weight: 5, arbitrary: fc.constant('application/json') },
        { weight: 1, arbitrary: contentType },
      ),
      query: queryString,
    });
    await fuzz('gateway', input, 450, ({ envelope, contentType, query }) => ({
      method: 'POST',
      url: `/api/gateway${query}`,
      headers: { 'content-type': contentType },
      payload: 'spec' in envelope ? buildEnvelope(envelope.spec) : renderBody(envelope.body),
    }));
  });

  it('GET /registerClient/:id: ids, signatures, zones and labels of every kind', async () => {
    const fresh = Array.from({ length: 5 }, () => createKeyPair());
    const input = fc.record({
      key: fc.integer({ min: 0, max: 4 }),
      id: fc.oneof(
        { weight: 3, arbitrary: fc.constant('<fresh>') },
        { weight: 1, arbitrary: fc.constant('<fresh-upper>') },
        { weight: 2, arbitrary: pathSegment },
      ),
      signature: fc.oneof(
        { weight: 3, arbitrary: fc.constant('<valid>') },
        { weight: 1, arbitrary: fc.constant('<flipped>') },
        { weight: 1, arbitrary: hex(128) },
        { weight: 1, arbitrary: anyString },
      ),
      params: fc.record(
        { zone: zoneValue, label: anyString, extra: anyString, signature2: anyString },
        { requiredKeys: [] },
      ),
      omitSignature: fc.boolean(),
      headers,
    });
    await fuzz('registerClient', input, 200, ({ key, id, signature, params, omitSignature, headers }) => {
      const keys = fresh[key] ?? registered;
      const good = signPayload({ type: 'addClient' }, keys.privateKey);
      const sig =
        signature === '<valid>'
          ? good
          : signature === '<flipped>'
            ? `${good.slice(0, 10)}${good[10] === '0' ? '1' : '0'}${good.slice(11)}`
            : signature;
      const pathId = id === '<fresh>' ? keys.publicKey : id === '<fresh-upper>' ? keys.publicKey.toUpperCase() : id;
      const query = new URLSearchParams();
      if (!omitSignature) query.set('signature', sig);
      if (params.zone !== undefined) query.set('zone', resolveZone(params.zone));
      if (params.label !== undefined) query.set('label', params.label);
      if (params.extra !== undefined) query.set('extra', params.extra);
      if (params.signature2 !== undefined) query.append('signature', params.signature2);
      const q = query.toString();
      return { method: 'GET', url: `/registerClient/${pathId}${q === '' ? '' : `?${q}`}`, headers };
    });
  });

  it('GET /client/:id (the link kachery-cloud-init prints for a registered client)', async () => {
    const input = fc.record({
      id: fc.oneof(
        { weight: 2, arbitrary: fc.constant('<registered>') },
        { weight: 1, arbitrary: hex(64) },
        { weight: 2, arbitrary: pathSegment },
      ),
      query: queryString,
      headers,
    });
    await fuzz('client', input, 150, ({ id, query, headers }) => ({
      method: 'GET',
      url: `/client/${id === '<registered>' ? registered.publicKey : id}${query}`,
      headers,
    }));
  });

  it('GET /api/v1/usage (admins): dates, zones, tokens', async () => {
    const date = fc.oneof(
      { weight: 3, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
      {
        weight: 2,
        arbitrary: fc
          .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
          .map(
            ([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
          ),
      },
      { weight: 1, arbitrary: anyString },
    );
    const input = fc.record({
      from: fc.option(date, { freq: 8 }),
      to: fc.option(date, { freq: 8 }),
      zone: fc.option(zoneValue, { freq: 4 }),
      admin: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      headers,
    });
    await fuzz('usage', input, 200, ({ from, to, zone: zoneParam, admin, headers }) => {
      const query = new URLSearchParams();
      if (zoneParam !== null) query.set('zone', resolveZone(zoneParam));
      if (from !== null) query.set('from', from);
      if (to !== null) query.set('to', to);
      return {
        method: 'GET',
        url: `/api/v1/usage?${query.toString()}`,
        headers: admin ? { ...headers, authorization: `Bearer ${adminToken}` } : headers,
      };
    });
  });

  it('any method on random paths, query strings and headers', async () => {
    const input = fc.record({
      method: fc.constantFrom<HTTPMethods>('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
      prefix: fc.constantFrom(
        '',
        '/api',
        '/api/v1',
        '/api/v1/uploads',
        '/api/v1/blobs',
        '/sha1',
        '/registerClient',
        '/client',
        '/api/v1/usage',
        '/api/gateway',
        '/openapi.json',
      ),
      segments: fc.array(pathSegment, { maxLength: 4 }),
      query: queryString,
      headers,
      body: fc.option(bodySpec),
    });
    await fuzz('random', input, 200, ({ method, prefix, segments, query, headers, body }) => ({
      method,
      url: `${prefix}/${segments.join('/')}${query}`,
      headers,
      ...(body !== null && method !== 'GET' && method !== 'HEAD' && { payload: renderBody(body) }),
    }));
  });

  it('still answers /healthz and /readyz afterwards, and the stored blob is intact', async () => {
    expect((await zone.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await zone.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    const download = await zone.app.inject({ method: 'GET', url: `/sha1/${stored.sha1}?zone=${zone.zoneName}` });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(stored.bytes)).toBe(true);
  });
});

/*
 * Minimal reproductions of what the fuzzer found, so each failure names its bug directly:
 * - NUL in a string that reaches PostgreSQL (`?zone=`, the gateway's objectKey, a registration
 *   label): PostgreSQL refuses 0x00 in text ("invalid byte sequence for encoding UTF8"), the
 *   Prisma error is no FigurlError, and the error handler answers 500 INTERNAL;
 * - Fastify's router errors (malformed percent-encoding → FST_ERR_BAD_URL 400, a path parameter
 *   over 100 characters → FST_ERR_MAX_PARAM_LENGTH 414) are written by Fastify itself, bypassing
 *   the error handler: codes outside the closed table, and 414, which the table lacks.
 */
describe('G11 findings, reduced', () => {
  const expectErrorShape = (res: { statusCode: number; body: string }, status: number, code: string) => {
    expect(res.statusCode, res.body).toBe(status);
    const body = errorBodySchema.parse(JSON.parse(res.body));
    expect(body).toMatchObject({ statusCode: status, code });
  };

  it.each([
    ['GET', '/sha1/<hash>?zone=%00'],
    ['GET', '/sha1/<hash>?zone=zone%00x'],
    ['GET', '/api/v1/blobs/<hash>?zone=%00'],
  ] as const)('refuses a NUL in ?zone= with 400, not 500: %s %s', async (method, url) => {
    expectErrorShape(
      await zone.app.inject({ method, url: url.replace('<hash>', stored.sha1) }),
      400,
      'INVALID_REQUEST',
    );
  });

  it('refuses a NUL in ?zone= on GET /client/:id with 400, not 500', async () => {
    const res = await zone.app.inject({ method: 'GET', url: `/client/${registered.publicKey}?zone=%00` });
    expectErrorShape(res, 400, 'INVALID_REQUEST');
  });

  it('refuses a NUL in ?zone= on GET /api/v1/usage with 400, not 500', async () => {
    const res = await zone.app.inject({ method: 'GET', url: '/api/v1/usage?zone=%00&from=2026-01-01&to=2026-12-31' });
    expectErrorShape(res, 400, 'INVALID_REQUEST');
  });

  it.each([
    ['2026-13-01', '2026-12-31'],
    ['2026-01-01', '2026-02-30'],
    ['0000-00-00', '9999-99-99'],
  ])(
    'refuses a day that is no date (usage from=%s to=%s) with 400, not 500 or a silent roll-over',
    async (from, to) => {
      const res = await zone.app.inject({
        method: 'GET',
        url: `/api/v1/usage?zone=${zone.zoneName}&from=${from}&to=${to}`,
        headers: { authorization: `Bearer ${adminToken}` },
      });
      expectErrorShape(res, 400, 'INVALID_REQUEST');
    },
  );

  it('refuses a NUL in ?zone= on HEAD /sha1 with 400, not 500', async () => {
    const res = await zone.app.inject({ method: 'HEAD', url: `/sha1/${stored.sha1}?zone=%00` });
    expect(res.statusCode).toBe(400);
  });

  it('refuses a NUL in ?zone= on POST /api/v1/uploads with 400, not 500', async () => {
    const res = await zone.app.inject({
      method: 'POST',
      url: '/api/v1/uploads?zone=%00',
      payload: { sha1: randomBytes(20).toString('hex'), size: 1 },
    });
    expectErrorShape(res, 400, 'INVALID_REQUEST');
  });

  it('refuses a NUL in a signed finalizeFileUpload objectKey with 400, not 500', async () => {
    const payload = {
      type: 'finalizeFileUpload',
      timestamp: Date.now(),
      zone: zone.zoneName,
      objectKey: 'staging/\u0000',
      hashAlg: 'sha1',
      hash: randomBytes(20).toString('hex'),
      size: 1,
    };
    const res = await zone.app.inject({
      method: 'POST',
      url: '/api/gateway',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(signEnvelope(payload, registered)),
    });
    expectErrorShape(res, 400, 'INVALID_REQUEST');
  });

  it('refuses a NUL in a registration label with 400, not 500', async () => {
    const keys = createKeyPair();
    const signature = signPayload({ type: 'addClient' }, keys.privateKey);
    const res = await zone.app.inject({
      method: 'GET',
      url: `/registerClient/${keys.publicKey}?signature=${signature}&zone=${zone.zoneName}&label=a%00b`,
    });
    expectErrorShape(res, 400, 'INVALID_REQUEST');
  });

  it.each([
    ['GET', '/sha1/%zz'],
    ['GET', '/sha1/%E0%A4%A'],
    ['PUT', '/api/v1/uploads/%zz'],
    ['POST', '/api/v1/uploads/%ED%A0%80/finalize'],
    ['GET', '/registerClient/%ff'],
  ] as const)('answers a malformed percent-encoding in the path in the one error shape: %s %s', async (method, url) => {
    expectErrorShape(await zone.app.inject({ method, url }), 400, 'INVALID_REQUEST');
  });

  it.each([
    ['GET', `/sha1/${'a'.repeat(101)}`],
    ['GET', `/api/v1/blobs/${'a'.repeat(101)}`],
    ['POST', `/api/v1/uploads/${'a'.repeat(101)}/finalize`],
    ['GET', `/registerClient/${'a'.repeat(101)}`],
  ] as const)('answers a path parameter over 100 characters in the one error shape: %s %s', async (method, url) => {
    expectErrorShape(await zone.app.inject({ method, url }), 400, 'INVALID_REQUEST');
  });
});
