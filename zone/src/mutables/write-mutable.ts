import { type CanonicalJsonValue, canonicalJson, FigurlError, findSha1Refs, maxMutableValueLength } from '@figurl/sdk';
import type { Actor } from '../auth/authorize.js';
import type { IdentityRepository } from '../repositories/identity-repository.js';
import type { MutableRecord, MutableRepository } from '../repositories/mutable-repository.js';
import { findMutableRefusal } from './find-mutable-refusal.js';
import { getMutableRights } from './mutable-rights.js';

export interface MutableDeps {
  mutables: MutableRepository;
  identities: IdentityRepository;
  now: () => Date;
}

export interface WriteMutableInput {
  zoneName: string;
  key: string;
  actor: Actor;
  /** The new value; null deletes. */
  value: CanonicalJsonValue | null;
  ifVersion?: number | undefined;
  createOnly?: boolean | undefined;
  writers?: readonly string[] | undefined;
}

/** A refused write that the row it saw cannot explain is tried again; this many times at most. */
const maxAttempts = 5;

/**
 * Sets (or, with a null value, deletes) a mutable: the value as canonical JSON of at most
 * 100,000 characters, a new version, its history row and its blob references, all or nothing.
 * Throws NOT_FOUND, CONFLICT (stale `ifVersion`, `createOnly` on an existing mutable),
 * UNAUTHORIZED, FORBIDDEN or PAYLOAD_TOO_LARGE; nothing is changed then.
 *
 * @example
 * const row = await writeMutable(deps, { zoneName: 'default', key: '@a/b', actor, value: 1, ifVersion: 3 });
 */
export async function writeMutable(deps: MutableDeps, input: WriteMutableInput): Promise<MutableRecord> {
  const { zoneName, key } = input;
  const rights = await getMutableRights(deps.identities, input.actor, zoneName);
  const text = input.value === null ? null : canonicalJson(input.value);
  if (text !== null && text.length > maxMutableValueLength) {
    throw new FigurlError(
      'PAYLOAD_TOO_LARGE',
      `value of mutable ${JSON.stringify(key)} is ${text.length} characters of canonical JSON: expected at most ${maxMutableValueLength}`,
    );
  }
  const refused = {
    zoneName,
    key,
    rights,
    deleting: text === null,
    ifVersion: input.ifVersion,
    createOnly: input.createOnly === true,
    changesWriters: input.writers !== undefined,
  };
  const write = {
    zoneName,
    key,
    value: text,
    refs: input.value === null ? [] : findSha1Refs(input.value),
    writer: rights,
    // Only an unconditional or create-only set by someone who may upload can make a new mutable.
    mode:
      text !== null && input.ifVersion === undefined && rights.canUpload ? ('create' as const) : ('update' as const),
    ifVersion: input.ifVersion,
    createOnly: refused.createOnly,
    writers: input.writers,
  };
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const outcome = await deps.mutables.write({ ...write, now: deps.now() });
    if (outcome.written) return outcome.written;
    // Judged on the row as the statement began; if that shows no reason, the row changed
    // meanwhile and the next attempt sees it.
    const refusal = findMutableRefusal(outcome.before, refused);
    if (refusal) throw refusal;
  }
  throw new FigurlError(
    'CONFLICT',
    `conflict: mutable ${JSON.stringify(key)} in zone ${JSON.stringify(zoneName)} kept changing while it was written: expected a quieter moment; try again`,
  );
}
