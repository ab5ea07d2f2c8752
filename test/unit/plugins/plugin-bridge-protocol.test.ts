import { deflateSync } from 'node:zlib';
import { createFigurlBridge, FigurlRequestError } from '@figurl/plugin-interface';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakePluginWindow, flush, shellOrigin } from './fake-plugin-window.js';

const query = `?parentOrigin=${encodeURIComponent(shellOrigin)}&figureId=fig1`;

afterEach(() => {
  vi.useRealTimers();
});

describe('plugin bridge: request shapes of both protocol generations', () => {
  it('p1 marks every request with figurlProtocolVersion "p1" and asks getFileData for json', async () => {
    const page = createFakePluginWindow(query);
    const bridge = createFigurlBridge(page.win);
    bridge.getFigureData().catch(() => {});
    await flush();
    expect(page.posted[0]).toEqual({
      targetOrigin: shellOrigin,
      message: {
        type: 'figurlRequest',
        figureId: 'fig1',
        requestId: expect.stringMatching(/^[A-Za-z]{10}$/),
        request: { type: 'getFigureData', figurlProtocolVersion: 'p1' },
      },
    });
    bridge.getFileData('sha1://0123456789abcdef0123456789abcdef01234567').catch(() => {});
    await flush();
    expect(page.lastRequest().request).toEqual({
      type: 'getFileData',
      uri: 'sha1://0123456789abcdef0123456789abcdef01234567',
      responseType: 'json',
      figurlProtocolVersion: 'p1',
    });
    bridge.stop();
  });

  it('legacy sends no figurlProtocolVersion key and leaves getFileData at the shell default', async () => {
    const page = createFakePluginWindow(query);
    const bridge = createFigurlBridge(page.win, { protocol: 'legacy' });
    bridge.getFigureData().catch(() => {});
    await flush();
    expect(page.lastRequest().request).toStrictEqual({ type: 'getFigureData' });
    bridge.getFileData('sha1://x').catch(() => {});
    await flush();
    expect(page.lastRequest().request).toStrictEqual({ type: 'getFileData', uri: 'sha1://x' });
    bridge.getFileData('sha1://x', { responseType: 'binary', startByte: 10, endByte: 20 }).catch(() => {});
    await flush();
    expect(page.lastRequest().request).toStrictEqual({
      type: 'getFileData',
      uri: 'sha1://x',
      responseType: 'binary',
      startByte: 10,
      endByte: 20,
    });
    bridge.stop();
  });

  it('refuses a byte range on JSON before asking the shell', async () => {
    const page = createFakePluginWindow(query);
    const bridge = createFigurlBridge(page.win);
    await expect(bridge.getFileData('sha1://x', { startByte: 0, endByte: 4 })).rejects.toThrow(
      /byte ranges of "sha1:\/\/x" need responseType "text" or "binary"/,
    );
    await flush();
    expect(page.requests()).toHaveLength(0);
    bridge.stop();
  });
});

describe('plugin bridge: responses', () => {
  it('matches each response to its request by requestId, in any order', async () => {
    const page = createFakePluginWindow(query);
    const bridge = createFigurlBridge(page.win);
    const a = bridge.getFileData('sha1://a', { responseType: 'text' });
    const b = bridge.getFileData('sha1://b', { responseType: 'text' });
    await flush();
    const [ra, rb] = page.requests() as { requestId: string }[];
    page.respond('ZZZZZZZZZZ', { type: 'getFileData', fileData: 'nobody asked' });
    page.respond(rb?.requestId ?? '', { type: 'getFileData', fileData: 'content of b' });
    page.respond(ra?.requestId ?? '', { type: 'getFileData', fileData: 'content of a' });
    await expect(a).resolves.toBe('content of a');
    await expect(b).resolves.toBe('content of b');
    bridge.stop();
  });

  it('turns an error answer into an error naming the URI', async () => {
    const page = createFakePluginWindow(query);
    const bridge = createFigurlBridge(page.win);
    const data = bridge.getFileData('sha1://gone');
    await flush();
    page.respond(page.lastRequest().requestId, { type: 'getFileData', errorMessage: 'not found' });
    await expect(data).rejects.toThrow('figurl: getFileData "sha1://gone" failed: not found');
    bridge.stop();
  });

  it('decodes ndarrays itself under p1, including zlib data_gzip_b64, and leaves them to a legacy shell', async () => {
    const bytes = new Uint8Array(new Float32Array([1.5, 2, 3, 4, 5, 6]).buffer);
    const encoded = {
      _type: 'ndarray',
      shape: [2, 3],
      dtype: 'float32',
      data_gzip_b64: deflateSync(bytes).toString('base64'),
    };
    const page = createFakePluginWindow(query);
    const bridge = createFigurlBridge(page.win);
    const data = bridge.getFigureData();
    await flush();
    page.respond(page.lastRequest().requestId, { type: 'getFigureData', figureData: { traces: encoded } });
    await expect(data).resolves.toEqual({
      traces: [
        [1.5, 2, 3],
        [4, 5, 6],
      ],
    });
    bridge.stop();

    const legacyPage = createFakePluginWindow(query);
    const legacy = createFigurlBridge(legacyPage.win, { protocol: 'legacy' });
    const raw = legacy.getFigureData();
    await flush();
    legacyPage.respond(legacyPage.lastRequest().requestId, { type: 'getFigureData', figureData: { traces: encoded } });
    await expect(raw).resolves.toEqual({ traces: encoded });
    legacy.stop();
  });
});

