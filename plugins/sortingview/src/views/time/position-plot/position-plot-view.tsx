import { useMemo } from 'react';
import { defineView, type ViewProps } from '../../view-definition.js';
import { TimeseriesPanel } from '../timeseries-graph/timeseries-panel.js';
import { type PositionPlotData, parsePositionPlot } from './parse-position-plot.js';
import { toPositionSeries } from './position-series.js';

/** PositionPlot: one trace per position dimension against (offset) time, time-linked. */
export function PositionPlotView({ data, width, height }: ViewProps<PositionPlotData>) {
  const series = useMemo(() => toPositionSeries(data), [data]);
  return (
    <TimeseriesPanel
      width={width}
      height={height}
      series={series}
      timeOffset={data.timeOffset}
      yRange={undefined}
      legendLocation="northeast"
      gridlines={undefined}
      hideToolbar={false}
    />
  );
}

export const positionPlotView = defineView(parsePositionPlot, PositionPlotView);
