import { useCallback, useMemo, useState } from 'react';
import { useInitializeUnits, useUnitSelection } from '../../../context/unit-selection.js';
import type { UnitId } from '../../../data/unit-id.js';
import type { ViewProps } from '../../view-definition.js';
import { Toolbar } from '../shared/toolbar.js';
import { ViewMessage } from '../shared/view-message.js';
import { HeatMap, type HeatMapCell } from '../similarity-matrix/heat-map.js';
import { confusionFractions } from './confusion-fractions.js';
import type { ConfusionMatrixData } from './parse-confusion-matrix.js';

const bottomBarHeight = 28;
const unitRange: [number, number] = [0, 1];
const formatFraction = (v: number) => v.toFixed(2);

/**
 * Two sortings compared: rows are sorting 1's units, columns sorting 2's, each cell the
 * fraction of events the two units share. Click a cell to select both units.
 */
export function ConfusionMatrixView({ data, width, height }: ViewProps<ConfusionMatrixData>) {
  const matrix = useMemo(() => confusionFractions(data), [data]);
  const allUnitIds = useMemo(() => [...matrix.rowIds, ...matrix.columnIds], [matrix]);
  useInitializeUnits(allUnitIds);
  const { state, dispatch } = useUnitSelection();
  const [hovered, setHovered] = useState<HeatMapCell | undefined>(undefined);

  const onCellClick = useCallback(
    ({ row, column }: HeatMapCell, modifiers: { ctrlKey: boolean; metaKey: boolean }) => {
      const pair = [matrix.rowIds[row], matrix.columnIds[column]].filter((id): id is UnitId => id !== undefined);
      dispatch({
        type: 'SET_SELECTION',
        unitIds: modifiers.ctrlKey || modifiers.metaKey ? [...state.selectedUnitIds, ...pair] : pair,
      });
    },
    [matrix, state.selectedUnitIds, dispatch],
  );

  if (matrix.rowIds.length === 0 || matrix.columnIds.length === 0) {
    return (
      <ViewMessage width={width} height={height}>
        Both sortings need at least one unit to compare.
      </ViewMessage>
    );
  }

  let hoverText = 'Rows: sorting 1; columns: sorting 2. Hover over a cell for its counts.';
  if (hovered !== undefined) {
    const a = matrix.rowIds[hovered.row] as UnitId;
    const b = matrix.columnIds[hovered.column] as UnitId;
    const fraction = matrix.values[hovered.row * matrix.columnIds.length + hovered.column] as number;
    const matched = matrix.matchCount(a, b);
    hoverText = Number.isNaN(fraction)
      ? `${String(a)} × ${String(b)}: no matching events`
      : `${String(a)} × ${String(b)}: ${fraction.toFixed(3)} (${matched} matched of ${matrix.eventCount(a)} and ${matrix.eventCount(b)} events)`;
  }

  return (
    <div style={{ width, height, display: 'flex', flexDirection: 'column', overflow: 'hidden' }}>
      <HeatMap
        width={width}
        height={height - bottomBarHeight}
        rowIds={matrix.rowIds}
        columnIds={matrix.columnIds}
        values={matrix.values}
        range={unitRange}
        selectedUnitIds={state.selectedUnitIds}
        formatValue={formatFraction}
        onCellClick={onCellClick}
        onHover={setHovered}
      />
      <Toolbar>
        <span>{hoverText}</span>
      </Toolbar>
    </div>
  );
}
