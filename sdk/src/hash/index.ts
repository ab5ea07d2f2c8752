export { type ByteSource, type Digests, digestStream, sha1Hex, sha256Hex } from './digest-stream.js';
export { type CreateHasher, createPortableHasher, type HashAlgorithm, type Hasher } from './hasher.js';
export { sha1ObjectKey } from './sha1-object-key.js';
