import { compareUnitIds, type UnitId, unitKey } from '../data/unit-id.js';

/**
 * Linked unit selection across views (sortingview's UnitSelectionContext). Selection is kept as
 * a set of unit keys (`String(id)`), so `1` and `"1"` are one unit, as in curations.
 */
export interface UnitSelectionState {
  selectedUnitIds: ReadonlySet<string>;
  /** The one selected unit when exactly one is, for similarity ordering and "current unit" views. */
  currentUnitId: UnitId | undefined;
  /** Every unit any view declared, in the order views draw them (the units table's sort order). */
  orderedUnitIds: readonly UnitId[];
  lastClickedId: UnitId | undefined;
  /** "Only show selected" and the like: when set, views show just these units. */
  visibleUnitIds: ReadonlySet<string> | undefined;
  /** SortingSelection's "Restrict to selected units": a global filter on all unit views. */
  restrictedUnitIds: ReadonlySet<string> | undefined;
}

export type UnitSelectionAction =
  | { type: 'SET_SELECTION'; unitIds: Iterable<UnitId> }
  | { type: 'UNIQUE_SELECT'; unitId: UnitId }
  | { type: 'UNIQUE_SELECT_NEXT' }
  | { type: 'UNIQUE_SELECT_PREVIOUS' }
  | { type: 'UNIQUE_SELECT_FIRST' }
  | { type: 'UNIQUE_SELECT_LAST' }
  | { type: 'TOGGLE_UNIT'; unitId: UnitId }
  | { type: 'TOGGLE_RANGE'; unitId: UnitId }
  | { type: 'TOGGLE_SELECT_ALL' }
  | { type: 'DESELECT_ALL' }
  | { type: 'INITIALIZE_UNITS'; unitIds: readonly UnitId[] }
  | { type: 'SET_UNIT_ORDER'; unitIds: readonly UnitId[] }
  | { type: 'SET_VISIBLE_UNITS'; unitIds: Iterable<UnitId> | undefined }
  | { type: 'SET_RESTRICTED_UNITS'; unitIds: Iterable<UnitId> | undefined };

export const initialUnitSelection: UnitSelectionState = {
  selectedUnitIds: new Set(),
  currentUnitId: undefined,
  orderedUnitIds: [],
  lastClickedId: undefined,
  visibleUnitIds: undefined,
  restrictedUnitIds: undefined,
};

const keySet = (ids: Iterable<UnitId>) => new Set(Array.from(ids, unitKey));

function withSelection(state: UnitSelectionState, selected: Set<string>, clicked?: UnitId): UnitSelectionState {
  let current: UnitId | undefined;
  if (selected.size === 1) {
    const [only] = selected;
    current = state.orderedUnitIds.find((id) => unitKey(id) === only) ?? only;
  }
  return {
    ...state,
    selectedUnitIds: selected,
    currentUnitId: current,
    lastClickedId: clicked ?? state.lastClickedId,
  };
}

/** Units a selection may range over: the ordered units, restricted when a restriction is set. */
export function selectableUnits(state: UnitSelectionState): UnitId[] {
  const { restrictedUnitIds, visibleUnitIds } = state;
  return state.orderedUnitIds.filter(
    (id) =>
      (restrictedUnitIds === undefined || restrictedUnitIds.has(unitKey(id))) &&
      (visibleUnitIds === undefined || visibleUnitIds.has(unitKey(id))),
  );
}

function stepSelection(state: UnitSelectionState, step: 'next' | 'previous' | 'first' | 'last'): UnitSelectionState {
  const units = selectableUnits(state);
  if (units.length === 0) return state;
  const current =
    state.currentUnitId === undefined
      ? -1
      : units.findIndex((id) => unitKey(id) === unitKey(state.currentUnitId as UnitId));
  let index: number;
  if (step === 'first') index = 0;
  else if (step === 'last') index = units.length - 1;
  else if (current < 0) index = step === 'next' ? 0 : units.length - 1;
  else index = Math.min(units.length - 1, Math.max(0, current + (step === 'next' ? 1 : -1)));
  const id = units[index] as UnitId;
  return withSelection(state, new Set([unitKey(id)]), id);
}

