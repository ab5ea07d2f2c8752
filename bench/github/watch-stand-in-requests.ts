import type { LoggedRequest } from '../../test/support/github-stand-in.js';

export interface StandInRequestWatch {
  /**
   * Resolves with the `performance.now()` at which the stand-in logged the next request that
   * matches (it logs a request once it has carried it out, just before answering); rejects after
   * `timeoutMs`. Call it before causing the request.
   */
  next(match: (request: LoggedRequest) => boolean, timeoutMs: number, what: string): Promise<number>;
}

/**
 * A hook on the stand-in's request log (the array it appends every answered request to): the
 * moment a request lands, in this process's clock, without touching the stand-in. The bench's
 * "GitHub received the comment's PATCH" is read here.
 *
 * @example
 * const watch = watchStandInRequests(gh.requests);
 * const patched = watch.next((r) => r.method === 'PATCH', 10_000, 'the PATCH');
 */
export function watchStandInRequests(requests: readonly LoggedRequest[]): StandInRequestWatch {
  const log = requests as LoggedRequest[];
  const waiters = new Set<{ match: (request: LoggedRequest) => boolean; resolve: (at: number) => void }>();
  const push = log.push.bind(log);
  log.push = (...items: LoggedRequest[]) => {
    const at = performance.now();
    for (const item of items) {
      for (const waiter of waiters) {
        if (!waiter.match(item)) continue;
        waiters.delete(waiter);
        waiter.resolve(at);
      }
    }
    return push(...items);
  };
  return {
    next(match, timeoutMs, what) {
      return new Promise<number>((resolve, reject) => {
        const waiter = {
          match,
          resolve: (at: number) => {
            clearTimeout(timer);
            resolve(at);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`${what}: not seen by the GitHub stand-in within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
  };
}
