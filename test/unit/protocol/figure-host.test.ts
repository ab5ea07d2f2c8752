import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import {
  createFigureHost,
  type FigureHostIo,
  type FigurlError,
  initializeFigureSchedule,
  messageToChildSchema,
} from '@figurl/sdk';
import { describe, expect, it } from 'vitest';

const figureId = 'abcdefghij';
const sha1 = (bytes: Uint8Array) => createHash('sha1').update(bytes).digest('hex');
const encode = (text: string) => new TextEncoder().encode(text);

interface Harness {
  posted: unknown[];
  errors: FigurlError[];
  urlStates: Array<{ state: Record<string, unknown>; replace: boolean }>;
  toParent: unknown[];
  host: ReturnType<typeof createFigureHost>;
  clock: { now: number };
  /** Resolves once the host has answered `count` requests or reported errors (both asynchronous). */
  settle(count: number): Promise<void>;
}

function harness(options: {
  files: Record<string, Uint8Array>;
  dataUri?: string | undefined;
  initialState?: Record<string, unknown> | undefined;
  storeFile?: (text: string) => Promise<string | undefined>;
  limits?: { requestsPerSecond?: number; burst?: number; maxFileBytes?: number } | undefined;
}): Harness {
  const posted: unknown[] = [];
  const errors: FigurlError[] = [];
  const urlStates: Harness['urlStates'] = [];
  const toParent: unknown[] = [];
  const clock = { now: 1000 };
  const io: FigureHostIo = {
    post: (message) => posted.push(message),
    async load(uri, { startByte, endByte, maxBytes, onProgress }) {
      const key = uri.replace(/\?.*$/, '');
      const bytes = options.files[key];
      if (bytes === undefined) throw Object.assign(new Error(`not found: ${uri}`), { code: 'NOT_FOUND' });
      if (bytes.byteLength > maxBytes) throw new Error('too large');
      onProgress?.(bytes.byteLength, bytes.byteLength);
      return bytes.subarray(startByte ?? 0, endByte ?? bytes.byteLength);
    },
    fileDataUrl: async (uri) => `https://zone.test/${uri}`,
    storeFile: options.storeFile ?? (async () => undefined),
    storeGithubFile: async () => {},
    setUrlState: (state, { replace }) => urlStates.push({ state, replace }),
    postMessageToParent: (message) => toParent.push(message),
    onFigureError: (error) => errors.push(error),
    sha1: async (bytes) => sha1(bytes),
    now: () => clock.now,
  };
  const host = createFigureHost({
    figureId,
    dataUri: options.dataUri,
    initialState: options.initialState,
    io,
    limits: options.limits,
  });
  return {
    posted,
    errors,
    urlStates,
    toParent,
    host,
    clock,
    async settle(count) {
      for (let i = 0; i < 200 && responses(posted).length + errors.length < count; i++)
        await new Promise((r) => setTimeout(r, 2));
    },
  };
}

function request(requestId: string, body: Record<string, unknown>) {
  return { type: 'figurlRequest', figureId, requestId, request: body };
}

function responses(posted: unknown[]) {
  return posted.filter((m) => (m as { type: string }).type === 'figurlResponse') as Array<{
    type: string;
    requestId: string;
    response: Record<string, unknown>;
  }>;
}

function recorded(file: string, dataUri: string): Array<Record<string, unknown>> {
  const text = readFileSync(new URL(`../../fixtures/protocol/${file}`, import.meta.url), 'utf8');
  return JSON.parse(text.replaceAll('{{figureId}}', figureId).replaceAll('{{dataUri}}', dataUri));
}

function ndarray(values: number[], shape: number[], dtype: 'float32' | 'int16' | 'float64', gzip: boolean) {
  const Ctor = { float32: Float32Array, int16: Int16Array, float64: Float64Array }[dtype];
  const bytes = Buffer.from(new Ctor(values).buffer);
  return gzip
    ? { _type: 'ndarray', shape, dtype, data_gzip_b64: deflateSync(bytes).toString('base64') }
    : { _type: 'ndarray', shape, dtype, data_b64: bytes.toString('base64') };
}

const childBytes = encode('{"ok":true}');
const childUri = `sha1://${sha1(childBytes)}`;
const figureJson = JSON.stringify({
  traces: ndarray([1, 2, 3, 4, 5, 6], [2, 3], 'float32', true),
  rates: ndarray([-1, 7], [2], 'int16', false),
  precise: ndarray([0.1, 0.2], [2], 'float64', true),
  child: childUri,
});
const figureBytes = encode(figureJson);
const dataUri = `sha1://${sha1(figureBytes)}`;

