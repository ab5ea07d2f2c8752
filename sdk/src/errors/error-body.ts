import { z } from 'zod';
import { type ErrorCode, errorCodeNames, errorCodes } from './error-codes.js';
import { FigurlError } from './figurl-error.js';

/** The one error wire shape, Fastify's: `{ statusCode, code, error, message }`. */
export const errorBodySchema = z.object({
  statusCode: z.number().int(),
  code: z.enum(errorCodeNames),
  error: z.string(),
  message: z.string(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

const internalMessage = 'internal error';

/**
 * Turns any thrown value into the wire shape. 5xx bodies never carry internals: an error that
 * is not a FigurlError becomes `INTERNAL` with a fixed message.
 */
export function toErrorBody(err: unknown): ErrorBody {
  const code: ErrorCode = err instanceof FigurlError ? err.code : 'INTERNAL';
  const { statusCode, error } = errorCodes[code];
  const message = err instanceof FigurlError && statusCode < 500 ? err.message : defaultServerMessage(err, code);
  return { statusCode, code, error, message };
}

function defaultServerMessage(err: unknown, code: ErrorCode): string {
  // A FigurlError with a 5xx code was written for users (e.g. "database unavailable"); anything
  // else may hold paths, SQL or secrets.
  if (err instanceof FigurlError && code !== 'INTERNAL') return err.message;
  return internalMessage;
}

/** Reads an error body received over the wire back into a FigurlError. */
export function fromErrorBody(body: unknown, fallbackStatus?: number): FigurlError {
  const parsed = errorBodySchema.safeParse(body);
  if (parsed.success) return new FigurlError(parsed.data.code, parsed.data.message);
  const code = codeForStatus(fallbackStatus ?? 500);
  return new FigurlError(
    code,
    `unexpected error response (HTTP ${fallbackStatus ?? 'unknown'}): ${JSON.stringify(body)?.slice(0, 200)}`,
  );
}

/** The code a bare HTTP status maps to, for peers that do not speak the figurl error shape. */
export function codeForStatus(statusCode: number): ErrorCode {
  const exact = errorCodeNames.find((c) => errorCodes[c].statusCode === statusCode);
  if (exact) return exact;
  return statusCode >= 500 ? 'INTERNAL' : 'INVALID_REQUEST';
}
