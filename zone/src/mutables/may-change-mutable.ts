import type { MutableRecord, MutableWriter } from '../repositories/mutable-repository.js';

/**
 * Whether `writer` may change a mutable: zone admins always; its owner; its writers, unless the
 * change replaces the writers (owner and admins only); anyone who may upload when the writers
 * include "*". The write statement applies the same rule in SQL, atomically with the write;
 * this copy explains a refusal.
 *
 * @example
 * mayChangeMutable(rights, { ownerId: 'alice', writers: ['*'] }, false); // true when rights.canUpload
 */
export function mayChangeMutable(
  writer: MutableWriter,
  mutable: Pick<MutableRecord, 'ownerId' | 'writers'>,
  changesWriters: boolean,
): boolean {
  if (writer.isAdmin) return true;
  const isOwner = writer.named && mutable.ownerId === writer.userId;
  if (changesWriters) return isOwner;
  if (isOwner || (writer.named && mutable.writers.includes(writer.userId))) return true;
  return writer.canUpload && mutable.writers.includes('*');
}
