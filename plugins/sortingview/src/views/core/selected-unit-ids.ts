import type { UnitSelectionState } from '../../context/unit-selection.js';
import type { UnitId } from '../../data/unit-id.js';

/**
 * The selected units as ids (numbers stay numbers), in the shared order: what curation actions
 * name. A selected key no view declared is kept as its string.
 */
export function selectedUnitIdList(state: UnitSelectionState): UnitId[] {
  const byKey = new Map(state.orderedUnitIds.map((id) => [String(id), id]));
  const ordered = state.orderedUnitIds.filter((id) => state.selectedUnitIds.has(String(id)));
  const extra = [...state.selectedUnitIds].filter((key) => !byKey.has(key));
  return [...ordered, ...extra];
}
