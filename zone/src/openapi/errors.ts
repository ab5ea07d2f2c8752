import { type ErrorCode, errorCodeNames, errorCodes } from '@figurl/sdk';

/** Where the one error shape lives in the document. */
export const errorBodyRef = '#/components/schemas/ErrorBody';

export type ErrorNotes = Partial<Record<ErrorCode, string>>;

/** Refusals of a route that needs the zone's download right. */
export const downloadRight: ErrorNotes = {
  NOT_FOUND: 'no such zone on this server',
  UNAUTHORIZED: 'no or an invalid bearer token, and the zone does not allow public download',
  FORBIDDEN: "the token's user may not download from the zone (or the token lacks the scope)",
};

/** Refusals of a route that needs the zone's upload right. */
export const uploadRight: ErrorNotes = {
  NOT_FOUND: 'no such zone on this server',
  UNAUTHORIZED: 'no or an invalid bearer token, and the zone does not allow public upload',
  FORBIDDEN: "the token's user may not upload to the zone (or the token lacks the scope upload)",
};

/** Refusals of a route for the zone's admins. */
export const adminRight: ErrorNotes = {
  NOT_FOUND: 'no such zone on this server',
  UNAUTHORIZED: 'no or an invalid bearer token',
  FORBIDDEN: "the token's user is not an admin of the zone (or the token lacks the scope admin)",
};

/** What any route may answer when the zone itself fails. */
const serverErrors: ErrorNotes = {
  INTERNAL: 'a fault of the zone; the message carries no details',
  UNAVAILABLE: 'the database or the bucket cannot be reached; retry after Retry-After seconds',
};

/**
 * Response objects for error codes, grouped by HTTP status (INVALID_REQUEST and INVALID_URI
 * share 400): the one error shape `{statusCode, code, error, message}`, its `code` narrowed to
 * the codes the route uses. Every route also gets `5XX`.
 */
export function toErrorResponses(notes: ErrorNotes): Record<string, unknown> {
  const byStatus = new Map<string, ErrorCode[]>();
  const all: ErrorNotes = { ...notes, ...serverErrors };
  for (const code of errorCodeNames) {
    if (all[code] === undefined) continue;
    const status = code in serverErrors ? '5XX' : String(errorCodes[code].statusCode);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, unknown> = {};
  for (const [status, codes] of byStatus) {
    responses[status] = {
      description: codes.map((code) => `${code}: ${all[code]}`).join('; '),
      ...(status === '5XX' ? { headers: { 'Retry-After': retryAfter } } : {}),
      content: {
        'application/json': {
          schema: { allOf: [{ $ref: errorBodyRef }, { properties: { code: { enum: codes } } }] },
        },
      },
    };
  }
  return responses;
}

const retryAfter = {
  description: 'with UNAVAILABLE: seconds to wait before trying again',
  schema: { type: 'integer', minimum: 0 },
};
