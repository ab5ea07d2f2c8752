import autocannon from 'autocannon';

export interface LoadResult {
  /** Answered (2xx) requests per second over the whole run. */
  throughput: number;
  /** Latency percentiles in ms; at a fixed rate, corrected for coordinated omission (autocannon's default). */
  p50: number;
  p99: number;
  max: number;
  /** All answers received. */
  total: number;
}

/**
 * One autocannon run from this process. `bodies` are JSON bodies POSTed in turn (each request
 * the next one), so a server cannot answer from a cache of one body; without them, GETs. With
 * `rate`, the connections together send that many requests per second (`overallRate`);
 * without, each sends as soon as its last answer came. Any error, timeout or non-2xx answer
 * fails the run: a fast error is not a result.
 *
 * @example
 * const { p99 } = await runAutocannon({ url, bodies, seconds: 10, connections: 10, rate: 500 });
 */
export async function runAutocannon(options: {
  url: string;
  bodies?: readonly string[];
  seconds: number;
  connections: number;
  rate?: number;
}): Promise<LoadResult> {
  const { bodies } = options;
  let next = 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    ...(bodies === undefined || bodies.length === 0
      ? {}
      : {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          requests: [{ setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }) }],
        }),
    ...(options.rate === undefined ? {} : { overallRate: options.rate }),
  });
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0) {
    throw new Error(
      `autocannon ${bodies ? 'POST' : 'GET'} ${options.url}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers; expected none`,
    );
  }
  return {
    throughput: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    total: result['2xx'],
  };
}
