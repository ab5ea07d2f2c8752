import { createHash } from 'node:crypto';
import {
  type CurationServiceQuery,
  type CurationServiceResult,
  createFigureHost,
  createFigureUriScope,
  type FigureHostIo,
  FigurlError,
  messageToChildSchema,
} from '@figurl/sdk';
import { describe, expect, it } from 'vitest';

/*
 * The figurl-curation service of the figure host (docs/protocol.md §13): queries are validated,
 * a plugin reaches only curations its figure names as curation://<id> or that it created on the
 * page, and answers are `{type, result}` or `{type, errorMessage: "<CODE>: <message>"}`.
 */

const figureId = 'curationfig';
const named = 'abcdefghijkl';
const other = 'zyxwvutsrqpo';
const created = 'createdcurat';
const encode = (text: string) => new TextEncoder().encode(text);
const sha1 = (bytes: Uint8Array) => createHash('sha1').update(bytes).digest('hex');

const stateOf = (curationId: string, version = 0) => ({ curationId, version, state: {} });

function harness(
  options: {
    files?: Record<string, Uint8Array>;
    dataUri?: string;
    initialState?: Record<string, unknown>;
    curation?: ((query: CurationServiceQuery) => Promise<CurationServiceResult>) | null;
  } = {},
) {
  const posted: unknown[] = [];
  const queries: CurationServiceQuery[] = [];
  const answer =
    options.curation ??
    (async (query: CurationServiceQuery): Promise<CurationServiceResult> => {
      if (query.op === 'create') return stateOf(created);
      if (query.op === 'watch') return { ...stateOf(query.curationId, 1), actions: [] };
      if (query.op === 'get') return { ...stateOf(query.curationId), label: null, owner: 'alice' };
      return stateOf(query.curationId, 1);
    });
  const io: FigureHostIo = {
    post: (message) => posted.push(message),
    async load(uri) {
      const bytes = options.files?.[uri];
      if (bytes === undefined) throw new FigurlError('NOT_FOUND', `no ${uri}`);
      return bytes;
    },
    fileDataUrl: async (uri) => uri,
    storeFile: async () => undefined,
    storeGithubFile: async () => {},
    setUrlState: () => {},
    postMessageToParent: () => {},
    onFigureError: () => {},
    sha1: async (bytes) => sha1(bytes),
    now: () => 0,
    ...(options.curation === null
      ? {}
      : {
          curation: (query: CurationServiceQuery) => {
            queries.push(query);
            return answer(query);
          },
        }),
  };
  const host = createFigureHost({ figureId, dataUri: options.dataUri, initialState: options.initialState, io });
  let next = 0;
  /** Sends one serviceQuery and resolves with the host's answer to it. */
  const ask = async (query: unknown, serviceName = 'figurl-curation') => {
    const requestId = `r${next++}`;
    host.handleMessage({
      type: 'figurlRequest',
      figureId,
      requestId,
      request: { type: 'serviceQuery', serviceName, query, figurlProtocolVersion: 'p1' },
    });
    for (let i = 0; i < 200; i++) {
      const found = posted.find((m) => (m as { requestId?: string }).requestId === requestId);
      if (found !== undefined) {
        expect(messageToChildSchema.safeParse(found).success).toBe(true);
        return (found as { response: Record<string, unknown> }).response;
      }
      await new Promise((r) => setTimeout(r, 1));
    }
    throw new Error(`no answer to ${requestId}`);
  };
  return { ask, queries, host };
}

