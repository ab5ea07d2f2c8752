import { randomUUID } from 'node:crypto';
import examples from '@octokit/webhooks-examples';
import { sign } from '@octokit/webhooks-methods';

/** Fields to change in a recorded payload so it names the test's own repository, PR and commit. */
export interface WebhookOverrides {
  /** `owner/name`: rewrites `repository` (name, full_name, owner.login, URLs stay as recorded). */
  repo?: string;
  /** The PR or issue number: `number`, `pull_request.number`, `issue.number`. */
  number?: number;
  /** `pull_request.head.sha`, `check_run.head_sha`, `check_suite.head_sha`, `after` (push). */
  headSha?: string;
  /** `installation.id`, which Probot uses to authenticate as the installation. */
  installationId?: number;
}

type Payload = Record<string, unknown>;

/**
 * A real recorded payload from `@octokit/webhooks-examples` (api.github.com) for `event` (and
 * `action`, matched against the payload's `action`), deep-copied so tests may mutate it, with
 * `overrides` applied where the payload has those fields.
 *
 * @example
 * const payload = loadWebhookExample('pull_request', 'opened', { repo: 'alice/notes', number: 1, installationId });
 */
export function loadWebhookExample(event: string, action?: string, overrides: WebhookOverrides = {}): Payload {
  const definition = examples.find((entry) => entry.name === event);
  if (definition === undefined) throw new Error(`no webhook examples for event "${event}"`);
  const example = (definition.examples as unknown as Payload[]).find(
    (payload) => action === undefined || payload.action === action,
  );
  if (example === undefined) {
    const actions = [...new Set((definition.examples as unknown as Payload[]).map((p) => String(p.action)))];
    throw new Error(`no "${event}" example with action "${action}": expected one of ${actions.join(', ')}`);
  }
  const payload = structuredClone(example);
  applyOverrides(payload, overrides);
  return payload;
}

function applyOverrides(payload: Payload, overrides: WebhookOverrides): void {
  const objectAt = (value: unknown): Payload | null =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Payload) : null;
  if (overrides.repo !== undefined) {
    const [owner = '', name = ''] = overrides.repo.split('/');
    const repositories = [
      objectAt(payload.repository),
      objectAt(objectAt(objectAt(payload.pull_request)?.base)?.repo),
      objectAt(objectAt(objectAt(payload.pull_request)?.head)?.repo),
    ];
    for (const repository of repositories) {
      if (repository === null) continue;
      repository.name = name;
      repository.full_name = `${owner}/${name}`;
      const repoOwner = objectAt(repository.owner);
      if (repoOwner !== null) repoOwner.login = owner;
    }
  }
  if (overrides.number !== undefined) {
    if ('number' in payload) payload.number = overrides.number;
    for (const key of ['pull_request', 'issue']) {
      const target = objectAt(payload[key]);
      if (target !== null) target.number = overrides.number;
    }
  }
  if (overrides.headSha !== undefined) {
    const head = objectAt(objectAt(payload.pull_request)?.head);
    if (head !== null) head.sha = overrides.headSha;
    for (const key of ['check_run', 'check_suite']) {
      const target = objectAt(payload[key]);
      if (target !== null) target.head_sha = overrides.headSha;
    }
    if ('after' in payload) payload.after = overrides.headSha;
  }
  if (overrides.installationId !== undefined) {
    const installation = objectAt(payload.installation);
    if (installation !== null) installation.id = overrides.installationId;
    else payload.installation = { id: overrides.installationId, node_id: '' };
  }
}

export interface WebhookDelivery {
  event: string;
  payload: unknown;
  secret: string;
  deliveryId?: string;
  /**
   * Breaks the delivery on purpose: `body` changes the body after signing, `signature` signs
   * with another secret, `missing-signature` leaves the header out.
   */
  tamper?: 'body' | 'signature' | 'missing-signature';
  /** Extra or replacement headers. */
  headers?: Record<string, string>;
}

export interface WebhookResult {
  status: number;
  body: string;
  deliveryId: string;
  /** Milliseconds from sending to the full response, as GitHub times a delivery (10 s limit). */
  durationMs: number;
}

/**
 * POSTs a webhook delivery as GitHub sends it ("Webhook events and payloads", "Validating
 * webhook deliveries"): `Content-Type: application/json`, `X-GitHub-Event`,
 * `X-GitHub-Delivery`, `X-GitHub-Hook-ID`, and `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of
 * the exact body>`; the legacy SHA-1 `X-Hub-Signature` is left out.
 *
 * @example
 * const result = await deliverWebhook(`${botUrl}/api/github/webhooks`, { event: 'pull_request', payload, secret });
 * expect(result.status).toBe(200);
 */
export async function deliverWebhook(url: string, delivery: WebhookDelivery): Promise<WebhookResult> {
  const deliveryId = delivery.deliveryId ?? randomUUID();
  const body = JSON.stringify(delivery.payload);
  const signature = await sign(delivery.tamper === 'signature' ? `${delivery.secret}-wrong` : delivery.secret, body);
  const sent = delivery.tamper === 'body' ? body.replace(/}$/, ',"tampered":true}') : body;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'GitHub-Hookshot/stand-in',
    'x-github-event': delivery.event,
    'x-github-delivery': deliveryId,
    'x-github-hook-id': '1',
    ...(delivery.tamper === 'missing-signature' ? {} : { 'x-hub-signature-256': signature }),
    ...delivery.headers,
  };
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers, body: sent, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  return { status: response.status, body: text, deliveryId, durationMs: performance.now() - started };
}
