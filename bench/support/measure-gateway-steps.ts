import { createHash, createPublicKey, verify } from 'node:crypto';
import {
  type CanonicalJsonValue,
  canonicalJson,
  gatewayEnvelopeSchema,
  gatewayResponseSchema,
  parseJsonPreservingNumbers,
  parseWith,
  verifyPayloadSignature,
} from '@figurl/sdk';

/** What one step of answering a findFile costs on this machine, in microseconds per call. */
export interface StepCost {
  name: string;
  micros: number;
}

/**
 * Times, in this process, the CPU-bound steps the zone runs for every findFile before and after
 * its database reads (verifyGatewayRequest, respond), using the same sdk functions, next to the
 * same ed25519 check done by node:crypto (OpenSSL) for comparison.
 *
 * @example
 * for (const { name, micros } of measureGatewaySteps(body)) console.log(name, micros);
 */
export function measureGatewaySteps(body: string): StepCost[] {
  const envelope = JSON.parse(body) as { payload: CanonicalJsonValue; fromClientId: string; signature: string };
  // A raw ed25519 public key as SPKI DER: the fixed 12-byte prefix, then the 32 key bytes.
  const publicKey = createPublicKey({
    key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(envelope.fromClientId, 'hex')]),
    format: 'der',
    type: 'spki',
  });
  const signature = Buffer.from(envelope.signature, 'hex');
  const response = {
    type: 'findFile',
    found: true,
    size: 4096,
    url: 'http://x/sha1/y',
    objectKey: 'sha1/y',
    cacheHit: false,
  };
  return [
    time('parse body twice (lossless + JSON.parse)', 2000, () => {
      parseJsonPreservingNumbers(body);
      JSON.parse(body);
    }),
    time('zod: gateway envelope schema', 2000, () => parseWith(gatewayEnvelopeSchema, JSON.parse(body), 'request')),
    time('canonical JSON + SHA-1 of the payload', 2000, () =>
      createHash('sha1').update(canonicalJson(envelope.payload)).digest(),
    ),
    time('verifyPayloadSignature (sdk: @noble/ed25519, pure JS)', 200, () => {
      if (
        !verifyPayloadSignature({
          payload: envelope.payload,
          signature: envelope.signature,
          publicKey: envelope.fromClientId,
        })
      ) {
        throw new Error('the bench body does not verify');
      }
    }),
    time('the same check with node:crypto (OpenSSL)', 2000, () => {
      const digest = createHash('sha1').update(canonicalJson(envelope.payload)).digest();
      if (!verify(null, digest, publicKey, signature)) throw new Error('the bench body does not verify');
    }),
    time('zod: findFile response schema', 2000, () => gatewayResponseSchema.parse(response)),
  ];
}

function time(name: string, iterations: number, run: () => unknown): StepCost {
  for (let i = 0; i < Math.min(50, iterations); i++) run();
  const start = performance.now();
  for (let i = 0; i < iterations; i++) run();
  return { name, micros: ((performance.now() - start) * 1000) / iterations };
}