describe('figurl-curation: which curations a plugin may use', () => {
  it('one the state names as curation://<id>, and nothing else', async () => {
    const h = harness({ initialState: { curation: `curation://${named}` } });
    expect(await h.ask({ op: 'get', curationId: named })).toEqual({
      type: 'serviceQuery',
      result: { curationId: named, version: 0, state: {}, label: null, owner: 'alice' },
    });
    for (const query of [
      { op: 'get', curationId: other },
      { op: 'act', curationId: other, actions: [{ type: 'CLOSE_CURATION' }] },
      { op: 'watch', curationId: other, afterVersion: 0 },
    ]) {
      expect(await h.ask(query)).toEqual({
        type: 'serviceQuery',
        errorMessage: `FORBIDDEN: refused to ${query.op} curation ${other}: this figure does not name curation://${other}`,
      });
    }
    // Refused before the shell is asked.
    expect(h.queries.map((q) => q.op)).toEqual(['get']);
  });

  it('one named in the figure data or a text file it loaded', async () => {
    const fileUri = `sha1://${sha1(encode('see curation://zyxwvutsrqpo.'))}`;
    const data = encode(JSON.stringify({ curation: `curation://${named}`, notes: fileUri }));
    const dataUri = `sha1://${sha1(data)}`;
    const h = harness({ dataUri, files: { [dataUri]: data, [fileUri]: encode('see curation://zyxwvutsrqpo.') } });
    expect((await h.ask({ op: 'get', curationId: named })).errorMessage).toMatch(/^FORBIDDEN/);
    h.host.handleMessage({ type: 'figurlRequest', figureId, requestId: 'fig', request: { type: 'getFigureData' } });
    await new Promise((r) => setTimeout(r, 20));
    expect((await h.ask({ op: 'get', curationId: named })).result).toMatchObject({ curationId: named });
    expect((await h.ask({ op: 'get', curationId: other })).errorMessage).toMatch(/^FORBIDDEN/);
    h.host.handleMessage({
      type: 'figurlRequest',
      figureId,
      requestId: 'txt',
      request: { type: 'getFileData', uri: fileUri, responseType: 'text' },
    });
    await new Promise((r) => setTimeout(r, 20));
    expect((await h.ask({ op: 'get', curationId: other })).result).toMatchObject({ curationId: other });
  });

  it('one it created on this page', async () => {
    const h = harness();
    const watch = { op: 'watch', curationId: created, afterVersion: 0 };
    expect((await h.ask(watch)).errorMessage).toMatch(/^FORBIDDEN/);
    const answer = await h.ask({ op: 'create', label: 'sorting 12', initial: { labelsByUnit: { '1': ['mua'] } } });
    expect(answer).toEqual({ type: 'serviceQuery', result: stateOf(created) });
    expect(h.queries[0]).toEqual({ op: 'create', label: 'sorting 12', initial: { labelsByUnit: { '1': ['mua'] } } });
    expect(await h.ask(watch)).toEqual({ type: 'serviceQuery', result: { ...stateOf(created, 1), actions: [] } });
    // Another page's host has not seen that create.
    expect((await harness().ask(watch)).errorMessage).toMatch(/^FORBIDDEN/);
  });

  it('reads curation:// exactly: 12 lowercase letters, nothing run on', () => {
    const scope = createFigureUriScope();
    scope.addNamedIn('{"a":"curation://abcdefghijklm","b":"curation://ABCDEFGHIJKL","c":"curation://zyxwvutsrqpo"}');
    expect(scope.has('curation://abcdefghijkl')).toBe(false);
    expect(scope.has('curation://abcdefghijklm')).toBe(false);
    expect(scope.has('curation://zyxwvutsrqpo')).toBe(true);
    scope.add('curation://abcdefghijkl');
    expect(scope.has('curation://abcdefghijkl')).toBe(true);
    // Not a sha1 or a URL: naming one does not name a file of the same letters.
    expect(scope.has('gh://abcdefghijkl')).toBe(false);
  });
});

describe('figurl-curation: what the host checks and answers', () => {
  const act = (extra: Record<string, unknown>) => ({
    op: 'act',
    curationId: named,
    actions: [{ type: 'ADD_UNIT_LABEL', unitId: 1, label: 'accept' }],
    ...extra,
  });

  it('validates the query, naming the field and the expectation', async () => {
    const h = harness({ initialState: { c: `curation://${named}` } });
    const cases: Array<[unknown, string]> = [
      [{ op: 'delete', curationId: named }, 'op "delete": expected op "create", "get", "act" or "watch"'],
      [{ op: 'get', curationId: 'ABC' }, 'curationId "ABC": expected a feed id of 12 lowercase letters'],
      [act({ actions: [] }), 'actions'],
      [act({ actions: [{ type: 'MERGE_UNITS', unitId: 3 }] }), 'actions.0'],
      [act({ ifVersion: -1 }), 'ifVersion -1'],
      [act({ extra: true }), 'unexpected field "extra"'],
      [{ op: 'watch', curationId: named, afterVersion: 0, waitSeconds: 26 }, 'waitSeconds 26'],
      [{ op: 'watch', curationId: named }, 'afterVersion missing'],
      ['get', 'expected'],
    ];
    for (const [query, message] of cases) {
      const answer = await h.ask(query);
      expect(Object.keys(answer).sort(), JSON.stringify(query)).toEqual(['errorMessage', 'type']);
      expect(answer.errorMessage, JSON.stringify(query)).toMatch(/^INVALID_REQUEST: invalid figurl-curation query: /);
      expect(answer.errorMessage, JSON.stringify(query)).toContain(message);
    }
    expect(h.queries).toEqual([]);
    expect((await h.ask(act({ ifVersion: 3 }))).result).toEqual(stateOf(named, 1));
    expect(h.queries).toEqual([act({ ifVersion: 3 })]);
  });

  it("passes the shell's errors on with their code first", async () => {
    const h = harness({
      initialState: { c: `curation://${named}` },
      curation: async () => {
        throw new FigurlError('CONFLICT', `curation ${named} is at version 4, not 3: read it again and retry`);
      },
    });
    expect(await h.ask(act({ ifVersion: 3 }))).toEqual({
      type: 'serviceQuery',
      errorMessage: `CONFLICT: curation ${named} is at version 4, not 3: read it again and retry`,
    });
  });

  it('keeps the rtcshare answer for other services, and says when the shell offers no curation', async () => {
    const h = harness({ initialState: { c: `curation://${named}` } });
    expect((await h.ask({ path: '/' }, 'rtcshare')).errorMessage).toMatch(/no rtcshare service hub/);
    expect(h.queries).toEqual([]);
    const none = harness({ initialState: { c: `curation://${named}` }, curation: null });
    expect(await none.ask({ op: 'get', curationId: named })).toEqual({
      type: 'serviceQuery',
      errorMessage: 'UNAVAILABLE: this shell offers no figurl-curation service',
    });
  });
});
