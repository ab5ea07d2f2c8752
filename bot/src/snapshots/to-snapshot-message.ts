/**
 * The commit message of a curation snapshot: who curated since the last snapshot, in the order
 * they first acted, and `[skip ci]` (a snapshot is data, not code to test).
 *
 * @example
 * toSnapshotMessage({ curationId: 'abcdefghijkl', version: 12, curators: ['alice', 'bob'] });
 * // 'figurl: curation abcdefghijkl v12 by alice, bob\n\n[skip ci]'
 */
export function toSnapshotMessage(input: { curationId: string; version: number; curators: readonly string[] }): string {
  const curators = [...new Set(input.curators)];
  const by = curators.length === 0 ? '' : ` by ${curators.join(', ')}`;
  return `figurl: curation ${input.curationId} v${input.version}${by}\n\n[skip ci]`;
}
