import { useCallback, useMemo, useState } from 'react';
import { useInitializeUnits } from '../../../context/unit-selection.js';
import { unitColor } from '../../../data/unit-colors.js';
import { type UnitId, unitKey } from '../../../data/unit-id.js';
import type { ViewProps } from '../../view-definition.js';
import { PlotGridView } from '../plot-grid/plot-grid-view.js';
import { ToolbarCheckbox } from '../shared/toolbar.js';
import { CorrelogramPlot } from './correlogram-plot.js';
import type { AutocorrelogramsData } from './parse-autocorrelograms.js';

/** A grid of autocorrelograms, one box per unit in the shared unit order. */
export function AutocorrelogramsView({ data, width, height }: ViewProps<AutocorrelogramsData>) {
  const unitIds = useMemo(() => data.autocorrelograms.map((item) => item.unitId), [data]);
  useInitializeUnits(unitIds);
  const byUnit = useMemo(() => new Map(data.autocorrelograms.map((item) => [unitKey(item.unitId), item])), [data]);
  const [showXAxis, setShowXAxis] = useState(false);

  const renderPlot = useCallback(
    (unitId: UnitId, size: { width: number; height: number }) => {
      const item = byUnit.get(unitKey(unitId));
      if (item === undefined) return null;
      return (
        <CorrelogramPlot
          correlogram={item}
          color={unitColor(unitId)}
          showXAxis={showXAxis}
          width={size.width}
          height={size.height}
        />
      );
    },
    [byUnit, showXAxis],
  );

  return (
    <PlotGridView
      width={width}
      height={height}
      unitIds={unitIds}
      basePlotSize={{ width: 120, height: 90 }}
      renderPlot={renderPlot}
      toolbar={<ToolbarCheckbox label="Show X axis (dt, ms)" checked={showXAxis} onChange={setShowXAxis} />}
    />
  );
}