describe('plugin bridge: origin and source checks', () => {
  it('drops messages from another window or another origin', async () => {
    const page = createFakePluginWindow(query);
    const bridge = createFigurlBridge(page.win);
    const data = bridge.getFigureData();
    await flush();
    const { requestId } = page.lastRequest();
    const answer = { type: 'getFigureData', figureData: { spec: 'forged' } };
    page.respond(requestId, answer, { source: { postMessage() {} } }); // a sibling frame
    page.respond(requestId, answer, { source: null }); // e.g. a worker or extension
    page.respond(requestId, answer, { origin: 'https://evil.example' }); // the parent navigated away
    page.deliver({ type: 'setCurrentUser', userId: 'mallory' }, { origin: 'https://evil.example' });
    expect(bridge.getUserId()).toBeUndefined();
    page.respond(requestId, { type: 'getFigureData', figureData: { spec: 'real' } });
    await expect(data).resolves.toEqual({ spec: 'real' });
    bridge.stop();
  });

  it('accepts any origin from the parent when parentOrigin is *, and still checks the source', async () => {
    const page = createFakePluginWindow('?parentOrigin=*&figureId=fig1');
    const bridge = createFigurlBridge(page.win);
    page.deliver({ type: 'setCurrentUser', userId: 'alice' }, { origin: 'null' });
    page.deliver({ type: 'setCurrentUser', userId: 'mallory' }, { source: {} });
    expect(bridge.getUserId()).toBe('alice');
    bridge.getFigureData().catch(() => {});
    await flush();
    expect(page.posted[0]?.targetOrigin).toBe('*');
    bridge.stop();
  });

  it('talks to window.opener, and only to it, with useOpener=1', async () => {
    const page = createFakePluginWindow(`${query}&useOpener=1`, { topLevel: true, opener: true });
    const bridge = createFigurlBridge(page.win);
    expect(bridge.mode).toBe('embedded');
    page.deliver({ type: 'setCurrentUser', userId: 'from-parent' });
    page.deliver({ type: 'setCurrentUser', userId: 'from-opener' }, { source: page.opener });
    expect(bridge.getUserId()).toBe('from-opener');
    bridge.stop();
  });
});

describe('plugin bridge: strict validation', () => {
  it('fails a request at once when its answer has a key the protocol does not have', async () => {
    const page = createFakePluginWindow(query);
    const bridge = createFigurlBridge(page.win);
    const outer = bridge.getFigureData();
    await flush();
    page.deliver({
      type: 'figurlResponse',
      requestId: page.lastRequest().requestId,
      response: { type: 'getFigureData', figureData: {} },
      extra: null,
    });
    await expect(outer).rejects.toThrow(/answer to getFigureData is not a valid figurlResponse/);

    const inner = bridge.getFileData('sha1://a', { responseType: 'text' });
    await flush();
    page.respond(page.lastRequest().requestId, { type: 'getFileData', fileData: 'x', errorMessage: null });
    await expect(inner).rejects.toMatchObject({ reason: 'invalid-response', requestType: 'getFileData' });
    bridge.stop();
  });

  it('rejects an answer of the wrong type, and ignores other malformed messages', async () => {
    const page = createFakePluginWindow(query);
    const bridge = createFigurlBridge(page.win);
    const data = bridge.getFigureData();
    await flush();
    page.deliver({ type: 'setCurrentUser', userId: 'alice', accessToken: 'secret' });
    page.deliver({ type: 'newFeedMessages', feedId: 'f', position: 0, messages: [] });
    expect(bridge.getUserId()).toBeUndefined();
    page.respond(page.lastRequest().requestId, { type: 'getFileData', fileData: 'x' });
    await expect(data).rejects.toThrow('figurl: the shell answered getFigureData with a getFileData response');
    bridge.stop();
  });
});

describe('plugin bridge: timeouts', () => {
  it('fails a request the shell never answers, after 5 minutes for file data', async () => {
    vi.useFakeTimers();
    const page = createFakePluginWindow(query);
    const bridge = createFigurlBridge(page.win);
    const data = bridge.getFileData('sha1://slow');
    const failed = expect(data).rejects.toThrow(
      'figurl: no answer to getFileData "sha1://slow" from the shell within 300 s',
    );
    await vi.advanceTimersByTimeAsync(299_000);
    let settled = false;
    data.catch(() => {}).finally(() => (settled = true));
    await flush();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    await failed;
    await expect(data).rejects.toBeInstanceOf(FigurlRequestError);
    await expect(data).rejects.toMatchObject({ reason: 'timeout' });
    bridge.stop();
  });

  it('takes timeouts per request type and says when the page never booted', async () => {
    vi.useFakeTimers();
    const page = createFakePluginWindow('');
    const bridge = createFigurlBridge(page.win, { timeouts: { getFigureData: 2_000 } });
    const data = bridge.getFigureData();
    const failed = expect(data).rejects.toThrow(
      /within 2 s: this page never learned its figureId and parentOrigin \(neither in its query string nor from an initializeFigure message\)/,
    );
    await vi.advanceTimersByTimeAsync(2_000);
    await failed;
    bridge.stop();
  });
});

