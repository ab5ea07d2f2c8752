/**
 * The one IO the zone client needs: WHATWG `fetch` or anything with its shape (a test double,
 * a fetch with retries). Always called with an absolute URL string and a plain init.
 */
export type ZoneFetch = (url: string, init: ZoneRequestInit) => Promise<Response>;

/** RequestInit plus `duplex`, which Node's fetch requires for a streaming request body. */
export type ZoneRequestInit = RequestInit & { duplex?: 'half' };