export function unitSelectionReducer(state: UnitSelectionState, action: UnitSelectionAction): UnitSelectionState {
  switch (action.type) {
    case 'SET_SELECTION':
      return withSelection(state, keySet(action.unitIds));
    case 'UNIQUE_SELECT':
      return withSelection(state, new Set([unitKey(action.unitId)]), action.unitId);
    case 'UNIQUE_SELECT_NEXT':
      return stepSelection(state, 'next');
    case 'UNIQUE_SELECT_PREVIOUS':
      return stepSelection(state, 'previous');
    case 'UNIQUE_SELECT_FIRST':
      return stepSelection(state, 'first');
    case 'UNIQUE_SELECT_LAST':
      return stepSelection(state, 'last');
    case 'TOGGLE_UNIT': {
      const next = new Set(state.selectedUnitIds);
      const key = unitKey(action.unitId);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return withSelection(state, next, action.unitId);
    }
    case 'TOGGLE_RANGE': {
      // Shift-click: the run from the last clicked unit to this one takes this one's new state.
      const units = selectableUnits(state);
      const to = units.findIndex((id) => unitKey(id) === unitKey(action.unitId));
      const from =
        state.lastClickedId === undefined
          ? -1
          : units.findIndex((id) => unitKey(id) === unitKey(state.lastClickedId as UnitId));
      if (to < 0 || from < 0) return unitSelectionReducer(state, { type: 'TOGGLE_UNIT', unitId: action.unitId });
      const select = !state.selectedUnitIds.has(unitKey(action.unitId));
      const next = new Set(state.selectedUnitIds);
      for (let i = Math.min(from, to); i <= Math.max(from, to); i++) {
        const key = unitKey(units[i] as UnitId);
        if (select) next.add(key);
        else next.delete(key);
      }
      return withSelection(state, next, action.unitId);
    }
    case 'TOGGLE_SELECT_ALL': {
      const units = selectableUnits(state);
      const all = units.length > 0 && units.every((id) => state.selectedUnitIds.has(unitKey(id)));
      return withSelection(state, all ? new Set() : keySet(units));
    }
    case 'DESELECT_ALL':
      return state.selectedUnitIds.size === 0 ? state : withSelection(state, new Set());
    case 'INITIALIZE_UNITS': {
      // Each unit view declares its units; the sorted union is kept (new units appended in order).
      const known = new Set(state.orderedUnitIds.map(unitKey));
      const added = action.unitIds.filter((id) => !known.has(unitKey(id)));
      if (added.length === 0) return state;
      const merged = new Map<string, UnitId>();
      for (const id of [...state.orderedUnitIds, ...added]) merged.set(unitKey(id), id);
      return { ...state, orderedUnitIds: [...merged.values()].sort(compareUnitIds) };
    }
    case 'SET_UNIT_ORDER':
      return { ...state, orderedUnitIds: action.unitIds };
    case 'SET_VISIBLE_UNITS':
      return { ...state, visibleUnitIds: action.unitIds === undefined ? undefined : keySet(action.unitIds) };
    case 'SET_RESTRICTED_UNITS':
      return { ...state, restrictedUnitIds: action.unitIds === undefined ? undefined : keySet(action.unitIds) };
  }
}

/**
 * The click semantics every unit view shares: plain click selects only this unit, ctrl/cmd
 * toggles it, shift toggles the run from the last clicked unit.
 */
export function unitClickAction(
  unitId: UnitId,
  event: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean },
): UnitSelectionAction {
  if (event.shiftKey) return { type: 'TOGGLE_RANGE', unitId };
  if (event.ctrlKey || event.metaKey) return { type: 'TOGGLE_UNIT', unitId };
  return { type: 'UNIQUE_SELECT', unitId };
}
