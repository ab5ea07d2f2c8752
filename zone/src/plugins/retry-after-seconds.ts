/**
 * The `Retry-After` of every 503 the zone sends (an `UNAVAILABLE` error, a failing `/readyz`):
 * a database restart or failover, or a bucket hiccup, is usually over within a few seconds.
 */
export const retryAfterSeconds = 2;
