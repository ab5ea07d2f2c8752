export {
  type ByteSource,
  type DigestOptions,
  type Digests,
  digestStream,
  sha1Hex,
  sha1Stream,
  sha256Hex,
} from './digest-stream.js';
export { type CreateHasher, createPortableHasher, type HashAlgorithm, type Hasher } from './hasher.js';
export { sha1ObjectKey } from './sha1-object-key.js';
