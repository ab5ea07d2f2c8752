import type { ViewDefinition } from '../view-definition.js';
import { sortingCuration2View } from './sorting-curation.js';
import { sortingSelectionView } from './sorting-selection.js';
import { unitsTableView } from './units-table.js';

/** The table and the curation controls, by figure-data `type`. */
// biome-ignore lint/suspicious/noExplicitAny: each definition checks its own data type.
export const coreViews: Record<string, ViewDefinition<any>> = {
  UnitsTable: unitsTableView,
  SortingCuration2: sortingCuration2View,
  // The 2022 placeholder (`{}`): its control was the feed-backed one; the same control serves.
  SortingCuration: sortingCuration2View,
  SortingSelection: sortingSelectionView,
};
