import { type KeyboardEvent, type ReactNode, useCallback, useMemo } from 'react';
import { Canvas } from '../../components/canvas.js';
import { useTimeSelection } from '../../context/time-selection.js';
import type { HighlightSpan } from './highlight-spans.js';
import { type GridlineOptions, paintTimeAxes, paintTimeCursor, type ValueAxis } from './paint-time-axes.js';
import { createTimeFrame, type Margins, type TimeFrame } from './time-frame.js';
import { TimeToolbar, timeToolbarHeight } from './time-toolbar.js';
import { type PlotPointer, useTimeScrollInteraction } from './use-time-scroll-interaction.js';

export interface TimeScrollViewProps {
  width: number;
  height: number;
  /** The visible window, absolute seconds (from `useTimeWindow`). */
  startSec: number;
  endSec: number;
  margins: Margins;
  valueAxis?: ValueAxis | undefined;
  gridlines?: GridlineOptions | undefined;
  spans?: readonly HighlightSpan[] | undefined;
  hideToolbar?: boolean | undefined;
  /** The view's own controls, after zoom and pan in the toolbar. */
  toolbarExtras?: ReactNode;
  onPlotClick?: ((pointer: PlotPointer) => boolean) | undefined;
  onHover?: ((pointer: PlotPointer | undefined) => void) | undefined;
  onKeyDown?: ((event: KeyboardEvent<HTMLDivElement>) => void) | undefined;
  /** The data layer(s), absolutely positioned over the panel; they get the panel's geometry. */
  children: (frame: TimeFrame) => ReactNode;
}

const topLayer = { position: 'absolute', left: 0, top: 0 } as const;
const layer = { ...topLayer, pointerEvents: 'none' } as const;

/**
 * The frame every time view draws in (sortingview's TimeScrollView): a toolbar, then a panel of
 * three layers (axes and highlight spans, the view's data, the time cursor) that pans and zooms
 * the window shared by all time views.
 *
 * @example
 * <TimeScrollView width={w} height={h} startSec={s} endSec={e} margins={margins}>
 *   {(frame) => <Canvas width={frame.width} height={frame.height} draw={…} />}
 * </TimeScrollView>
 */
export function TimeScrollView(props: TimeScrollViewProps) {
  const { width, height, startSec, endSec, margins, valueAxis, gridlines, spans, hideToolbar } = props;
  const { state } = useTimeSelection();
  const panelHeight = Math.max(0, height - (hideToolbar ? 0 : timeToolbarHeight));
  const frame = useMemo(
    () => createTimeFrame({ width, height: panelHeight, margins, startSec, endSec }),
    [width, panelHeight, margins, startSec, endSec],
  );
  const { ref, handlers } = useTimeScrollInteraction({
    frame,
    onPlotClick: props.onPlotClick,
    onHover: props.onHover,
    onKeyDown: props.onKeyDown,
  });

  const drawAxes = useCallback(
    (context: CanvasRenderingContext2D) => paintTimeAxes(context, frame, { valueAxis, gridlines, spans: spans ?? [] }),
    [frame, valueAxis, gridlines, spans],
  );
  const { currentTimeSec, currentTimeIntervalSec } = state;
  const drawCursor = useCallback(
    (context: CanvasRenderingContext2D) =>
      paintTimeCursor(context, frame, { timeSec: currentTimeSec, interval: currentTimeIntervalSec }),
    [frame, currentTimeSec, currentTimeIntervalSec],
  );

  return (
    <div style={{ width, height, overflow: 'hidden' }}>
      {hideToolbar ? null : <TimeToolbar extras={props.toolbarExtras} />}
      <div
        ref={ref}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the panel takes keyboard zoom and pan when focused.
        tabIndex={0}
        role="application"
        aria-label="time panel: drag to pan, wheel or = and - to zoom, arrow keys to pan"
        style={{ position: 'relative', width, height: panelHeight, touchAction: 'none', userSelect: 'none' }}
        {...handlers}
      >
        {/* The cursor layer is on top and takes the mouse (events bubble to the panel); it comes
            first so the panel's first canvas is the one a click lands on. */}
        <Canvas width={width} height={panelHeight} draw={drawCursor} style={{ ...topLayer, zIndex: 2 }} />
        <Canvas width={width} height={panelHeight} draw={drawAxes} style={{ ...layer, zIndex: 0 }} />
        <div style={{ ...layer, zIndex: 1, width, height: panelHeight }}>{props.children(frame)}</div>
      </div>
    </div>
  );
}
