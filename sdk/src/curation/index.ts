export { curationToJson } from './curation-to-json.js';
export { type NormalizedCuration, normalizeCuration } from './normalize-curation.js';
export { parseCuration } from './parse-curation.js';
export { parseCurationAction } from './parse-curation-action.js';
export { reduceCuration } from './reduce-curation.js';
export { reduceCurationActions } from './reduce-curation-actions.js';
export { savedCurationJson } from './saved-curation-json.js';
export { simplifyMergeGroups } from './simplify-merge-groups.js';
export {
  type SortingCurationAction,
  type SortingCurationActionType,
  sortingCurationActionSchema,
} from './sorting-curation-action-schema.js';
export {
  curationLabelSchema,
  defaultLabelChoices,
  type SortingCuration,
  sortingCurationSchema,
  type UnitId,
  unitIdSchema,
} from './sorting-curation-schema.js';
export { toUnitKey } from './to-unit-key.js';
