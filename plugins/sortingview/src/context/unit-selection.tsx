import {
  createContext,
  type Dispatch,
  type ReactNode,
  useContext,
  useEffect,
  useMemo,
  useReducer,
  useState,
} from 'react';
import type { UnitId } from '../data/unit-id.js';
import { unitKey } from '../data/unit-id.js';
import {
  initialUnitSelection,
  type UnitSelectionAction,
  type UnitSelectionState,
  unitSelectionReducer,
} from './unit-selection-reducer.js';

export {
  initialUnitSelection,
  selectableUnits,
  type UnitSelectionAction,
  type UnitSelectionState,
  unitClickAction,
  unitSelectionReducer,
} from './unit-selection-reducer.js';

interface UnitSelectionContextValue {
  state: UnitSelectionState;
  dispatch: Dispatch<UnitSelectionAction>;
}

const UnitSelectionContext = createContext<UnitSelectionContextValue | undefined>(undefined);

export function UnitSelectionProvider({ children }: { children: ReactNode }) {
  const [state, dispatch] = useReducer(unitSelectionReducer, initialUnitSelection);
  const value = useMemo(() => ({ state, dispatch }), [state]);
  return <UnitSelectionContext.Provider value={value}>{children}</UnitSelectionContext.Provider>;
}

/**
 * The shared selection and its dispatch.
 *
 * @example
 * const { state, dispatch, isSelected } = useUnitSelection();
 * dispatch({ type: 'UNIQUE_SELECT', unitId: 3 });
 */
export function useUnitSelection() {
  const context = useContext(UnitSelectionContext);
  if (context === undefined) throw new Error('useUnitSelection outside UnitSelectionProvider');
  const { state, dispatch } = context;
  return useMemo(
    () => ({
      state,
      dispatch,
      isSelected: (id: UnitId) => state.selectedUnitIds.has(unitKey(id)),
      /** Whether a unit passes the restriction and visibility filters. */
      isShown: (id: UnitId) =>
        (state.restrictedUnitIds === undefined || state.restrictedUnitIds.has(unitKey(id))) &&
        (state.visibleUnitIds === undefined || state.visibleUnitIds.has(unitKey(id))),
    }),
    [state, dispatch],
  );
}

/**
 * "Lock selection" (CrossCorrelograms, SpikeAmplitudes): while locked the view keeps the
 * selection it had, whatever other views select.
 *
 * @example
 * const { selectedUnitIds, locked, setLocked } = useLockableSelection();
 */
export function useLockableSelection() {
  const { state } = useUnitSelection();
  const [lockedSelection, setLockedSelection] = useState<ReadonlySet<string> | undefined>(undefined);
  return {
    selectedUnitIds: lockedSelection ?? state.selectedUnitIds,
    locked: lockedSelection !== undefined,
    setLocked: (locked: boolean) => setLockedSelection(locked ? new Set(state.selectedUnitIds) : undefined),
  };
}

/** Declares a view's units (once per list): the shared order is the sorted union of all views' units. */
export function useInitializeUnits(unitIds: readonly UnitId[]): void {
  const { dispatch } = useUnitSelection();
  useEffect(() => dispatch({ type: 'INITIALIZE_UNITS', unitIds }), [unitIds, dispatch]);
}
