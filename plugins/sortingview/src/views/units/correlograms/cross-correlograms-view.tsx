import { type ReactNode, useCallback, useMemo, useState } from 'react';
import { Canvas, type DrawFunction } from '../../../components/canvas.js';
import { useInitializeUnits, useLockableSelection, useUnitSelection } from '../../../context/unit-selection.js';
import type { ViewProps } from '../../view-definition.js';
import { gridUnits } from '../plot-grid/grid-units.js';
import { Toolbar, ToolbarCheckbox } from '../shared/toolbar.js';
import { ViewMessage } from '../shared/view-message.js';
import { crossCorrelogramUnitIds, indexCrossCorrelograms } from './cross-correlogram-index.js';
import { drawCorrelogramMatrix, matrixHeaderSize } from './draw-correlogram-matrix.js';
import type { CrossCorrelogramsData } from './parse-cross-correlograms.js';
import { UnitSelector } from './unit-selector.js';

/** sortingview caps the matrix at 10 units: the payload and the drawing grow as n². */
export const maxCrossCorrelogramUnits = 10;
const selectorWidth = 120;
const toolbarHeight = 30;

/**
 * Cross-correlograms of the selected units as an n×n matrix, with a lockable selection: while
 * "Lock selection" is on the view keeps the units it had, whatever other views select.
 */
export function CrossCorrelogramsView({ data, width, height }: ViewProps<CrossCorrelogramsData>) {
  const unitIds = useMemo(() => crossCorrelogramUnitIds(data.crossCorrelograms), [data]);
  useInitializeUnits(unitIds);
  const find = useMemo(() => indexCrossCorrelograms(data.crossCorrelograms), [data]);
  const { state, isShown } = useUnitSelection();
  const { selectedUnitIds, locked, setLocked } = useLockableSelection();
  const [showXAxis, setShowXAxis] = useState(false);

  const listed = useMemo(
    () => gridUnits({ dataUnitIds: unitIds, orderedUnitIds: state.orderedUnitIds, isShown }),
    [unitIds, state.orderedUnitIds, isShown],
  );
  const chosen = useMemo(
    () =>
      gridUnits({
        dataUnitIds: unitIds,
        orderedUnitIds: state.orderedUnitIds,
        isShown,
        onlySelected: true,
        selectedUnitIds,
      }),
    [unitIds, state.orderedUnitIds, isShown, selectedUnitIds],
  );

  const matrixWidth = width - (data.hideUnitSelector ? 0 : selectorWidth);
  const matrixHeight = height - toolbarHeight;
  const cellSize = Math.max(
    24,
    Math.floor(
      Math.min(matrixWidth - matrixHeaderSize - 8, matrixHeight - matrixHeaderSize - 8) / Math.max(1, chosen.length),
    ),
  );
  const canvasSize = matrixHeaderSize + chosen.length * cellSize;
  const draw = useCallback<DrawFunction>(
    (ctx) => drawCorrelogramMatrix(ctx, { unitIds: chosen, find, cellSize, showXAxis: showXAxis && cellSize >= 60 }),
    [chosen, find, cellSize, showXAxis],
  );

  let body: ReactNode;
  if (unitIds.length === 0) body = <ViewMessage>This view has no cross-correlograms.</ViewMessage>;
  else if (chosen.length === 0)
    body = <ViewMessage>Select one or more units to see their cross-correlograms.</ViewMessage>;
  else if (chosen.length > maxCrossCorrelogramUnits) {
    body = (
      <ViewMessage>
        Too many units selected ({chosen.length}): select at most {maxCrossCorrelogramUnits}.
      </ViewMessage>
    );
  } else {
    body = (
      <div style={{ flex: '1 1 auto', minWidth: 0, overflow: 'auto', padding: 4 }}>
        <Canvas width={canvasSize} height={canvasSize} draw={draw} />
      </div>
    );
  }

  return (
    <div style={{ width, height, display: 'flex', flexDirection: 'column', overflow: 'hidden' }}>
      <Toolbar>
        <ToolbarCheckbox
          label="Lock selection"
          title="Keep these units while other views change the selection"
          checked={locked}
          onChange={setLocked}
        />
        <ToolbarCheckbox label="Show X axis (dt, ms)" checked={showXAxis} onChange={setShowXAxis} />
      </Toolbar>
      <div style={{ flex: '1 1 auto', minHeight: 0, display: 'flex' }}>
        {!data.hideUnitSelector && (
          <UnitSelector unitIds={listed} selectedUnitIds={selectedUnitIds} disabled={locked} width={selectorWidth} />
        )}
        {body}
      </div>
    </div>
  );
}
