/**
 * The branch a snapshot goes to when its target branch is protected: one per curation, so every
 * later change updates the same pull request.
 *
 * @example
 * toSnapshotBranch('abcdefghijkl'); // 'figurl/curation-abcdefghijkl'
 */
export function toSnapshotBranch(curationId: string): string {
  return `figurl/curation-${curationId}`;
}
