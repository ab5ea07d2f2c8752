import { describe, expect, it } from 'vitest';
import { createKeyedLock } from '../../../bot/src/lib/keyed-lock.js';
import { createDeliveryQueue } from '../../../bot/src/webhooks/delivery-queue.js';
import { createLruSet } from '../../../bot/src/webhooks/lru-set.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('createLruSet', () => {
  it('reports repeats and forgets the least recently seen beyond its size', () => {
    const seen = createLruSet(2);
    expect(seen.add('a')).toBe(true);
    expect(seen.add('b')).toBe(true);
    expect(seen.add('a')).toBe(false); // a is now the most recent
    expect(seen.add('c')).toBe(true); // evicts b
    expect(seen.has('b')).toBe(false);
    expect(seen.has('a')).toBe(true);
    expect(seen.size).toBe(2);
  });
});

describe('createDeliveryQueue', () => {
  it('runs at most `concurrencyPerKey` tasks of one installation while others proceed', async () => {
    const queue = createDeliveryQueue({ concurrencyPerKey: 1, maxConcurrency: 10 });
    const running = new Map<string, number>();
    let maxSameKey = 0;
    const releases: Array<() => void> = [];
    const task = (key: string) => async () => {
      running.set(key, (running.get(key) ?? 0) + 1);
      maxSameKey = Math.max(maxSameKey, running.get(key) ?? 0);
      await new Promise<void>((resolve) => releases.push(resolve));
      running.set(key, (running.get(key) ?? 1) - 1);
    };
    for (let i = 0; i < 3; i += 1) queue.push('a', task('a'));
    queue.push('b', task('b'));
    await tick();
    expect(running.get('a')).toBe(1);
    expect(running.get('b')).toBe(1);
    while (queue.pending > 0) {
      releases.shift()?.();
      await tick();
    }
    await queue.onIdle();
    expect(maxSameKey).toBe(1);
  });

  it('refuses work beyond maxPending and reports task errors without stopping', async () => {
    const errors: unknown[] = [];
    const queue = createDeliveryQueue({ maxPending: 2, onError: (error) => errors.push(error) });
    expect(queue.push('a', () => Promise.reject(new Error('boom')))).toBe(true);
    expect(queue.push('a', () => Promise.resolve())).toBe(true);
    expect(queue.push('a', () => Promise.resolve())).toBe(false);
    await queue.onIdle();
    expect(errors).toHaveLength(1);
    expect(queue.push('a', () => Promise.resolve())).toBe(true);
    await queue.onIdle();
  });
});

describe('createKeyedLock', () => {
  it('serializes one key and lets other keys run alongside, even after a failure', async () => {
    const withLock = createKeyedLock();
    const log: string[] = [];
    const step = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      log.push(`end ${name}`);
      if (name === 'a1') throw new Error('a1 failed');
    };
    await Promise.allSettled([
      withLock('a', step('a1', 20)),
      withLock('a', step('a2', 1)),
      withLock('b', step('b1', 5)),
    ]);
    expect(log.indexOf('start a2')).toBeGreaterThan(log.indexOf('end a1'));
    expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a1'));
  });
});
