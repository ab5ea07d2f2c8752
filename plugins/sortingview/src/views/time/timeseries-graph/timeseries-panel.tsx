import { type KeyboardEvent, useCallback, useMemo, useState } from 'react';
import { FrameCanvas } from '../frame-canvas.js';
import type { GridlineOptions } from '../paint-time-axes.js';
import type { Margins, TimeFrame } from '../time-frame.js';
import { TimeScrollView } from '../time-scroll-view.js';
import { ToolbarButton } from '../toolbar-button.js';
import { useTimeWindow } from '../use-time-window.js';
import { graphTimeRange, graphValueAxis } from './graph-extent.js';
import type { GraphSeries, LegendLocation } from './graph-series.js';
import { paintGraphSeries } from './paint-graph-series.js';
import { paintLegend } from './paint-legend.js';

const margins: Margins = { left: 60, right: 20, top: 16, bottom: 28 };

/**
 * A time graph of line, marker and interval series on the shared time axis, with y ticks and a
 * legend (`l` or the toolbar toggles it). TimeseriesGraph and PositionPlot both draw with it.
 */
export function TimeseriesPanel({
  width,
  height,
  series,
  timeOffset,
  yRange,
  legendLocation,
  gridlines,
  hideToolbar,
}: {
  width: number;
  height: number;
  series: readonly GraphSeries[];
  /** Absolute time = data time + timeOffset. */
  timeOffset: number;
  yRange: readonly [number, number] | undefined;
  legendLocation: LegendLocation;
  gridlines: GridlineOptions | undefined;
  hideToolbar: boolean;
}) {
  const [t0, t1] = useMemo(() => graphTimeRange(series), [series]);
  const { startSec, endSec } = useTimeWindow(t0 + timeOffset, t1 + timeOffset);
  const axis = useMemo(() => graphValueAxis(series, yRange), [series, yRange]);
  const [legendShown, setLegendShown] = useState(true);
  const onKeyDown = useCallback((event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'l' && !event.ctrlKey && !event.metaKey && !event.altKey) setLegendShown((shown) => !shown);
  }, []);
  const drawFor = useCallback(
    (frame: TimeFrame) => (context: CanvasRenderingContext2D) => {
      paintGraphSeries(context, frame, axis, series, timeOffset);
      if (legendShown) paintLegend(context, frame, series, legendLocation);
    },
    [axis, series, timeOffset, legendShown, legendLocation],
  );
  const hasLegend = series.some((s) => s.title !== undefined && s.type !== 'interval');
  return (
    <TimeScrollView
      width={width}
      height={height}
      startSec={startSec}
      endSec={endSec}
      margins={margins}
      valueAxis={axis}
      gridlines={gridlines}
      hideToolbar={hideToolbar}
      onKeyDown={onKeyDown}
      toolbarExtras={
        hasLegend ? (
          <ToolbarButton title="Show legend (l)" pressed={legendShown} onClick={() => setLegendShown((s) => !s)}>
            legend
          </ToolbarButton>
        ) : null
      }
    >
      {(frame) => <FrameCanvas frame={frame} drawFor={drawFor} />}
    </TimeScrollView>
  );
}
