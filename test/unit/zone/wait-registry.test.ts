import { describe, expect, test } from 'vitest';
import { createWaitRegistry } from '../../../zone/src/notify/wait-registry.js';

describe('createWaitRegistry', () => {
  test('wakes only the waiters of a key that the filter accepts; the others time out', async () => {
    const waiters = createWaitRegistry<string, number>();
    const low = waiters.wait('feed', 1, 200);
    const high = waiters.wait('feed', 5, 200);
    const other = waiters.wait('other', 0, 200);
    waiters.wake('feed', (count) => 3 > count);
    expect(await low).toBe(true);
    expect(await high).toBe(false);
    expect(await other).toBe(false);
  });

  test('abort, close and wakeAll end waits; after close every wait ends at once', async () => {
    const waiters = createWaitRegistry<string, undefined>();
    const controller = new AbortController();
    const aborted = waiters.wait('a', undefined, 10_000, controller.signal);
    controller.abort();
    expect(await aborted).toBe(false);
    const all = [waiters.wait('a', undefined, 10_000), waiters.wait('b', undefined, 10_000)];
    waiters.wakeAll();
    expect(await Promise.all(all)).toEqual([true, true]);
    const pending = waiters.wait('c', undefined, 10_000);
    waiters.close();
    expect(await pending).toBe(false);
    const started = Date.now();
    expect(await waiters.wait('d', undefined, 10_000)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
