import { z } from 'zod';
import { isFigurlError } from '../errors/index.js';
import { parseUri } from './parse-uri.js';

/**
 * A wire field holding a figurl URI: validates the string with `parseUri` and outputs the parsed
 * `FigurlUri`; the issue message is parseUri's (quoted input, what was expected).
 *
 * @example
 * const request = z.object({ type: z.literal('getFileData'), uri: figurlUriStringSchema });
 * request.parse({ type: 'getFileData', uri: 'gh://o/r/main/c.json' }).uri.kind; // 'gh'
 */
export const figurlUriStringSchema = z.string().transform((text, ctx) => {
  try {
    return parseUri(text);
  } catch (error) {
    if (!isFigurlError(error, 'INVALID_URI')) throw error;
    ctx.addIssue({ code: 'custom', message: error.message, input: text });
    return z.NEVER;
  }
});
