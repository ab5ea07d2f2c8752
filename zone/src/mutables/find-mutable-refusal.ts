import { FigurlError } from '@figurl/sdk';
import type { MutableRecord } from '../repositories/mutable-repository.js';
import { mayChangeMutable } from './may-change-mutable.js';
import type { MutableRights } from './mutable-rights.js';

export interface RefusedWrite {
  zoneName: string;
  key: string;
  rights: MutableRights;
  deleting: boolean;
  ifVersion: number | undefined;
  createOnly: boolean;
  changesWriters: boolean;
}

/**
 * Why the write statement changed nothing, judged on the row as it is now: NOT_FOUND,
 * CONFLICT, UNAUTHORIZED or FORBIDDEN, or null when nothing stands in the way any more (the
 * row changed in between; the caller tries again).
 *
 * @example
 * const refusal = findMutableRefusal(await mutables.find(zone, key), write);
 * if (refusal) throw refusal;
 */
export function findMutableRefusal(current: MutableRecord | null, write: RefusedWrite): FigurlError | null {
  const { rights } = write;
  const what = `mutable ${JSON.stringify(write.key)} in zone ${JSON.stringify(write.zoneName)}`;
  if (current === null) {
    if (write.deleting || write.ifVersion !== undefined) return new FigurlError('NOT_FOUND', `no ${what}`);
    // Creating needs the zone's upload right; a write without it never inserts.
    return rights.canUpload ? null : (rights.uploadRefusal ?? null);
  }
  if (write.deleting && current.value === null) {
    return new FigurlError('NOT_FOUND', `no ${what}: it was deleted at version ${current.version}`);
  }
  if (write.createOnly && current.value !== null) {
    return new FigurlError(
      'CONFLICT',
      `conflict: ${what} already exists (version ${current.version}): expected none with createOnly; nothing was changed`,
    );
  }
  if (!mayChangeMutable(rights, current, write.changesWriters)) return denied(what, current, write);
  if (write.ifVersion !== undefined && current.version !== write.ifVersion) {
    return new FigurlError(
      'CONFLICT',
      `conflict: ${what} is at version ${current.version}: expected version ${write.ifVersion}; nothing was changed`,
    );
  }
  return null;
}

function denied(what: string, current: MutableRecord, write: RefusedWrite): FigurlError {
  const owner = JSON.stringify(current.ownerId);
  if (write.rights.anonymous) {
    return new FigurlError(
      'UNAUTHORIZED',
      `changing ${what} needs credentials: expected a bearer token of its owner ${owner}, one of its writers or a zone admin`,
    );
  }
  const user = JSON.stringify(write.rights.userId);
  const mayChangeValue = mayChangeMutable(write.rights, current, false);
  if (write.changesWriters && mayChangeValue) {
    return new FigurlError(
      'FORBIDDEN',
      `user ${user} may not set the writers of ${what}: expected its owner ${owner} or a zone admin`,
    );
  }
  return new FigurlError(
    'FORBIDDEN',
    `user ${user} may not change ${what}: expected its owner ${owner}, one of its writers or a zone admin`,
  );
}
