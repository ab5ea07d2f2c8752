import { z } from 'zod';
import { curationLabelSchema, sortingCurationSchema, unitIdSchema } from './sorting-curation-schema.js';

/*
 * Curation actions (reference §7). Label actions name units with `unitId` (one ID or a list),
 * merge actions with `unitIds`; the objects are strict, so the wrong one of the two is rejected
 * by name, as sortingview's Python `add_sorting_curation_action` did.
 */

const unitIdOrListSchema = z.union([unitIdSchema, z.array(unitIdSchema)], {
  error: 'expected a unit ID or a list of unit IDs',
});

const labelActionFields = { unitId: unitIdOrListSchema, label: curationLabelSchema };
const mergeActionFields = { unitIds: z.array(unitIdSchema) };

const actionOptions = [
  z.strictObject({ type: z.literal('ADD_UNIT_LABEL'), ...labelActionFields }),
  z.strictObject({ type: z.literal('REMOVE_UNIT_LABEL'), ...labelActionFields }),
  z.strictObject({ type: z.literal('TOGGLE_UNIT_LABEL'), ...labelActionFields }),
  z.strictObject({ type: z.literal('MERGE_UNITS'), ...mergeActionFields }),
  z.strictObject({ type: z.literal('UNMERGE_UNITS'), ...mergeActionFields }),
  z.strictObject({ type: z.literal('CLOSE_CURATION') }),
  z.strictObject({ type: z.literal('REOPEN_CURATION') }),
  z.strictObject({ type: z.literal('SET_CURATION'), curation: sortingCurationSchema }),
] as const;

const knownTypes = actionOptions.map((option) => `"${option.shape.type.value}"`).join(', ');

export const sortingCurationActionSchema = z.discriminatedUnion('type', actionOptions, {
  error: `expected one of ${knownTypes}`,
});
export type SortingCurationAction = z.infer<typeof sortingCurationActionSchema>;
export type SortingCurationActionType = SortingCurationAction['type'];
