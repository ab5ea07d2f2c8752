import { useCallback, useMemo, useState } from 'react';
import { useInitializeUnits, useUnitSelection } from '../../../context/unit-selection.js';
import type { UnitId } from '../../../data/unit-id.js';
import type { ViewProps } from '../../view-definition.js';
import { Toolbar, ToolbarButton } from '../shared/toolbar.js';
import { ViewMessage } from '../shared/view-message.js';
import { HeatMap, type HeatMapCell } from './heat-map.js';
import type { UnitSimilarityMatrixData } from './parse-unit-similarity-matrix.js';
import { buildSimilarityMatrix, selectSimilarUnits } from './similarity-matrix.js';

const bottomBarHeight = 28;

/**
 * Unit similarity as a heat map: clicking a cell selects its two units (ctrl/cmd adds them),
 * hovering shows the value, and "Select similar units" picks the one selected unit and the 4
 * most similar to it. Follows the restriction and visibility filters.
 */
export function UnitSimilarityMatrixView({ data, width, height }: ViewProps<UnitSimilarityMatrixData>) {
  useInitializeUnits(data.unitIds);
  const { state, dispatch, isShown } = useUnitSelection();
  const unitIds = useMemo(() => data.unitIds.filter(isShown), [data.unitIds, isShown]);
  const values = useMemo(() => buildSimilarityMatrix(unitIds, data.similarityScores), [unitIds, data]);
  const [hovered, setHovered] = useState<HeatMapCell | undefined>(undefined);

  const onCellClick = useCallback(
    ({ row, column }: HeatMapCell, modifiers: { ctrlKey: boolean; metaKey: boolean }) => {
      const pair = [unitIds[row], unitIds[column]].filter((id): id is UnitId => id !== undefined);
      const unitIdsToSelect = modifiers.ctrlKey || modifiers.metaKey ? [...state.selectedUnitIds, ...pair] : pair;
      dispatch({ type: 'SET_SELECTION', unitIds: unitIdsToSelect });
    },
    [unitIds, state.selectedUnitIds, dispatch],
  );

  const current = state.selectedUnitIds.size === 1 ? state.currentUnitId : undefined;
  const selectSimilar = () => {
    if (current === undefined) return;
    dispatch({ type: 'SET_SELECTION', unitIds: selectSimilarUnits(unitIds, values, current, 4) });
  };

  if (data.unitIds.length === 0)
    return (
      <ViewMessage width={width} height={height}>
        This view has no units.
      </ViewMessage>
    );
  if (unitIds.length === 0) {
    return (
      <ViewMessage width={width} height={height}>
        None of this view's units are shown.
      </ViewMessage>
    );
  }

  let hoverText = 'Hover over a cell to see its similarity; click to select the pair.';
  if (hovered !== undefined) {
    const a = unitIds[hovered.row];
    const b = unitIds[hovered.column];
    const v = values[hovered.row * unitIds.length + hovered.column] as number;
    hoverText = `Units ${String(a)} and ${String(b)}: ${Number.isNaN(v) ? 'no score' : v.toPrecision(3)}`;
  }

  return (
    <div style={{ width, height, display: 'flex', flexDirection: 'column', overflow: 'hidden' }}>
      <HeatMap
        width={width}
        height={height - bottomBarHeight}
        rowIds={unitIds}
        columnIds={unitIds}
        values={values}
        range={data.range}
        selectedUnitIds={state.selectedUnitIds}
        onCellClick={onCellClick}
        onHover={setHovered}
      />
      <Toolbar>
        <ToolbarButton
          title="Select the selected unit and the 4 units most similar to it"
          onClick={selectSimilar}
          disabled={current === undefined}
        >
          Select similar units
        </ToolbarButton>
        <span>{hoverText}</span>
      </Toolbar>
    </div>
  );
}
