import { defaultCurationPath } from '@figurl/sdk';

/**
 * The file a curation's snapshot is committed to: the repository's `curation.path` template
 * (`.github/figurl.yml`, default `curations/{curationId}.json`) with the id filled in.
 *
 * @example
 * toSnapshotPath('data/{curationId}/curation.json', 'abcdefghijkl'); // 'data/abcdefghijkl/curation.json'
 */
export function toSnapshotPath(template: string | undefined, curationId: string): string {
  return (template ?? defaultCurationPath).replaceAll('{curationId}', curationId);
}
