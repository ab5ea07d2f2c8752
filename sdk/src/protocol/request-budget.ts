/**
 * A token bucket: `burst` requests at once, refilled at `perSecond`. One per figure bounds what
 * a plugin, hostile or buggy, can make the shell do.
 */
export interface RequestBudget {
  /** Takes one token; false when the bucket is empty. */
  take(): boolean;
}

export function createRequestBudget(options: { perSecond: number; burst: number; now: () => number }): RequestBudget {
  let tokens = options.burst;
  let last = options.now();
  return {
    take() {
      const now = options.now();
      tokens = Math.min(options.burst, tokens + ((now - last) / 1000) * options.perSecond);
      last = now;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