describe('figure host: recorded legacy requests (@figurl/interface 0.1.15)', () => {
  it('answers each with exactly the documented keys, deserializing ndarrays in the shell', async () => {
    const stored: string[] = [];
    const h = harness({
      files: { [dataUri]: figureBytes },
      dataUri,
      storeFile: async (text) => {
        stored.push(text);
        return undefined; // the user declined
      },
    });
    const messages = recorded('legacy-figurl-interface-0.1.15.json', dataUri);
    for (const message of messages) expect(h.host.handleMessage(message)).toBe(true);
    await h.settle(6);
    const byId = new Map(responses(h.posted).map((r) => [r.requestId, r]));

    // Every message to the plugin passes the strict schemas the plugin libraries validate with.
    for (const message of h.posted) {
      if ((message as { response?: { type?: string } }).response?.type === 'getMutable') continue;
      expect(messageToChildSchema.safeParse(message).success, JSON.stringify(message)).toBe(true);
    }
    const figure = byId.get('QbXhTzKaYw');
    expect(Object.keys(figure ?? {}).sort()).toEqual(['requestId', 'response', 'type']);
    expect(Object.keys(figure?.response ?? {}).sort()).toEqual(['figureData', 'type']);
    expect(figure?.response.figureData).toEqual({
      traces: [
        [1, 2, 3],
        [4, 5, 6],
      ],
      rates: [-1, 7],
      precise: [0.1, 0.2],
      child: childUri,
    });
    // getFileData defaults to json-deserialized for legacy plugins.
    expect(byId.get('hRtPlmNaQz')?.response.fileData).toMatchObject({ rates: [-1, 7] });
    expect(byId.get('vBnMkLoPiU')?.response).toEqual({ type: 'getFileData', fileData: figureJson.slice(2, 9) });
    expect(byId.get('ZxCvBnMaSd')?.response).toEqual({ type: 'setUrlState' });
    expect(h.urlStates).toEqual([{ state: { unitId: 3 }, replace: false }]);
    expect(h.posted).toContainEqual({ type: 'reportUrlStateChange', state: { unitId: 3 } });
    // Declined: the uri key is absent, not null or undefined.
    expect(byId.get('PoIuYtReWq')?.response).toStrictEqual({ type: 'storeFile' });
    expect(stored).toEqual(['{"labels":{}}']);
    // A removed request type gets an error, never silence.
    expect(byId.get('LkJhGfDsAa')?.response).toEqual({
      type: 'getMutable',
      errorMessage: expect.stringContaining('unknown request type "getMutable"'),
    });
    expect(h.errors).toEqual([]);
  });
});

describe('figure host: recorded p1 requests (@fi-sci/figurl-interface 0.1.6)', () => {
  it('answers raw JSON, binary ranges as ArrayBuffers, and forwards to the parent', async () => {
    const h = harness({ files: { [dataUri]: figureBytes }, dataUri });
    for (const message of recorded('p1-fi-sci-0.1.6.json', dataUri)) h.host.handleMessage(message);
    await h.settle(6);
    const byId = new Map(responses(h.posted).map((r) => [r.requestId, r]));
    for (const message of h.posted) expect(messageToChildSchema.safeParse(message).success).toBe(true);
    expect(byId.get('AbCdEfGhIj')?.response.figureData).toEqual(JSON.parse(figureJson));
    expect(byId.get('KlMnOpQrSt')?.response.fileData).toEqual(JSON.parse(figureJson));
    const binary = byId.get('UvWxYzAbCd')?.response.fileData;
    expect(binary).toBeInstanceOf(ArrayBuffer);
    expect(new TextDecoder().decode(binary as ArrayBuffer)).toBe(figureJson.slice(0, 4));
    // fi-sci marks setUrlState with '0.1.0': accepted, not refused as an unknown version.
    expect(byId.get('EfGhIjKlMn')?.response).toEqual({ type: 'setUrlState' });
    expect(byId.get('OpQrStUvWx')?.response).toEqual({ type: 'postMessageToParent' });
    expect(h.toParent).toEqual([{ type: 'submit-curation', curation: { labelsByUnit: {} } }]);
    expect(byId.get('YzAbCdEfGh')?.response).toEqual({
      type: 'readDir',
      errorMessage: expect.stringContaining('rtcshare'),
    });
  });

  it('refuses json-deserialized under p1 and ranges of JSON', async () => {
    const h = harness({ files: { [dataUri]: figureBytes }, dataUri });
    h.host.handleMessage(
      request('r1', {
        type: 'getFileData',
        uri: dataUri,
        responseType: 'json-deserialized',
        figurlProtocolVersion: 'p1',
      }),
    );
    h.host.handleMessage(
      request('r2', { type: 'getFileData', uri: dataUri, responseType: 'json', startByte: 0, endByte: 3 }),
    );
    await h.settle(2);
    const [first, second] = responses(h.posted);
    expect(first?.response.errorMessage).toMatch(/legacy only/);
    expect(second?.response.errorMessage).toMatch(/byte ranges are for responseType "text" or "binary"/);
  });
});

