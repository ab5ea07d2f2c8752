import { useCallback, useMemo, useState } from 'react';
import { useInitializeUnits, useUnitSelection } from '../../../context/unit-selection.js';
import { unitKey } from '../../../data/unit-id.js';
import { defineView, type ViewProps } from '../../view-definition.js';
import type { Margins } from '../time-frame.js';
import { TimeScrollView } from '../time-scroll-view.js';
import type { PlotPointer } from '../use-time-scroll-interaction.js';
import { useTimeWindow } from '../use-time-window.js';
import { parseRasterPlot, type RasterPlotData } from './parse-raster-plot.js';
import { RasterLayer } from './raster-layer.js';
import { rasterRowAt, rasterRowOrder } from './raster-rows.js';

const margins: Margins = { left: 50, right: 44, top: 8, bottom: 28 };
const gridlines = { hideY: true };

function rowPlot(pointer: PlotPointer, rows: Int32Array): number {
  const { frame } = pointer;
  const row = rasterRowAt(pointer.y, frame.margins.top, frame.plotHeight, rows.length);
  return row < 0 ? -1 : (rows[row] as number);
}

/**
 * RasterPlot: one row per unit in the shared unit order, spikes as ticks, drawn off the main
 * thread. Hover marks a row; plain click sets the time cursor, shift/ctrl-click toggles the unit
 * under the mouse, alt-click selects only it.
 */
export function RasterPlotView({ data, width, height }: ViewProps<RasterPlotData>) {
  const { startSec, endSec } = useTimeWindow(data.startTimeSec, data.endTimeSec);
  const unitIds = useMemo(() => data.plots.map((plot) => plot.unitId), [data.plots]);
  useInitializeUnits(unitIds);
  const { state, dispatch, isShown } = useUnitSelection();
  const rows = useMemo(
    () => rasterRowOrder(unitIds, state.orderedUnitIds, isShown),
    [unitIds, state.orderedUnitIds, isShown],
  );
  const selected = useMemo(
    () => Uint8Array.from(unitIds, (id) => (state.selectedUnitIds.has(unitKey(id)) ? 1 : 0)),
    [unitIds, state.selectedUnitIds],
  );
  const [hovered, setHovered] = useState(-1);

  const onHover = useCallback(
    (pointer: PlotPointer | undefined) => setHovered(pointer === undefined ? -1 : rowPlot(pointer, rows)),
    [rows],
  );
  const onPlotClick = useCallback(
    (pointer: PlotPointer) => {
      if (!(pointer.shiftKey || pointer.ctrlKey || pointer.metaKey || pointer.altKey)) return false;
      const plot = rowPlot(pointer, rows);
      const unitId = unitIds[plot];
      if (unitId !== undefined) {
        dispatch(pointer.altKey ? { type: 'UNIQUE_SELECT', unitId } : { type: 'TOGGLE_UNIT', unitId });
      }
      return true;
    },
    [rows, unitIds, dispatch],
  );

  return (
    <TimeScrollView
      width={width}
      height={height}
      startSec={startSec}
      endSec={endSec}
      margins={margins}
      gridlines={gridlines}
      spans={data.highlightSpans}
      hideToolbar={data.hideToolbar}
      onHover={onHover}
      onPlotClick={onPlotClick}
    >
      {(frame) => (
        <RasterLayer
          frame={frame}
          plots={data.plots}
          durationSec={data.endTimeSec - data.startTimeSec}
          rows={rows}
          selected={selected}
          hovered={hovered}
        />
      )}
    </TimeScrollView>
  );
}

export const rasterPlotView = defineView(parseRasterPlot, RasterPlotView);
