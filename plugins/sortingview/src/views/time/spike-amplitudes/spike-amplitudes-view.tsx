import { type ReactNode, useCallback, useMemo, useState } from 'react';
import { useInitializeUnits, useLockableSelection, useUnitSelection } from '../../../context/unit-selection.js';
import { extent } from '../../../data/arrays.js';
import { unitColor } from '../../../data/unit-colors.js';
import { unitKey } from '../../../data/unit-id.js';
import { defineView, type ViewProps } from '../../view-definition.js';
import { FrameCanvas } from '../frame-canvas.js';
import { sortByTime } from '../sort-by-time.js';
import type { Margins, TimeFrame } from '../time-frame.js';
import { TimeScrollView } from '../time-scroll-view.js';
import { ToolbarButton } from '../toolbar-button.js';
import { useTimeWindow } from '../use-time-window.js';
import { amplitudeAxis, amplitudeScaleStep } from './amplitude-axis.js';
import { LockableUnitSelector } from './lockable-unit-selector.js';
import { type AmplitudeSeries, paintSpikeAmplitudes } from './paint-spike-amplitudes.js';
import { parseSpikeAmplitudes, type SpikeAmplitudesData } from './parse-spike-amplitudes.js';

/** Units plotted at once at most (sortingview's cap). */
export const maxSelectedUnits = 10;
const selectorWidth = 150;
const margins: Margins = { left: 60, right: 16, top: 12, bottom: 28 };

function Message({ width, height, text }: { width: number; height: number; text: string }) {
  return (
    <div style={{ width, height, display: 'flex', alignItems: 'center', justifyContent: 'center', color: '#555' }}>
      {text}
    </div>
  );
}

/**
 * SpikeAmplitudes: amplitude against time for up to ten selected units (the view's lockable
 * selection), time-linked, with amplitude-scale buttons and at most 5000 dots per unit drawn.
 */
export function SpikeAmplitudesView({ data, width, height }: ViewProps<SpikeAmplitudesData>) {
  const { startSec, endSec } = useTimeWindow(data.startTimeSec, data.endTimeSec);
  const unitIds = useMemo(() => data.units.map((unit) => unit.unitId), [data.units]);
  useInitializeUnits(unitIds);
  const { state, isShown } = useUnitSelection();
  const { selectedUnitIds, locked, setLocked } = useLockableSelection();
  const [scale, setScale] = useState(1);

  // Sorted once per data; the amplitude extents too, so the y axis holds still while panning.
  const prepared = useMemo(
    () =>
      new Map(
        data.units.map((unit) => {
          const { times, values } = sortByTime(unit.spikeTimesSec, unit.spikeAmplitudes);
          const series: AmplitudeSeries = { color: unitColor(unit.unitId), times, amplitudes: values };
          return [unitKey(unit.unitId), { series, extent: extent(values) }] as const;
        }),
      ),
    [data.units],
  );
  const listed = useMemo(() => {
    const own = new Set(unitIds.map(unitKey));
    const inOrder = state.orderedUnitIds.filter((id) => own.has(unitKey(id)));
    return (inOrder.length > 0 ? inOrder : unitIds).filter(isShown);
  }, [unitIds, state.orderedUnitIds, isShown]);
  const plotted = useMemo(
    () => listed.filter((id) => selectedUnitIds.has(unitKey(id))).flatMap((id) => prepared.get(unitKey(id)) ?? []),
    [listed, selectedUnitIds, prepared],
  );
  const axis = useMemo(
    () =>
      amplitudeAxis(
        plotted.map((p) => p.extent),
        scale,
      ),
    [plotted, scale],
  );
  const series = useMemo(() => plotted.map((p) => p.series), [plotted]);

  const drawFor = useCallback(
    (frame: TimeFrame) => (context: CanvasRenderingContext2D) => paintSpikeAmplitudes(context, frame, axis, series),
    [axis, series],
  );
  const plotWidth = Math.max(0, width - (data.hideUnitSelector ? 0 : selectorWidth));
  const toolbarExtras = (
    <>
      <ToolbarButton title="Scale amplitudes up" onClick={() => setScale((s) => s * amplitudeScaleStep)}>
        ↕+
      </ToolbarButton>
      <ToolbarButton title="Scale amplitudes down" onClick={() => setScale((s) => s / amplitudeScaleStep)}>
        ↕−
      </ToolbarButton>
    </>
  );

  let content: ReactNode;
  if (plotted.length === 0) {
    content = <Message width={plotWidth} height={height} text="Select one or more units to view spike amplitudes." />;
  } else if (plotted.length > maxSelectedUnits) {
    content = (
      <Message
        width={plotWidth}
        height={height}
        text={`Too many units selected (${plotted.length}); select at most ${maxSelectedUnits}.`}
      />
    );
  } else {
    content = (
      <TimeScrollView
        width={plotWidth}
        height={height}
        startSec={startSec}
        endSec={endSec}
        margins={margins}
        valueAxis={axis}
        hideToolbar={data.hideToolbar}
        toolbarExtras={toolbarExtras}
      >
        {(frame) => <FrameCanvas frame={frame} drawFor={drawFor} />}
      </TimeScrollView>
    );
  }
  return (
    <div style={{ display: 'flex', width, height, overflow: 'hidden' }}>
      {data.hideUnitSelector ? null : (
        <LockableUnitSelector
          unitIds={listed}
          selectedUnitIds={selectedUnitIds}
          locked={locked}
          setLocked={setLocked}
          width={selectorWidth}
          height={height}
        />
      )}
      {content}
    </div>
  );
}

export const spikeAmplitudesView = defineView(parseSpikeAmplitudes, SpikeAmplitudesView);
