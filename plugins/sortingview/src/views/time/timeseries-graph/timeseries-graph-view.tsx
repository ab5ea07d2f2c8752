import { defineView, type ViewProps } from '../../view-definition.js';
import { parseTimeseriesGraph, type TimeseriesGraphData } from './parse-timeseries-graph.js';
import { TimeseriesPanel } from './timeseries-panel.js';

/** TimeseriesGraph: line, marker and interval series from named datasets, time-linked. */
export function TimeseriesGraphView({ data, width, height }: ViewProps<TimeseriesGraphData>) {
  return (
    <TimeseriesPanel
      width={width}
      height={height}
      series={data.series}
      timeOffset={data.timeOffset}
      yRange={data.yRange}
      legendLocation={data.legendLocation}
      gridlines={data.gridlines}
      hideToolbar={data.hideToolbar}
    />
  );
}

export const timeseriesGraphView = defineView(parseTimeseriesGraph, TimeseriesGraphView);
