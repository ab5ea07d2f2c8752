import { type ReactNode, useMemo, useState } from 'react';
import { useUnitSelection } from '../../../context/unit-selection.js';
import type { UnitId } from '../../../data/unit-id.js';
import { Toolbar, ToolbarCheckbox, ToolbarStepper } from '../shared/toolbar.js';
import { ViewMessage } from '../shared/view-message.js';
import { scaleBoxSize, stepBoxScale } from './box-scale.js';
import { gridUnits } from './grid-units.js';
import { PlotGrid } from './plot-grid.js';

export interface PlotGridViewProps {
  width: number;
  height: number;
  /** The units the view has data for (any order). */
  unitIds: readonly UnitId[];
  /** One box's plot area at box scale 1. */
  basePlotSize: { width: number; height: number };
  renderPlot(unitId: UnitId, size: { width: number; height: number }): ReactNode;
  /** The view's own controls, after box size and "Only show selected". */
  toolbar?: ReactNode;
  /** When set, draws the (ordered, filtered) units together instead of one box each. */
  renderCombined?: ((unitIds: readonly UnitId[], plotSize: { width: number; height: number }) => ReactNode) | undefined;
}

/**
 * A unit grid with its toolbar: box size − / + (×1.3) and "Only show selected", then one box per
 * unit in the shared unit order (see `PlotGrid`).
 *
 * @example
 * <PlotGridView width={w} height={h} unitIds={ids} basePlotSize={{ width: 120, height: 90 }}
 *   renderPlot={(id, size) => <CorrelogramPlot … />} />
 */
export function PlotGridView({
  width,
  height,
  unitIds,
  basePlotSize,
  renderPlot,
  toolbar,
  renderCombined,
}: PlotGridViewProps) {
  const { state, isShown } = useUnitSelection();
  const [scale, setScale] = useState(1);
  const [onlySelected, setOnlySelected] = useState(false);
  const shown = useMemo(
    () =>
      gridUnits({
        dataUnitIds: unitIds,
        orderedUnitIds: state.orderedUnitIds,
        isShown,
        onlySelected,
        selectedUnitIds: state.selectedUnitIds,
      }),
    [unitIds, state.orderedUnitIds, state.selectedUnitIds, isShown, onlySelected],
  );
  const plotSize = scaleBoxSize(basePlotSize, scale);

  let body: ReactNode;
  if (unitIds.length === 0) body = <ViewMessage>This view has no units.</ViewMessage>;
  else if (shown.length === 0 && onlySelected) body = <ViewMessage>No units are selected.</ViewMessage>;
  else if (shown.length === 0) body = <ViewMessage>None of this view's units are shown.</ViewMessage>;
  else if (renderCombined !== undefined) {
    body = <div style={{ flex: '1 1 auto', minHeight: 0, overflow: 'auto' }}>{renderCombined(shown, plotSize)}</div>;
  } else body = <PlotGrid unitIds={shown} plotSize={plotSize} renderPlot={renderPlot} />;

  return (
    <div style={{ width, height, display: 'flex', flexDirection: 'column', overflow: 'hidden' }}>
      <Toolbar>
        <ToolbarStepper
          label="Box size"
          onDecrease={() => setScale((s) => stepBoxScale(s, -1))}
          onIncrease={() => setScale((s) => stepBoxScale(s, 1))}
        />
        <ToolbarCheckbox label="Only show selected" checked={onlySelected} onChange={setOnlySelected} />
        {toolbar}
      </Toolbar>
      {body}
    </div>
  );
}
