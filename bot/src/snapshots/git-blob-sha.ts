import { createHash } from 'node:crypto';

/**
 * The git object id of a file's bytes (`git hash-object`): SHA-1 of `blob <length>\0<bytes>`.
 * Equal to the `sha` the contents API reports for the file, so an unchanged snapshot is seen
 * without uploading anything.
 *
 * @example
 * gitBlobSha(''); // 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391'
 */
export function gitBlobSha(content: string | Uint8Array): string {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
