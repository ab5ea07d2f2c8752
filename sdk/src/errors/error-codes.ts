/**
 * The closed table of figurl error codes. Every error that crosses a wire (zone HTTP API,
 * shell ↔ plugin messages, CLI exit) carries one of these codes and its HTTP status.
 */
export const errorCodes = {
  INVALID_REQUEST: { statusCode: 400, error: 'Bad Request' },
  INVALID_URI: { statusCode: 400, error: 'Bad Request' },
  UNAUTHORIZED: { statusCode: 401, error: 'Unauthorized' },
  FORBIDDEN: { statusCode: 403, error: 'Forbidden' },
  NOT_FOUND: { statusCode: 404, error: 'Not Found' },
  CONFLICT: { statusCode: 409, error: 'Conflict' },
  PAYLOAD_TOO_LARGE: { statusCode: 413, error: 'Payload Too Large' },
  HASH_MISMATCH: { statusCode: 422, error: 'Unprocessable Entity' },
  RATE_LIMITED: { statusCode: 429, error: 'Too Many Requests' },
  INTERNAL: { statusCode: 500, error: 'Internal Server Error' },
  UNAVAILABLE: { statusCode: 503, error: 'Service Unavailable' },
} as const satisfies Record<string, { statusCode: number; error: string }>;

export type ErrorCode = keyof typeof errorCodes;

export const errorCodeNames = Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCodes, value);
}
