import { createHash, randomBytes } from 'node:crypto';
import { uniqueId } from '@figurl/prisma';
import type { ZoneFetch } from '@figurl/sdk';
import { hashToken } from '@figurl/zone';
import type { FastifyInstance, HTTPMethods } from 'fastify';
import { expect } from 'vitest';
import type { TestZone } from './zone-app.js';

/**
 * Stores `content` through the native upload API (initiate → PUT → finalize) of an open zone and
 * returns its sha1.
 */
export async function storeBlob(zone: TestZone, content: Buffer | string): Promise<string> {
  const bytes = Buffer.from(content);
  const sha1 = createHash('sha1').update(bytes).digest('hex');
  const started = await zone.app.inject({
    method: 'POST',
    url: `/api/v1/uploads?zone=${zone.zoneName}`,
    payload: { sha1, size: bytes.length },
  });
  expect(started.statusCode, started.body).toBeLessThan(300);
  if (started.json().status === 'exists') return sha1;
  const { uploadId, uploadUrl } = started.json();
  expect((await zone.app.inject({ method: 'PUT', url: new URL(uploadUrl).pathname, payload: bytes })).statusCode).toBe(
    200,
  );
  const done = await zone.app.inject({ method: 'POST', url: `/api/v1/uploads/${uploadId}/finalize` });
  expect(done.statusCode, done.body).toBe(200);
  return sha1;
}

/** Stores a JSON value (as `JSON.stringify` writes it, with a random field so each is new). */
export function storeJson(zone: TestZone, value: Record<string, unknown>): Promise<string> {
  return storeBlob(zone, JSON.stringify({ ...value, nonce: randomBytes(8).toString('hex') }));
}

export interface TestUser {
  id: string;
  token: string;
  /** `{ authorization: 'Bearer …' }` */
  headers: Record<string, string>;
}

/** A new user with a bearer token (scopes: upload and download unless given). */
export async function createTokenUser(
  zone: TestZone,
  options: { id?: string; scopes?: string[] } = {},
): Promise<TestUser> {
  const id = options.id ?? uniqueId('user');
  const token = `ft_${randomBytes(24).toString('hex')}`;
  await zone.context.identities.createToken({
    userId: id,
    tokenHash: hashToken(token),
    label: 'test',
    scopes: options.scopes ?? ['upload', 'download'],
  });
  return { id, token, headers: { authorization: `Bearer ${token}` } };
}

/**
 * A fetch that answers through `app.inject()` (string bodies only): the sdk clients and the CLI
 * talk to an in-process zone without a socket.
 */
export function injectFetch(app: FastifyInstance): ZoneFetch {
  return async (url, init) => {
    const target = new URL(url);
    const response = await app.inject({
      method: (init.method ?? 'GET') as HTTPMethods,
      url: target.pathname + target.search,
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      ...(typeof init.body === 'string' ? { payload: init.body } : {}),
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : String(value));
    }
    const empty = response.statusCode === 204 || response.statusCode === 304 || init.method === 'HEAD';
    return new Response(empty ? null : new Uint8Array(response.rawPayload), { status: response.statusCode, headers });
  };
}
