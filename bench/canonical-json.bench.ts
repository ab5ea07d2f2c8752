import { canonicalJson, createKeyPair, parseJsonPreservingNumbers, signPayload } from '@figurl/sdk';
import { bench, describe } from 'vitest';

const keys = createKeyPair();
const payload = {
  type: 'initiateFileUpload',
  timestamp: 1700000000000,
  hashAlg: 'sha1',
  hash: 'b971c6ef19b1d70ae8f0feb989b106c319b36230',
  size: 123456,
  zone: 'default',
};
const large = {
  labelsByUnit: Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [String(i), ['good', 'mua', 'é']])),
  mergeGroups: Array.from({ length: 200 }, (_, i) => [i * 3, i * 3 + 1]),
  isClosed: false,
};
const largeText = JSON.stringify(large);

describe('canonical JSON of a 2,000-unit curation (baseline: JSON.stringify)', () => {
  bench('JSON.stringify (not canonical, baseline)', () => {
    JSON.stringify(large);
  });
  bench('canonicalJson', () => {
    canonicalJson(large);
  });
  bench('parseJsonPreservingNumbers + canonicalJson', () => {
    canonicalJson(parseJsonPreservingNumbers(largeText));
  });
});

describe('gateway payload (baseline: canonicalJson alone)', () => {
  bench('canonicalJson', () => {
    canonicalJson(payload);
  });
  bench('signPayload (canonical JSON + SHA-1 + ed25519)', () => {
    signPayload(payload, keys.privateKey);
  });
});
