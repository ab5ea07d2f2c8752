import {
  curationService,
  defaultRequestTimeouts,
  FigurlRequestError,
  serviceQuery,
  stopFigurlBridge,
} from '@figurl/plugin-interface';
import { curationWatchMaxSeconds } from '@figurl/sdk/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakePluginWindow, flush, shellOrigin } from './fake-plugin-window.js';

/*
 * serviceQuery and the typed curationService of the plugin library: the request they post, the
 * answers they accept, the error code they pass on, and timeouts long enough for a watch.
 */

const curationId = 'abcdefghijkl';
let page: ReturnType<typeof createFakePluginWindow>;

beforeEach(() => {
  page = createFakePluginWindow(`?parentOrigin=${encodeURIComponent(shellOrigin)}&figureId=fig1`);
  vi.stubGlobal('window', page.win);
});
afterEach(() => {
  stopFigurlBridge();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** Answers the last request with a serviceQuery response. */
async function answer(response: Record<string, unknown>) {
  await flush();
  const { requestId, request } = page.lastRequest();
  page.respond(requestId, { type: 'serviceQuery', ...response });
  return request;
}

describe('curationService', () => {
  it('posts a figurl-curation serviceQuery and returns the typed result', async () => {
    const acted = curationService.act(curationId, [{ type: 'ADD_UNIT_LABEL', unitId: 3, label: 'accept' }], {
      ifVersion: 2,
    });
    const request = await answer({ result: { curationId, version: 3, state: { labelsByUnit: { '3': ['accept'] } } } });
    expect(request).toEqual({
      type: 'serviceQuery',
      serviceName: 'figurl-curation',
      query: { op: 'act', curationId, actions: [{ type: 'ADD_UNIT_LABEL', unitId: 3, label: 'accept' }], ifVersion: 2 },
      figurlProtocolVersion: 'p1',
    });
    expect(await acted).toEqual({ curationId, version: 3, state: { labelsByUnit: { '3': ['accept'] } } });

    const created = curationService.create({ label: 'sorting 12' });
    expect(await answer({ result: { curationId, version: 0, state: {} } })).toMatchObject({
      query: { op: 'create', label: 'sorting 12' },
    });
    expect((await created).curationId).toBe(curationId);

    const watched = curationService.watch(curationId, 3, { waitSeconds: 5 });
    const action = { seq: 3, author: 'bob', timestamp: 1_795_252_800_123, action: { type: 'CLOSE_CURATION' } };
    expect(
      await answer({ result: { curationId, version: 4, state: { isClosed: true }, actions: [action] } }),
    ).toMatchObject({ query: { op: 'watch', curationId, afterVersion: 3, waitSeconds: 5 } });
    expect((await watched).actions).toEqual([action]);
  });

  it("passes the shell's error code on: CONFLICT for a stale version", async () => {
    const acted = curationService.act(curationId, [{ type: 'CLOSE_CURATION' }], { ifVersion: 1 });
    await answer({ errorMessage: `CONFLICT: curation ${curationId} is at version 2, not 1: read it again and retry` });
    const err = await acted.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FigurlRequestError);
    expect(err).toMatchObject({ code: 'CONFLICT', reason: 'shell-error', requestType: 'serviceQuery' });
    expect((err as Error).message).toContain('is at version 2, not 1');
  });

  it('refuses an answer that is not the documented result', async () => {
    const got = curationService.get(curationId);
    await answer({ result: { curationId, version: 0, state: {} } });
    await expect(got).rejects.toMatchObject({ reason: 'invalid-response' });
  });

  it('gives a watch time: the default waits 5 minutes, timeoutMs sets another', async () => {
    expect(defaultRequestTimeouts.serviceQuery).toBeGreaterThan(2 * curationWatchMaxSeconds * 1000);
    vi.useFakeTimers();
    const watched = curationService.watch(curationId, 0, { waitSeconds: 25 });
    await flush();
    await vi.advanceTimersByTimeAsync(60_000);
    await answer({ result: { curationId, version: 0, state: {}, actions: [] } });
    expect((await watched).version).toBe(0);

    const short = curationService.watch(curationId, 0, { timeoutMs: 1000 });
    const failed = short.catch((e: unknown) => e);
    await flush();
    await vi.advanceTimersByTimeAsync(1001);
    expect(await failed).toMatchObject({ reason: 'timeout' });
  });
});

describe('serviceQuery', () => {
  it('returns any service result as it came, and has no code for uncoded errors', async () => {
    const result = serviceQuery('other', { path: '/' });
    expect(await answer({ result: [1, 2] })).toMatchObject({ serviceName: 'other', query: { path: '/' } });
    expect(await result).toEqual([1, 2]);
    const refused = serviceQuery('rtcshare', {});
    await answer({ errorMessage: 'this shell has no rtcshare service hub: …' });
    await expect(refused).rejects.toMatchObject({ code: undefined, reason: 'shell-error' });
  });
});
