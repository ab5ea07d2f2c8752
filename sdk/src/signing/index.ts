export { ed25519 } from './ed25519.js';
export { createKeyPair, type KeyPair } from './key-pair.js';
export { parseKeyPem, toKeyPem } from './key-pem.js';
export { signEnvelope } from './sign-envelope.js';
export { payloadDigest, signPayload, verifyPayloadSignature } from './sign-payload.js';
