export interface DeliveryQueueOptions {
  /** Tasks of one key (an installation) running at once. Default 2. */
  concurrencyPerKey?: number;
  /** Tasks running at once in all. Default 16. */
  maxConcurrency?: number;
  /** Tasks waiting or running; beyond it `push` refuses. Default 1000. */
  maxPending?: number;
  /** Called with a task's error; the queue goes on. */
  onError?: (error: unknown, key: string) => void;
}

export interface DeliveryQueue {
  /** Queues a task under `key`; false when the queue is full (nothing queued). */
  push(key: string, task: () => Promise<void>): boolean;
  /** Resolves once nothing waits or runs. */
  onIdle(): Promise<void>;
  readonly pending: number;
}

interface Waiting {
  key: string;
  task: () => Promise<void>;
}

/**
 * An in-process work queue: the webhook handler pushes and answers at once, the work runs
 * later, a bounded number per installation so one busy installation cannot starve the others
 * or exceed its GitHub rate limit. Bounded, so a flood is refused (503, GitHub records a failed
 * delivery that can be redelivered) rather than exhausting memory.
 *
 * @example
 * const queue = createDeliveryQueue({ concurrencyPerKey: 2 });
 * queue.push(`installation:${id}`, () => probot.receive(event));
 */
export function createDeliveryQueue(options: DeliveryQueueOptions = {}): DeliveryQueue {
  const perKey = options.concurrencyPerKey ?? 2;
  const maxConcurrency = options.maxConcurrency ?? 16;
  const maxPending = options.maxPending ?? 1000;
  const waiting: Waiting[] = [];
  const runningByKey = new Map<string, number>();
  let running = 0;
  let idleWaiters: Array<() => void> = [];

  const settleIdle = () => {
    if (running > 0 || waiting.length > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const startNext = () => {
    while (running < maxConcurrency) {
      const index = waiting.findIndex((item) => (runningByKey.get(item.key) ?? 0) < perKey);
      if (index === -1) break;
      const [item] = waiting.splice(index, 1);
      if (item === undefined) break;
      run(item);
    }
    settleIdle();
  };

  const run = (item: Waiting) => {
    running += 1;
    runningByKey.set(item.key, (runningByKey.get(item.key) ?? 0) + 1);
    // A microtask later, so `push` returns (and the HTTP answer goes out) before the work starts.
    void Promise.resolve()
      .then(item.task)
      .catch((error: unknown) => options.onError?.(error, item.key))
      .finally(() => {
        running -= 1;
        const left = (runningByKey.get(item.key) ?? 1) - 1;
        if (left === 0) runningByKey.delete(item.key);
        else runningByKey.set(item.key, left);
        startNext();
      });
  };

  return {
    push(key, task) {
      if (running + waiting.length >= maxPending) return false;
      waiting.push({ key, task });
      startNext();
      return true;
    },
    onIdle() {
      if (running === 0 && waiting.length === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    get pending() {
      return running + waiting.length;
    },
  };
}
