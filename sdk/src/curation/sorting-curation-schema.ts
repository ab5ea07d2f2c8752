import { z } from 'zod';

/*
 * The sortingview curation document (reference §6; sortingview
 * `gui/src/libraries/spike-sorting-views/context-sorting-curation/SortingCurationContext.ts`).
 * Every key is optional: the TypeScript reducer adds each one the first time it is used, and
 * files written by spyglass carry only `labelsByUnit` and `mergeGroups`.
 */

const unitIdExpectation = 'expected a unit ID: an integer or a non-empty string';

/**
 * A unit ID as sortings carry it: an integer (most sorters) or a string (SpikeInterface, spyglass
 * files). The integer check is a refinement rather than `.int()` so that a bad number inside a
 * list is reported at its own index (`unitId.1 1.5`), not as the whole list.
 */
export const unitIdSchema = z.union(
  [z.number().refine(Number.isSafeInteger, unitIdExpectation), z.string().min(1, unitIdExpectation)],
  { error: unitIdExpectation },
);
export type UnitId = z.infer<typeof unitIdSchema>;

/** Any non-empty label: sortingview's Python allow-list only ever bound the Python API. */
export const curationLabelSchema = z.string().min(1, 'expected a non-empty label');

/** The label choices a curation view offers when its figure data names none (sortingview's list). */
export const defaultLabelChoices = ['accept', 'reject', 'noise', 'artifact', 'mua'] as const;

/*
 * zod's record leaves out a "__proto__" key (to keep prototypes safe), which would lose that
 * unit's labels without a word; refuse it instead. The reducer itself handles such a unit.
 */
const labelsByUnitSchema = z
  .custom<unknown>(
    (value) => value === null || typeof value !== 'object' || !Object.hasOwn(value, '__proto__'),
    'expected unit keys other than "__proto__"',
  )
  .pipe(z.record(z.string(), z.array(curationLabelSchema)));

/**
 * Unknown keys are rejected: the known writers (sortingview's reducer, its Python feed reducer,
 * spyglass) never add any, so an unknown key is most likely a misspelt one whose data would
 * otherwise be dropped without a word.
 */
export const sortingCurationSchema = z.strictObject({
  /** Labels per unit, keyed by `String(unitId)`; the reducer keeps each list sorted. */
  labelsByUnit: labelsByUnitSchema.optional(),
  /** Declared by sortingview but never written by its reducer; the choices come from view data. */
  labelChoices: z.array(curationLabelSchema).optional(),
  /** Groups of units to merge; the reducer keeps them disjoint with at least two units each. */
  mergeGroups: z.array(z.array(unitIdSchema)).optional(),
  isClosed: z.boolean().optional(),
});
export type SortingCuration = z.infer<typeof sortingCurationSchema>;
