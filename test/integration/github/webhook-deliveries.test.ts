import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verify } from '@octokit/webhooks-methods';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GitHubStandIn, startGitHubStandIn } from '../../support/github-stand-in.js';
import { deliverWebhook, loadWebhookExample } from '../../support/webhook-deliveries.js';
import { makeInstalledApp, openFeaturePull } from './stand-in-fixtures.js';

const secret = 'webhook-secret';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
  verified: boolean;
}

/** A receiver that verifies each delivery, answers at once, and then does `work` in the background. */
async function startReceiver(work: (payload: Record<string, unknown>) => Promise<void> = async () => {}) {
  const received: Received[] = [];
  const pending: Promise<void>[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const signature = String(req.headers['x-hub-signature-256'] ?? '');
      void verify(secret, body, signature).then(
        (verified) => {
          received.push({ headers: req.headers, body, verified });
          res.writeHead(verified ? 202 : 401).end();
          if (verified) pending.push(work(JSON.parse(body)));
        },
        () => {
          received.push({ headers: req.headers, body, verified: false });
          res.writeHead(400).end();
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
  return {
    url,
    received,
    settled: () => Promise.all(pending),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('GitHub stand-in: webhook deliveries', () => {
  let gh: GitHubStandIn;
  beforeAll(async () => {
    gh = await startGitHubStandIn();
  });
  afterAll(() => gh.close());

  it('loads recorded payloads and rewrites repository, number, head sha and installation', () => {
    const payload = loadWebhookExample('pull_request', 'opened', {
      repo: 'alice/notes',
      number: 7,
      headSha: 'a'.repeat(40),
      installationId: 42,
    }) as {
      action: string;
      number: number;
      repository: { full_name: string; name: string; owner: { login: string } };
      pull_request: { number: number; head: { sha: string } };
      installation: { id: number };
    };
    expect(payload).toMatchObject({
      action: 'opened',
      number: 7,
      repository: { full_name: 'alice/notes', name: 'notes', owner: { login: 'alice' } },
      pull_request: { number: 7, head: { sha: 'a'.repeat(40) } },
      installation: { id: 42 },
    });
    const check = loadWebhookExample('check_run', 'rerequested', { headSha: 'b'.repeat(40) }) as {
      check_run: { head_sha: string };
    };
    expect(check.check_run.head_sha).toBe('b'.repeat(40));
    expect(loadWebhookExample('issue_comment', 'created')).toMatchObject({
      action: 'created',
      comment: { body: expect.any(String) },
    });
    // Copies: changing one does not change the next.
    expect(loadWebhookExample('pull_request', 'opened')).not.toMatchObject({ number: 7 });
    expect(() => loadWebhookExample('pull_request', 'no-such-action')).toThrow(/expected one of/);
  });

  it('signs the exact body with X-Hub-Signature-256 that @octokit/webhooks-methods verifies, and tampering fails', async () => {
    const receiver = await startReceiver();
    try {
      const payload = loadWebhookExample('issue_comment', 'created', { repo: 'alice/notes', number: 3 });
      const ok = await deliverWebhook(receiver.url, { event: 'issue_comment', payload, secret, deliveryId: 'd-1' });
      expect(ok.status).toBe(202);
      const [first] = receiver.received;
      expect(first?.verified).toBe(true);
      expect(first?.headers).toMatchObject({
        'x-github-event': 'issue_comment',
        'x-github-delivery': 'd-1',
        'content-type': 'application/json',
        'x-hub-signature-256': expect.stringMatching(/^sha256=[0-9a-f]{64}$/),
      });
      expect(JSON.parse(first?.body ?? '')).toEqual(payload);
      for (const tamper of ['body', 'signature', 'missing-signature'] as const) {
        const bad = await deliverWebhook(receiver.url, { event: 'issue_comment', payload, secret, tamper });
        expect(bad.status, tamper).not.toBe(202);
      }
      expect(receiver.received.filter((r) => r.verified)).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it('slows GitHub with setLatency while a receiver that acks first still answers fast', async () => {
    const { owner, installationId, octokit } = makeInstalledApp(gh, { issues: 'write' });
    const pr = openFeaturePull(gh, owner.fullName).number;
    const receiver = await startReceiver(async () => {
      await octokit.rest.issues.createComment({
        owner: owner.login,
        repo: owner.name,
        issue_number: pr,
        body: 'preview',
      });
    });
    gh.setLatency(800, { path: /\/issues\/\d+\/comments$/ });
    try {
      const payload = loadWebhookExample('pull_request', 'opened', {
        repo: owner.fullName,
        number: pr,
        installationId,
      });
      const started = performance.now();
      const delivery = await deliverWebhook(receiver.url, { event: 'pull_request', payload, secret });
      expect(delivery.status).toBe(202);
      expect(delivery.durationMs).toBeLessThan(400);
      await receiver.settled();
      expect(performance.now() - started).toBeGreaterThanOrEqual(790);
      expect(gh.comments(owner.fullName, pr).map((c) => c.body)).toEqual(['preview']);
    } finally {
      gh.setLatency(0);
      await receiver.close();
    }
  });
});
