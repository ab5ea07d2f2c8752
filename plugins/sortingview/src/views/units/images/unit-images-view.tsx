import { useCallback, useMemo } from 'react';
import { useInitializeUnits } from '../../../context/unit-selection.js';
import { type UnitId, unitKey } from '../../../data/unit-id.js';
import type { ViewProps } from '../../view-definition.js';
import { PlotGridView } from '../plot-grid/plot-grid-view.js';
import type { UnitImagesData } from './parse-unit-images.js';

/** One image per unit (a matplotlib figure each, from Python) in the shared unit grid. */
export function UnitImagesView({ data, width, height }: ViewProps<UnitImagesData>) {
  const unitIds = useMemo(() => data.items.map((item) => item.unitId), [data]);
  useInitializeUnits(unitIds);
  const urls = useMemo(() => new Map(data.items.map((item) => [unitKey(item.unitId), item.url])), [data]);
  const basePlotSize = useMemo(() => ({ width: data.itemWidth, height: data.itemHeight }), [data]);

  const renderPlot = useCallback(
    (unitId: UnitId, size: { width: number; height: number }) => (
      <img
        src={urls.get(unitKey(unitId))}
        alt={`Unit ${unitKey(unitId)}`}
        draggable={false}
        style={{ display: 'block', width: size.width, height: size.height, objectFit: 'contain' }}
      />
    ),
    [urls],
  );

  return (
    <PlotGridView width={width} height={height} unitIds={unitIds} basePlotSize={basePlotSize} renderPlot={renderPlot} />
  );
}