describe('figure host: what it refuses', () => {
  it('ignores messages of other figures and malformed envelopes', async () => {
    const h = harness({ files: { [dataUri]: figureBytes }, dataUri });
    expect(h.host.handleMessage({ ...request('x', { type: 'getFigureData' }), figureId: 'someoneelse' })).toBe(false);
    expect(h.host.handleMessage('getFigureData')).toBe(false);
    expect(h.host.handleMessage(null)).toBe(false);
    await new Promise((r) => setTimeout(r, 20));
    expect(h.posted).toEqual([]);
  });

  it('lets a plugin read only URIs its figure names (data, state, loaded JSON)', async () => {
    const secret = encode('private');
    const secretUri = `sha1://${sha1(secret)}`;
    const h = harness({
      files: { [dataUri]: figureBytes, [childUri]: childBytes, [secretUri]: secret },
      dataUri,
      initialState: { curation: 'gh://lab/cur/main/c.json' },
    });
    h.host.handleMessage(request('secret-before', { type: 'getFileData', uri: secretUri, responseType: 'text' }));
    h.host.handleMessage(request('link', { type: 'getFileDataUrl', uri: secretUri }));
    h.host.handleMessage(request('gh', { type: 'getFileData', uri: 'gh://victim/private/main/x.json' }));
    await h.settle(3);
    for (const r of responses(h.posted)) expect(String(r.response.errorMessage)).toMatch(/does not name it/);
    // The child URI is named inside the figure's data: readable once the data is loaded.
    h.host.handleMessage(request('fig', { type: 'getFigureData' }));
    await h.settle(4);
    h.host.handleMessage(request('child', { type: 'getFileData', uri: `${childUri}?label=child.json` }));
    await h.settle(5);
    const byId = new Map(responses(h.posted).map((r) => [r.requestId, r]));
    expect(byId.get('child')?.response).toEqual({ type: 'getFileData', fileData: { ok: true } });
    // But the secret still is not: naming a URI in a request does not add it.
    h.host.handleMessage(request('secret-after', { type: 'getFileData', uri: secretUri, responseType: 'text' }));
    await h.settle(6);
    expect(responses(h.posted).at(-1)?.response.errorMessage).toMatch(/does not name it/);
  });

  it('never renders data whose hash does not match: the user is told, the plugin gets an error', async () => {
    const tampered = encode('{"spec":"evil"}');
    const h = harness({ files: { [dataUri]: tampered }, dataUri });
    h.host.handleMessage(request('fig', { type: 'getFigureData' }));
    h.host.handleMessage(request('file', { type: 'getFileData', uri: dataUri }));
    await h.settle(3);
    expect(responses(h.posted).map((r) => r.response.type)).toEqual(['getFileData']);
    expect(responses(h.posted)[0]?.response.errorMessage).toMatch(/does not match its hash/);
    expect(h.errors.map((e) => e.code)).toEqual(['HASH_MISMATCH', 'HASH_MISMATCH']);
  });

  it('follows a gh:// .uri pointer to its sha1:// content and verifies that content', async () => {
    const pointer = 'gh://lab/curations/main/unit-7.uri';
    const good = harness({
      files: { [dataUri]: figureBytes, [pointer]: encode(`${childUri}\n`), [childUri]: childBytes },
      dataUri,
      initialState: { curation: pointer },
    });
    good.host.handleMessage(request('p', { type: 'getFileData', uri: pointer, responseType: 'json' }));
    await good.settle(1);
    expect(responses(good.posted)[0]?.response).toEqual({ type: 'getFileData', fileData: { ok: true } });

    const tampered = harness({
      files: { [pointer]: encode(childUri), [childUri]: encode('{"ok":false}') },
      dataUri: undefined,
      initialState: { curation: pointer },
    });
    tampered.host.handleMessage(request('p', { type: 'getFileData', uri: pointer, responseType: 'json' }));
    await tampered.settle(2);
    expect(responses(tampered.posted)[0]?.response.errorMessage).toMatch(/does not match its hash/);
    expect(tampered.errors.map((e) => e.code)).toEqual(['HASH_MISMATCH']);
  });

  it('skips verification for byte ranges (a part cannot be hashed against the whole)', async () => {
    const h = harness({ files: { [dataUri]: figureBytes }, dataUri });
    h.host.handleMessage(
      request('r', { type: 'getFileData', uri: dataUri, responseType: 'text', startByte: 0, endByte: 1 }),
    );
    await h.settle(1);
    expect(responses(h.posted)[0]?.response).toEqual({ type: 'getFileData', fileData: '{' });
  });

  it('rate-limits a flood, then recovers', async () => {
    const h = harness({ files: { [dataUri]: figureBytes }, dataUri, limits: { requestsPerSecond: 10, burst: 20 } });
    for (let i = 0; i < 100; i++) h.host.handleMessage(request(`f${i}`, { type: 'getFileDataUrl', uri: dataUri }));
    await h.settle(100);
    const limited = responses(h.posted).filter((r) => String(r.response.errorMessage).includes('too many requests'));
    expect(limited).toHaveLength(80);
    h.clock.now += 1000;
    h.host.handleMessage(request('later', { type: 'getFileDataUrl', uri: dataUri }));
    await h.settle(101);
    expect(responses(h.posted).at(-1)?.response).toEqual({
      type: 'getFileDataUrl',
      fileDataUrl: `https://zone.test/${dataUri}`,
    });
  });

  it('refuses unsupported protocol versions on getFigureData by telling the user', async () => {
    const h = harness({ files: { [dataUri]: figureBytes }, dataUri });
    h.host.handleMessage(request('v', { type: 'getFigureData', figurlProtocolVersion: 'p9' }));
    await h.settle(1);
    expect(h.errors[0]?.message).toMatch(/unsupported figurl protocol version "p9"/);
  });

  it('answers bad request fields with an error naming the field', async () => {
    const h = harness({ files: {}, dataUri: undefined });
    h.host.handleMessage(request('bad', { type: 'getFileData', uri: 42 }));
    h.host.handleMessage(request('none', { type: 'getFigureData' }));
    await h.settle(2);
    const byId = new Map(responses(h.posted).map((r) => [r.requestId, r]));
    expect(byId.get('bad')?.response.errorMessage).toMatch(/invalid getFileData request: uri/);
    // No `d`: figure data is {} (figurl3).
    expect(byId.get('none')?.response).toEqual({ type: 'getFigureData', figureData: {} });
  });

  it('coalesces a burst of setUrlState into history replacements', async () => {
    const h = harness({ files: {}, dataUri: undefined });
    for (let i = 0; i < 5; i++) {
      h.host.handleMessage(request(`s${i}`, { type: 'setUrlState', state: { i } }));
      h.clock.now += 10;
    }
    h.clock.now += 1000;
    h.host.handleMessage(request('s-late', { type: 'setUrlState', state: { i: 99 } }));
    await h.settle(12);
    expect(h.urlStates.map((u) => u.replace)).toEqual([false, true, true, true, true, false]);
  });

  it('sends setCurrentUser with the login only', () => {
    const h = harness({ files: {}, dataUri: undefined });
    h.host.setCurrentUser('octocat');
    h.host.setCurrentUser(undefined);
    expect(h.posted).toEqual([{ type: 'setCurrentUser', userId: 'octocat' }, { type: 'setCurrentUser' }]);
  });
});

describe('initializeFigure schedule', () => {
  it('follows figurl3: 50 ms to 0.3 s, 200 ms to 1 s, 500 ms to 5 s, then 5 s to 30 s', () => {
    const times = initializeFigureSchedule();
    expect(times.slice(0, 7)).toEqual([0, 50, 100, 150, 200, 250, 300]);
    expect(times).toContain(900);
    expect(times).toContain(5000);
    expect(times.at(-1)).toBe(30_000);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });
});
