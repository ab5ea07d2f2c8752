import type { Matrix } from '../../../data/arrays.js';
import { drawElectrodes } from '../shared/draw-electrodes.js';
import type { Electrode, ElectrodeId } from '../shared/electrodes.js';
import { computeProbeLayout } from '../shared/probe-layout.js';
import type { WaveformSlots } from './waveform-slots.js';

/** One unit's traces, ready to draw (channel means already subtracted). */
export interface WaveformTrace {
  channelIds: readonly ElectrodeId[];
  waveform: Matrix;
  stdDev?: Matrix | undefined;
  percentiles?: Matrix[] | undefined;
  color: string;
}

export interface WaveformDrawOptions {
  slots: WaveformSlots;
  /** Amplitude to slot half-heights: a value v is drawn v × amplitudeScale × halfHeight above the centre. */
  amplitudeScale: number;
  /** Horizontal stretch of every trace around its centre. */
  stretch: number;
  showSpread: boolean;
  showElectrodes: boolean;
  showChannelIds: boolean;
}

type Row = (sample: number) => number;

function tracePath(
  ctx: CanvasRenderingContext2D,
  samples: number,
  x: (s: number) => number,
  y: (v: number) => number,
  value: Row,
  reverse = false,
) {
  for (let k = 0; k < samples; k++) {
    const s = reverse ? samples - 1 - k : k;
    ctx.lineTo(x(s), y(value(s)));
  }
}

/**
 * Average waveforms in their channel slots: electrodes (optional), spread bands (stdev, or 2/4
 * percentiles as one or two bands), then the mean traces, then channel ids (optional).
 */
export function drawWaveforms(
  ctx: CanvasRenderingContext2D,
  traces: readonly WaveformTrace[],
  options: WaveformDrawOptions,
): void {
  const { slots, amplitudeScale, stretch } = options;
  if (options.showElectrodes && slots.layout !== undefined) {
    drawElectrodes(ctx, slots.electrodes, slots.layout);
  } else if (options.showElectrodes) {
    ctx.fillStyle = '#e4e4e4';
    for (const slot of slots.slots.values()) ctx.fillRect(slot.cx - slot.width / 2, slot.cy, slot.width, 1);
  }

  for (const trace of traces) {
    const samples = trace.waveform.cols;
    trace.channelIds.forEach((channelId, c) => {
      const slot = slots.slots.get(String(channelId));
      if (slot === undefined || samples === 0) return;
      const x = (s: number) => slot.cx + (samples > 1 ? s / (samples - 1) - 0.5 : 0) * slot.width * stretch;
      const y = (v: number) => slot.cy - v * amplitudeScale * slot.halfHeight;
      const at = (m: Matrix) => (s: number) => m.data[c * samples + s] as number;
      const mean = at(trace.waveform);

      const band = (lower: Row, upper: Row, alpha: number) => {
        ctx.beginPath();
        tracePath(ctx, samples, x, y, lower);
        tracePath(ctx, samples, x, y, upper, true);
        ctx.closePath();
        ctx.globalAlpha = alpha;
        ctx.fillStyle = trace.color;
        ctx.fill();
        ctx.globalAlpha = 1;
      };
      if (options.showSpread && trace.percentiles !== undefined) {
        const [p0, p1, p2, p3] = trace.percentiles;
        if (p0 !== undefined && p1 !== undefined && p2 !== undefined && p3 !== undefined) {
          band(at(p0), at(p3), 0.18);
          band(at(p1), at(p2), 0.32);
        } else if (p0 !== undefined && p1 !== undefined) {
          band(at(p0), at(p1), 0.3);
        }
      } else if (options.showSpread && trace.stdDev !== undefined) {
        const sd = at(trace.stdDev);
        band(
          (s) => mean(s) - sd(s),
          (s) => mean(s) + sd(s),
          0.25,
        );
      }

      ctx.beginPath();
      ctx.moveTo(x(0), y(mean(0)));
      tracePath(ctx, samples, x, y, mean);
      ctx.strokeStyle = trace.color;
      ctx.lineWidth = 1.2;
      ctx.stroke();
    });
  }

  if (options.showChannelIds) {
    ctx.font = '9px system-ui, sans-serif';
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.fillStyle = '#666';
    for (const [key, slot] of slots.slots) {
      ctx.fillText(key, slot.cx - slot.width / 2, slot.cy - slot.halfHeight);
    }
  }
}

/** The whole probe in a strip beside the waveforms, this unit's channels highlighted. */
export function drawReferenceProbe(
  ctx: CanvasRenderingContext2D,
  electrodes: readonly Electrode[],
  channelIds: readonly ElectrodeId[],
  area: { x: number; y: number; width: number; height: number },
): void {
  const layout = computeProbeLayout(electrodes, {
    width: area.width,
    height: area.height,
    margin: 4,
    autoRotate: false,
  });
  ctx.save();
  ctx.translate(area.x, area.y);
  ctx.fillStyle = '#f6f6f6';
  ctx.fillRect(0, 0, area.width, area.height);
  drawElectrodes(ctx, electrodes, layout, { selectedKeys: new Set(channelIds.map(String)) });
  ctx.restore();
}
