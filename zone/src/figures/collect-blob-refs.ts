import { findSha1Refs, sha1ObjectKey } from '@figurl/sdk';
import type { Bucket } from '../bucket/bucket.js';
import type { BlobRepository } from '../repositories/blob-repository.js';

export interface BlobRefLimits {
  /** Larger blobs are not read as JSON (their own ref is still kept). */
  maxJsonBytes: number;
  /** How many hops from the roots are followed. */
  maxDepth: number;
  /** Refs kept at most, roots included. */
  maxRefs: number;
  /** Bytes read from the bucket at most, over all blobs. */
  maxBytesRead: number;
}

export const defaultBlobRefLimits: BlobRefLimits = {
  maxJsonBytes: 64 * 1024 * 1024,
  maxDepth: 8,
  maxRefs: 10_000,
  maxBytesRead: 256 * 1024 * 1024,
};

/**
 * The blobs a figure's data needs: the roots, and every `sha1://` (or `kachery:…:sha1:`) URI in
 * any root that is JSON, followed through JSON blobs the zone holds, breadth first, within
 * `limits`. `complete` is false when a limit cut the walk short. `inline` is JSON the data URI
 * carries itself (`data:` URIs), searched as if it were a root blob.
 *
 * @example
 * const { refs } = await collectBlobRefs({ blobs, bucket }, { roots: [dataSha1] });
 */
export async function collectBlobRefs(
  deps: { blobs: BlobRepository; bucket: Bucket },
  input: { roots: readonly string[]; inline?: unknown },
  limits: BlobRefLimits = defaultBlobRefLimits,
): Promise<{ refs: string[]; complete: boolean }> {
  const refs = new Set<string>();
  let queue: string[] = [];
  let complete = true;
  let budget = limits.maxBytesRead;
  const add = (hashes: readonly string[]) => {
    for (const hash of hashes) {
      if (refs.has(hash)) continue;
      if (refs.size >= limits.maxRefs) {
        complete = false;
        return;
      }
      refs.add(hash);
      queue.push(hash);
    }
  };
  add(input.roots);
  if (input.inline !== undefined) add(findSha1Refs(input.inline));

  for (let depth = 0; queue.length > 0; depth++) {
    if (depth >= limits.maxDepth) {
      complete = false;
      break;
    }
    const level = queue;
    queue = [];
    for (const hash of level) {
      const blob = await deps.blobs.find(hash);
      if (!blob || blob.size > limits.maxJsonBytes) continue;
      if (blob.size > budget) {
        complete = false;
        continue;
      }
      const value = await readJson(deps.bucket, hash);
      budget -= value.bytesRead;
      if (value.json !== undefined) add(findSha1Refs(value.json));
    }
  }
  return { refs: [...refs], complete };
}

/** The blob parsed as JSON, or `json: undefined` when it is not JSON (only the first chunk is read then). */
async function readJson(bucket: Bucket, hash: string): Promise<{ json?: unknown; bytesRead: number }> {
  const object = await bucket.get(sha1ObjectKey(hash));
  if (!object) return { bytesRead: 0 };
  const chunks: Buffer[] = [];
  let bytesRead = 0;
  try {
    for await (const chunk of object.body) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      if (bytesRead === 0 && !looksLikeJson(buffer)) return { bytesRead: buffer.length };
      chunks.push(buffer);
      bytesRead += buffer.length;
    }
  } finally {
    object.body.destroy();
  }
  try {
    return { json: JSON.parse(Buffer.concat(chunks).toString('utf8')), bytesRead };
  } catch {
    return { bytesRead };
  }
}

/** JSON that can hold a URI starts (after white space) with `{`, `[` or `"`. */
function looksLikeJson(start: Buffer): boolean {
  for (const byte of start) {
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) continue;
    return byte === 0x7b || byte === 0x5b || byte === 0x22;
  }
  return true;
}
