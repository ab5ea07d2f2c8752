import { type ErrorCode, errorCodes } from './error-codes.js';

/**
 * The one error type of figurl. `message` quotes the bad value and says what was expected:
 *
 * @example
 * throw new FigurlError('INVALID_URI', 'invalid URI "sha1://abc": expected 40 lowercase hex characters');
 */
export class FigurlError extends Error {
  override readonly name = 'FigurlError';
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  get statusCode(): number {
    return errorCodes[this.code].statusCode;
  }
}

export function isFigurlError(value: unknown, code?: ErrorCode): value is FigurlError {
  return value instanceof FigurlError && (code === undefined || value.code === code);
}

/** Quotes a user-supplied value for an error message, shortened so messages stay one line. */
export function quote(value: unknown, maxLength = 120): string {
  let text: string;
  try {
    text = typeof value === 'bigint' ? `${value}n` : (JSON.stringify(value) ?? String(value));
  } catch {
    // Cycles, hostile proxies and objects without toString: describe rather than throw.
    text = `<${typeof value}>`;
  }
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
