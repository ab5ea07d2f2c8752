import { createFigurlBridge } from '@figurl/plugin-interface';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakePluginWindow, flush, shellOrigin } from './fake-plugin-window.js';

const base = `?parentOrigin=${encodeURIComponent(shellOrigin)}&figureId=fig1`;

afterEach(() => {
  vi.useRealTimers();
});

describe('plugin bridge: URL state', () => {
  it('starts from s in the query string, URL-encoded JSON', () => {
    const page = createFakePluginWindow(`${base}&s=${encodeURIComponent('{"section":"methods","zoom":2}')}`);
    const bridge = createFigurlBridge(page.win);
    expect(bridge.getUrlState()).toEqual({ section: 'methods', zoom: 2 });
    bridge.stop();
  });

  it('changes when the shell reports it, not when the plugin asks', async () => {
    const page = createFakePluginWindow(base);
    const bridge = createFigurlBridge(page.win);
    const seen: unknown[] = [];
    bridge.subscribe(() => seen.push(bridge.getUrlState()));
    const done = bridge.setUrlState({ section: 'results' });
    await flush();
    expect(page.lastRequest().request).toEqual({
      type: 'setUrlState',
      state: { section: 'results' },
      figurlProtocolVersion: 'p1',
    });
    expect(bridge.getUrlState()).toEqual({});
    page.respond(page.lastRequest().requestId, { type: 'setUrlState' });
    page.deliver({ type: 'reportUrlStateChange', state: { section: 'results' } });
    await done;
    expect(bridge.getUrlState()).toEqual({ section: 'results' });
    // Back: the shell reports the earlier state without being asked.
    page.deliver({ type: 'reportUrlStateChange', state: {} });
    expect(bridge.getUrlState()).toEqual({});
    expect(seen).toEqual([{ section: 'results' }, {}]);
    bridge.stop();
  });

  it('keeps the same state object between changes (what useSyncExternalStore needs)', () => {
    const page = createFakePluginWindow(`${base}&s=${encodeURIComponent('{"a":1}')}`);
    const bridge = createFigurlBridge(page.win);
    expect(bridge.getUrlState()).toBe(bridge.getUrlState());
    bridge.stop();
  });

  it('applies the state itself when an old shell answers but never reports', async () => {
    vi.useFakeTimers();
    const page = createFakePluginWindow(base);
    const bridge = createFigurlBridge(page.win, { urlStateReportGraceMs: 500 });
    const done = bridge.setUrlState({ section: 'intro' });
    await flush();
    page.respond(page.lastRequest().requestId, { type: 'setUrlState' });
    await done;
    await vi.advanceTimersByTimeAsync(499);
    expect(bridge.getUrlState()).toEqual({});
    await vi.advanceTimersByTimeAsync(1);
    expect(bridge.getUrlState()).toEqual({ section: 'intro' });
    bridge.stop();
  });

  it('keeps URL state in the page in standalone mode', async () => {
    const page = createFakePluginWindow('?test=1');
    const bridge = createFigurlBridge(page.win, { standalone: { figureData: {}, urlState: { section: 'a' } } });
    expect(bridge.getUrlState()).toEqual({ section: 'a' });
    await bridge.setUrlState({ section: 'b' });
    expect(bridge.getUrlState()).toEqual({ section: 'b' });
  });
});

describe('plugin interface: nothing at import time', () => {
  it('adds no listener until the first figurl call', async () => {
    const page = createFakePluginWindow(base);
    const addEventListener = vi.spyOn(page.win, 'addEventListener');
    vi.stubGlobal('window', page.win);
    try {
      vi.resetModules();
      const figurl = await import('@figurl/plugin-interface');
      expect(addEventListener).not.toHaveBeenCalled();
      const data = figurl.getFigureData();
      expect(addEventListener).toHaveBeenCalledTimes(1);
      expect(figurl.getFigurlBridge()).toBe(figurl.startFigurlBridge());
      expect(() => figurl.startFigurlBridge({ protocol: 'legacy' })).toThrow(/after the bridge had started/);
      figurl.stopFigurlBridge();
      await expect(data).rejects.toMatchObject({ reason: 'stopped' });
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('plugin interface: no-eval', () => {
  it('turns zod JIT off through the global config zod reads', async () => {
    const { config } = await import('zod');
    const before = config().jitless;
    try {
      await import('@figurl/plugin-interface/no-eval');
      expect(config().jitless).toBe(true);
    } finally {
      config({ jitless: before });
    }
  });
});
