import { readFileSync } from 'node:fs';
import {
  FigurlError,
  findFileResponseSchema,
  gatewayEnvelopeSchema,
  gatewayResponseSchema,
  initiateUploadResponseSchema,
  parseWith,
} from '@figurl/sdk';
import { describe, expect, it } from 'vitest';

const hash = 'b971c6ef19b1d70ae8f0feb989b106c319b36230';
const clientId = '03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8';
const signature = 'ab'.repeat(64);

function envelope(payload: Record<string, unknown>): unknown {
  return { payload: { timestamp: 1700000000000, ...payload }, fromClientId: clientId, signature };
}

describe('kachery-gateway request schemas', () => {
  it('accepts the body the Python client sends', () => {
    const fixture = JSON.parse(readFileSync(new URL('../../fixtures/python-signatures.json', import.meta.url), 'utf8'));
    const body = JSON.parse(fixture.vectors[0].body);
    expect(parseWith(gatewayEnvelopeSchema, body, 'gateway request').payload.type).toBe('findFile');
  });

  it.each([
    { type: 'findFile', hashAlg: 'sha1', hash },
    { type: 'findFile', hashAlg: 'sha1', hash, zone: 'franklab.collaborators' },
    { type: 'initiateFileUpload', size: 13, hashAlg: 'sha1', hash },
    { type: 'finalizeFileUpload', objectKey: `sha1/b9/71/c6/${hash}`, hashAlg: 'sha1', hash, size: 13 },
    { type: 'deleteFile', hashAlg: 'sha1', hash },
    { type: 'getClientInfo', clientId },
    { type: 'getResourceInfo', resourceName: 'lab-server' },
    { type: 'getZoneInfo', zoneName: 'default' },
  ])('accepts %o', (payload) => {
    expect(gatewayEnvelopeSchema.safeParse(envelope(payload)).success).toBe(true);
  });

  it('rejects an extra payload field by name, as the gateway does', () => {
    expect(() =>
      parseWith(
        gatewayEnvelopeSchema,
        envelope({ type: 'findFile', hashAlg: 'sha1', hash, extra: 1 }),
        'gateway request',
      ),
    ).toThrow('invalid gateway request: payload: unexpected field "extra"');
  });

  it('names the field, quotes the value and says what was expected', () => {
    const attempt = () =>
      parseWith(gatewayEnvelopeSchema, envelope({ type: 'findFile', hashAlg: 'sha1', hash: 'abc' }), 'gateway request');
    expect(attempt).toThrow(FigurlError);
    expect(attempt).toThrow('invalid gateway request: payload.hash "abc": expected 40 lowercase hex characters');
    expect(() =>
      parseWith(gatewayEnvelopeSchema, envelope({ type: 'findFile', hashAlg: 'md5', hash }), 'gateway request'),
    ).toThrow('payload.hashAlg "md5": expected "sha1"');
    expect(() =>
      parseWith(
        gatewayEnvelopeSchema,
        envelope({ type: 'initiateFileUpload', hashAlg: 'sha1', hash }),
        'gateway request',
      ),
    ).toThrow('payload.size missing: expected number');
    expect(() => parseWith(gatewayEnvelopeSchema, envelope({ type: 'storeEverything' }), 'gateway request')).toThrow(
      /payload.type "storeEverything": expected .*"findFile"/,
    );
  });

  it('rejects non-objects without a TypeError', () => {
    for (const body of [null, 'x', 42, [], { payload: null }]) {
      expect(() => parseWith(gatewayEnvelopeSchema, body, 'gateway request')).toThrow(FigurlError);
    }
  });
});

describe('kachery-gateway response schemas', () => {
  it('accepts the documented response shapes', () => {
    expect(
      findFileResponseSchema.parse({ type: 'findFile', found: true, size: 13, url: 'http://127.0.0.1/x' }).found,
    ).toBe(true);
    for (const response of [
      { type: 'initiateFileUpload', alreadyExists: true },
      { type: 'initiateFileUpload', objectKey: 'sha1/aa/bb/cc/x', signedUploadUrl: 'http://127.0.0.1/u' },
      { type: 'finalizeFileUpload' },
      { type: 'deleteFile', success: false, error: 'This operation has been disabled' },
      {
        type: 'getClientInfo',
        found: true,
        client: { clientId, ownerId: 'octocat', timestampCreated: 1, label: 'laptop' },
      },
    ]) {
      expect(gatewayResponseSchema.safeParse(response).success).toBe(true);
    }
  });

  it('refuses fields the Python client does not expect (an internal would leak)', () => {
    const leaky = {
      type: 'getClientInfo',
      found: true,
      client: { clientId, ownerId: 'o', timestampCreated: 1, label: 'l', privateKeyHex: 'x' },
    };
    expect(gatewayResponseSchema.safeParse(leaky).success).toBe(false);
  });
});

describe('zone API schemas', () => {
  it('distinguishes an existing blob from an upload target', () => {
    const exists = initiateUploadResponseSchema.parse({
      status: 'exists',
      blob: { sha1: hash, sha256: 'c'.repeat(64), size: 13, createdAt: '2026-11-21T00:00:00.000Z' },
    });
    expect(exists.status).toBe('exists');
    expect(
      initiateUploadResponseSchema.safeParse({
        status: 'upload',
        uploadId: 'not-a-uuid',
        uploadUrl: 'http://x',
        expiresAt: 'now',
      }).success,
    ).toBe(false);
  });
});
