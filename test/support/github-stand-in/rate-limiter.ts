export interface RateLimitStatus {
  limit: number;
  remaining: number;
  used: number;
  /** Epoch seconds when the window resets (`x-ratelimit-reset`). */
  reset: number;
  exceeded: boolean;
}

/**
 * GitHub's primary rate limit ("Rate limits for the REST API"): a fixed window per caller (IP for
 * unauthenticated requests, user for authenticated ones) that starts with its first request.
 *
 * @example
 * const take = createRateLimiter({ now: Date.now, windowMs: 3_600_000 });
 * take('ip:127.0.0.1', 60).remaining; // 59
 */
export function createRateLimiter(options: {
  now: () => number;
  windowMs: number;
}): (key: string, limit: number) => RateLimitStatus {
  const windows = new Map<string, { used: number; resetAt: number }>();
  return (key, limit) => {
    const now = options.now();
    let window = windows.get(key);
    if (window === undefined || window.resetAt <= now) {
      window = { used: 0, resetAt: now + options.windowMs };
      windows.set(key, window);
    }
    const exceeded = window.used >= limit;
    if (!exceeded) window.used += 1;
    return {
      limit,
      remaining: limit - window.used,
      used: window.used,
      reset: Math.ceil(window.resetAt / 1000),
      exceeded,
    };
  };
}
