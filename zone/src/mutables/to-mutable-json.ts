import type { MutableInfo } from '@figurl/sdk';
import type { MutableRecord, MutableVersionRecord } from '../repositories/mutable-repository.js';

/*
 * A stored value is canonical JSON text (ASCII, numbers as written: `1.0`, long integers): it
 * goes into responses as it is, never through JSON.parse, which would turn 1.0 into 1 and round
 * integers beyond 2^53.
 */

/** The wire `MutableInfo` of a row (no value). */
export function toMutableInfo(row: MutableRecord): MutableInfo {
  return {
    key: row.key,
    version: row.version,
    ownerId: row.ownerId,
    writers: row.writers,
    updatedBy: row.updatedBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * The JSON text of `GET /api/v1/mutables`: the info plus `"value"`, a live row's stored text.
 *
 * @example
 * reply.type('application/json').send(toMutableJson(row));
 */
export function toMutableJson(row: MutableRecord & { value: string }): string {
  return `${JSON.stringify(toMutableInfo(row)).slice(0, -1)},"value":${row.value}}`;
}

/** The JSON text of a history page. */
export function toMutableHistoryJson(key: string, versions: MutableVersionRecord[], next: number | null): string {
  const items = versions.map(
    (v) =>
      `{"version":${v.version},"value":${v.value ?? 'null'},"author":${JSON.stringify(v.author)},"createdAt":"${v.createdAt.toISOString()}"}`,
  );
  return `{"key":${JSON.stringify(key)},"versions":[${items.join(',')}],"next":${next ?? 'null'}}`;
}
