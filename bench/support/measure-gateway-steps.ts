import { createHash } from 'node:crypto';
import {
  type CanonicalJsonValue,
  canonicalJson,
  gatewayEnvelopeSchema,
  gatewayResponseSchema,
  parseJsonPreservingNumbers,
  parseWith,
  verifyPayloadSignature,
} from '@figurl/sdk';
import { verifyEd25519 } from '@figurl/sdk/node';

/** What one step of answering a findFile costs on this machine, in microseconds per call. */
export interface StepCost {
  name: string;
  micros: number;
}

/**
 * Times, in this process, the CPU-bound steps the zone runs for every findFile before and after
 * its database reads (verifyGatewayRequest, respond), using the same sdk functions, next to the
 * same check with the node:crypto verifier the zone uses, for comparison.
 *
 * @example
 * for (const { name, micros } of measureGatewaySteps(body)) console.log(name, micros);
 */
export function measureGatewaySteps(body: string): StepCost[] {
  const envelope = JSON.parse(body) as { payload: CanonicalJsonValue; fromClientId: string; signature: string };
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
    time('verifyPayloadSignature, portable verifier (@noble/ed25519; browsers)', 200, () => {
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
    time('verifyPayloadSignature, node:crypto verifier (verifyEd25519; the zone)', 2000, () => {
      const ok = verifyPayloadSignature({
        payload: envelope.payload,
        signature: envelope.signature,
        publicKey: envelope.fromClientId,
        verify: verifyEd25519,
      });
      if (!ok) throw new Error('the bench body does not verify');
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
