import { getFigurlBridge, StatusMessage, useUrlState } from '@figurl/plugin-interface';
import { useEffect, useRef, useState } from 'react';
import { CurationProvider } from './context/curation-provider.js';
import { ElectrodeSelectionProvider } from './context/electrode-selection.js';
import { TimeSelectionProvider } from './context/time-selection.js';
import { UnitSelectionProvider, useUnitSelection } from './context/unit-selection.js';
import { type FigureModel, toFigureModel } from './data/figure-model.js';
import { KeyboardShortcuts } from './keyboard-shortcuts.js';
import { LayoutView } from './layout/layout-view.js';
import { useElementSize } from './layout/use-element-size.js';

type FigureState =
  | { status: 'loading' }
  | { status: 'ready'; model: FigureModel }
  | { status: 'error'; message: string };

const curationViewTypes = ['SortingCuration2', 'SortingCuration'];

/** A selection saved by SortingSelection (`s.selectedUnitIds`, `s.visibleUnitIds`), applied once at open. */
function SavedSelection() {
  const [urlState] = useUrlState();
  const { state, dispatch } = useUnitSelection();
  const applied = useRef(false);
  useEffect(() => {
    if (applied.current || state.orderedUnitIds.length === 0) return;
    applied.current = true;
    const ids = (value: unknown) =>
      Array.isArray(value)
        ? value.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
        : undefined;
    const selected = ids(urlState.selectedUnitIds);
    const visible = ids(urlState.visibleUnitIds);
    if (selected !== undefined) dispatch({ type: 'SET_SELECTION', unitIds: selected });
    if (visible !== undefined) dispatch({ type: 'SET_RESTRICTED_UNITS', unitIds: visible });
  }, [state.orderedUnitIds, urlState, dispatch]);
  return null;
}

/**
 * The sortingview plugin: reads the figure (MainLayout, a legacy container or one view), with
 * ndarrays decoded into typed arrays, and draws its layout with the linked selection, time and
 * curation every view shares.
 */
export function App() {
  const [figure, setFigure] = useState<FigureState>({ status: 'loading' });
  const root = useRef<HTMLDivElement>(null);
  const { width, height } = useElementSize(root);
  useEffect(() => {
    getFigurlBridge()
      .getFigureData()
      .then((data) => setFigure({ status: 'ready', model: toFigureModel(data) }))
      .catch((err: unknown) =>
        setFigure({ status: 'error', message: err instanceof Error ? err.message : String(err) }),
      );
  }, []);
  return (
    <div ref={root} className="sv-root">
      {figure.status === 'loading' && <StatusMessage kind="loading">Loading the figure data…</StatusMessage>}
      {figure.status === 'error' && <StatusMessage kind="error">Invalid figure data: {figure.message}</StatusMessage>}
      {figure.status === 'ready' && width > 0 && (
        <UnitSelectionProvider>
          <TimeSelectionProvider>
            <ElectrodeSelectionProvider>
              <CurationProvider enabled={curationViewTypes.some((type) => figure.model.viewTypes.has(type))}>
                <KeyboardShortcuts />
                <SavedSelection />
                <LayoutView node={figure.model.layout} model={figure.model} width={width} height={height} />
              </CurationProvider>
            </ElectrodeSelectionProvider>
          </TimeSelectionProvider>
        </UnitSelectionProvider>
      )}
    </div>
  );
}
