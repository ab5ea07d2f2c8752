import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Probot } from 'probot';
import type { DeliveryQueue } from './delivery-queue.js';
import type { LruSet } from './lru-set.js';

/** GitHub does not send payloads over 25 MB; a larger body is refused before it is buffered. */
export const maxWebhookBodyBytes = 25 * 1024 * 1024;

export interface WebhookHandlerOptions {
  probot: Probot;
  /** Default `/api/github/webhooks`, Probot's. */
  path?: string;
  queue: DeliveryQueue;
  /** Delivery ids already accepted. */
  seen: LruSet;
  maxBodyBytes?: number;
}

/** Handles the request when it is for the webhook path (true), else leaves it (false). */
export type WebhookHandler = (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;

const requiredHeaders = ['x-github-event', 'x-hub-signature-256', 'x-github-delivery'] as const;

/**
 * The webhook endpoint, acking fast: checks the request as `@octokit/webhooks` does (POST,
 * JSON, the three headers), caps the body, verifies `X-Hub-Signature-256` with Probot's secret
 * (HMAC-SHA256, constant-time compare), drops deliveries already accepted (`X-GitHub-Delivery`
 * stays the same on redelivery), queues the work and answers 202 before any of it runs, so a
 * slow GitHub API never delays the answer GitHub waits at most 10 s for.
 *
 * Answers: 202 accepted (or duplicate), 400 bad headers/JSON/signature, 404 other methods,
 * 413 too large, 415 not JSON, 503 queue full (GitHub shows a failed delivery to redeliver).
 */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  const path = options.path ?? '/api/github/webhooks';
  const maxBodyBytes = options.maxBodyBytes ?? maxWebhookBodyBytes;
  const { probot, queue, seen } = options;
  return async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname.replace(/\/+$/, '') !== path.replace(/\/+$/, '')) return false;
    const answer = (status: number, message: string) => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ message }));
      return true;
    };
    if (request.method !== 'POST') return answer(404, `Unknown route: ${request.method} ${url.pathname}`);
    if (!/^\s*application\/json\s*(?:;|$)/i.test(request.headers['content-type'] ?? '')) {
      return answer(415, 'Unsupported "Content-Type" header value. Must be "application/json"');
    }
    const missing = requiredHeaders.filter((name) => typeof request.headers[name] !== 'string');
    if (missing.length > 0) return answer(400, `Required headers missing: ${missing.join(', ')}`);
    const name = request.headers['x-github-event'] as string;
    const signature = request.headers['x-hub-signature-256'] as string;
    const id = request.headers['x-github-delivery'] as string;

    const body = await readBody(request, maxBodyBytes);
    if (body === null) {
      // Unread bytes may still be arriving: close the connection rather than drain them.
      response.setHeader('connection', 'close');
      return answer(413, `payload over ${maxBodyBytes} bytes`);
    }
    const text = body.toString('utf8');
    if (!(await probot.webhooks.verify(text, signature).catch(() => false))) {
      return answer(400, 'signature does not match event payload and secret');
    }
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      return answer(400, 'invalid JSON');
    }
    if (!seen.add(id)) return answer(202, `delivery ${id} was already accepted`);
    const installation = (payload as { installation?: { id?: unknown } }).installation?.id;
    const accepted = queue.push(`installation:${String(installation ?? 'none')}`, () =>
      probot.receive({ id, name, payload } as Parameters<Probot['receive']>[0]),
    );
    if (!accepted) {
      seen.delete(id); // a redelivery must be accepted later
      return answer(503, 'too many deliveries waiting; redeliver later');
    }
    return answer(202, 'accepted');
  };
}

/** The request body, or null once it exceeds `max` bytes. */
async function readBody(request: IncomingMessage, max: number): Promise<Buffer | null> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > max) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
