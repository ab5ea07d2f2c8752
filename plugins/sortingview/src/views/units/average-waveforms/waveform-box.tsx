import { useCallback, useMemo } from 'react';
import { Canvas, type DrawFunction } from '../../../components/canvas.js';
import type { Electrode, ElectrodeId } from '../shared/electrodes.js';
import { drawReferenceProbe, drawWaveforms, type WaveformTrace } from './draw-waveforms.js';
import { geometrySlots, orderChannelsByDepth, verticalSlots } from './waveform-slots.js';

export interface WaveformBoxOptions {
  geometry: boolean;
  amplitudeScale: number;
  stretch: number;
  showSpread: boolean;
  showElectrodes: boolean;
  showChannelIds: boolean;
  showReferenceProbe: boolean;
}

/** Share of a box the reference probe strip takes. */
const referenceShare = 0.2;

/**
 * One box of average waveforms (one unit, or several overlaid) on a canvas: traces at their
 * electrodes in geometry mode, else stacked by depth; the reference probe at the right when on.
 */
export function WaveformBox({
  traces,
  width,
  height,
  locations,
  electrodes,
  options,
}: {
  traces: readonly WaveformTrace[];
  width: number;
  height: number;
  /** Channel positions by channel id, when the data has them. */
  locations: ReadonlyMap<string, Electrode> | undefined;
  /** The whole probe, for the reference strip. */
  electrodes: readonly Electrode[] | undefined;
  options: WaveformBoxOptions;
}) {
  const channelIds = useMemo(() => {
    const ids = new Map<string, ElectrodeId>();
    for (const t of traces) for (const id of t.channelIds) ids.set(String(id), id);
    return [...ids.values()];
  }, [traces]);
  const withReference = options.showReferenceProbe && electrodes !== undefined && electrodes.length > 0;
  const plotWidth = withReference ? Math.round(width * (1 - referenceShare)) : width;

  const slots = useMemo(() => {
    const size = { width: plotWidth, height };
    if (options.geometry && locations !== undefined) {
      const geometry = geometrySlots(channelIds, locations, size);
      if (geometry.slots.size > 0) return geometry;
    }
    return verticalSlots(orderChannelsByDepth(channelIds, locations), size);
  }, [channelIds, locations, plotWidth, height, options.geometry]);

  const draw = useCallback<DrawFunction>(
    (ctx) => {
      ctx.save();
      ctx.beginPath();
      ctx.rect(0, 0, plotWidth, height);
      ctx.clip();
      drawWaveforms(ctx, traces, { slots, ...options });
      ctx.restore();
      if (withReference && electrodes !== undefined) {
        drawReferenceProbe(ctx, electrodes, channelIds, { x: plotWidth, y: 0, width: width - plotWidth, height });
      }
    },
    [traces, slots, options, plotWidth, width, height, withReference, electrodes, channelIds],
  );
  return <Canvas width={width} height={height} draw={draw} />;
}
