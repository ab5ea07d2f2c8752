/**
 * `timeout`: no answer in time; `shell-error`: the shell answered with an error;
 * `invalid-response`: the answer broke the protocol; `invalid-request`: the call itself was wrong
 * (a byte range on JSON); `not-embedded`: no shell to ask (standalone mode); `stopped`: the
 * bridge was stopped while waiting.
 */
export type FigurlRequestFailure =
  | 'timeout'
  | 'shell-error'
  | 'invalid-response'
  | 'invalid-request'
  | 'not-embedded'
  | 'stopped';

/**
 * Why a figurl request failed: the shell answered with an error, answered with something the
 * protocol does not allow, or did not answer in time (`timeout`).
 *
 * @example
 * try { await getFileData(uri); } catch (err) { if (err instanceof FigurlRequestError && err.reason === 'timeout') retry(); }
 */
export class FigurlRequestError extends Error {
  override readonly name = 'FigurlRequestError';
  readonly requestType: string;
  readonly reason: FigurlRequestFailure;
  /**
   * The figurl error code the shell named (`CONFLICT`, `FORBIDDEN`, …) when it named one: a
   * serviceQuery's `errorMessage` of the form `<CODE>: <message>`.
   */
  readonly code: string | undefined;

  constructor(requestType: string, reason: FigurlRequestFailure, message: string, code?: string) {
    super(message);
    this.requestType = requestType;
    this.reason = reason;
    this.code = code;
  }
}
