import { FigurlError, parseWith, quote } from '@figurl/sdk';
import type { z } from 'zod';
import type { ShellConfig } from './shell-config';

/**
 * The JSON body of a request that changes something (sign-in, sign-out, a GitHub write), once
 * it is known to come from the shell's own pages: its `Origin` must be the shell's (the public
 * URL, or the address the request came to), and its type `application/json`, which a form on
 * another site cannot send without a CORS preflight we never grant. Then the body is read up to
 * `maxBytes` and checked against `schema`.
 *
 * @example
 * const { token } = await readJsonRequest(request, config, tokenRequestSchema, { what: 'sign-in', maxBytes: 4096 });
 */
export async function readJsonRequest<Schema extends z.ZodType>(
  request: Request,
  config: Pick<ShellConfig, 'shellUrl'>,
  schema: Schema,
  options: { what: string; maxBytes: number },
): Promise<z.output<Schema>> {
  const origin = request.headers.get('origin');
  const allowed = [new URL(config.shellUrl).origin, new URL(request.url).origin];
  if (origin === null || !allowed.includes(origin)) {
    throw new FigurlError(
      'FORBIDDEN',
      `refused ${options.what} from origin ${quote(origin ?? '(none)')}: expected a request from this shell's pages (${allowed[0]})`,
    );
  }
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new FigurlError(
      'INVALID_REQUEST',
      `invalid ${options.what}: content type ${quote(type || '(none)')}, expected application/json`,
    );
  }
  const text = await readBoundedText(request, options);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new FigurlError('INVALID_REQUEST', `invalid ${options.what}: the body is not JSON: ${quote(text, 80)}`);
  }
  return parseWith(schema, body, options.what);
}

async function readBoundedText(request: Request, options: { what: string; maxBytes: number }): Promise<string> {
  const tooLarge = () =>
    new FigurlError('PAYLOAD_TOO_LARGE', `${options.what} is larger than ${options.maxBytes} bytes`);
  if (Number(request.headers.get('content-length') ?? 0) > options.maxBytes) throw tooLarge();
  if (request.body === null) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > options.maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