describe('plugin bridge: boot and standalone mode', () => {
  it('waits for the first initializeFigure from the parent when the query string lacks figureId or parentOrigin', async () => {
    const page = createFakePluginWindow(`?figureId=fig1`);
    const bridge = createFigurlBridge(page.win);
    const data = bridge.getFigureData();
    await flush();
    expect(page.requests()).toHaveLength(0);
    const init = {
      type: 'initializeFigure',
      parentOrigin: shellOrigin,
      figureId: 'abcdefghij',
      s: '%7B%22a%22%3A1%7D',
    };
    page.deliver(init, { source: {} }); // not from the parent
    page.deliver({ ...init, parentOrigin: 'https://other.example' }); // names an origin it is not from
    page.deliver({ ...init, extra: 1 }); // not the documented shape
    await flush();
    expect(page.requests()).toHaveLength(0);
    page.deliver(init);
    page.deliver({ ...init, figureId: 'second' }); // later ones are ignored
    await flush();
    expect(page.posted).toEqual([
      {
        targetOrigin: shellOrigin,
        message: expect.objectContaining({ figureId: 'abcdefghij', type: 'figurlRequest' }),
      },
    ]);
    expect(bridge.getUrlState()).toEqual({ a: 1 });
    page.respond(page.lastRequest().requestId, { type: 'getFigureData', figureData: { ok: true } });
    await expect(data).resolves.toEqual({ ok: true });
    bridge.stop();
  });

  it('prefers s from the query string over the one in initializeFigure', () => {
    const page = createFakePluginWindow(`?s=${encodeURIComponent('{"from":"query"}')}`);
    const bridge = createFigurlBridge(page.win);
    page.deliver({ type: 'initializeFigure', parentOrigin: '*', figureId: 'x', s: '{"from":"init"}' });
    expect(bridge.getUrlState()).toEqual({ from: 'query' });
    bridge.stop();
  });

  it('answers from standalone data with ?test=1 or without a parent, and posts nothing', async () => {
    const test = createFakePluginWindow(`${query}&test=1`);
    const bridge = createFigurlBridge(test.win, { standalone: { figureData: { spec: 'example' } } });
    expect(bridge.mode).toBe('standalone');
    await expect(bridge.getFigureData()).resolves.toEqual({ spec: 'example' });
    await expect(bridge.storeFile('text')).rejects.toMatchObject({ reason: 'not-embedded' });
    expect(test.posted).toHaveLength(0);
    expect(test.listenerCount()).toBe(0);

    const top = createFakePluginWindow('', { topLevel: true });
    const alone = createFigurlBridge(top.win);
    expect(alone.mode).toBe('standalone');
    await expect(alone.getFigureData()).rejects.toThrow(/not embedded in a figurl shell/);
  });

  it('stop removes its listener and fails what is still waiting', async () => {
    const page = createFakePluginWindow(query);
    const bridge = createFigurlBridge(page.win);
    expect(page.listenerCount()).toBe(1);
    const data = bridge.getFigureData();
    bridge.stop();
    expect(page.listenerCount()).toBe(0);
    await expect(data).rejects.toMatchObject({ reason: 'stopped' });
  });
});

describe('plugin bridge: events from the shell', () => {
  it('passes on download progress and messages for this figure', () => {
    const page = createFakePluginWindow(query);
    const bridge = createFigurlBridge(page.win);
    const progress = vi.fn();
    const messages = vi.fn();
    bridge.onFileDownloadProgress(progress);
    const off = bridge.onMessageToFrontend(messages);
    page.deliver({ type: 'fileDownloadProgress', uri: 'sha1://a', loaded: 5, total: 10 });
    page.deliver({ type: 'messageToFrontend', message: { type: 'SET_CURATION' }, figureId: 'fig1' });
    page.deliver({ type: 'messageToFrontend', message: { type: 'other figure' }, figureId: 'fig2' });
    page.deliver({ type: 'messageToFrontend', message: { type: 'no id' } });
    off();
    page.deliver({ type: 'messageToFrontend', message: { type: 'after off' } });
    expect(progress).toHaveBeenCalledWith({ uri: 'sha1://a', loaded: 5, total: 10 });
    expect(messages.mock.calls).toEqual([[{ type: 'SET_CURATION' }], [{ type: 'no id' }]]);
    bridge.stop();
  });
});
