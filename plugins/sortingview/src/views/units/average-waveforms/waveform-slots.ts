import type { Electrode, ElectrodeId } from '../shared/electrodes.js';
import { computeProbeLayout, type ProbeLayout } from '../shared/probe-layout.js';

/** Where one channel's trace goes in a box: centred at (cx, cy), `width` wide, peak amplitude reaching `halfHeight`. */
export interface ChannelSlot {
  cx: number;
  cy: number;
  width: number;
  halfHeight: number;
}

export interface WaveformSlots {
  slots: Map<string, ChannelSlot>;
  /** The probe layout in geometry mode (to draw the electrodes under the traces). */
  layout: ProbeLayout | undefined;
  electrodes: Electrode[];
}

const margin = 6;

/**
 * Geometry layout: each channel's trace centred on its electrode, as wide as the electrode
 * (0.9 × the closest spacing), the largest peak reaching about the next electrode (two radii).
 * Channels without a location are left out.
 */
export function geometrySlots(
  channelIds: readonly ElectrodeId[],
  locations: ReadonlyMap<string, Electrode>,
  size: { width: number; height: number },
): WaveformSlots {
  const electrodes = channelIds.map((id) => locations.get(String(id))).filter((e): e is Electrode => e !== undefined);
  const layout = computeProbeLayout(electrodes, {
    ...size,
    margin,
    autoRotate: false,
    maxRadius: Math.min(size.width, size.height) / 4,
  });
  const slots = new Map<string, ChannelSlot>();
  for (const e of electrodes) {
    const [cx, cy] = layout.toPixel(e);
    slots.set(String(e.id), { cx, cy, width: 2 * layout.radius, halfHeight: 2 * layout.radius });
  }
  return { slots, layout, electrodes };
}

/**
 * Vertical layout: one row per channel, top to bottom in the given order (by depth when
 * locations are known), each trace as wide as the box.
 */
export function verticalSlots(
  channelIds: readonly ElectrodeId[],
  size: { width: number; height: number },
): WaveformSlots {
  const rowHeight = (size.height - 2 * margin) / Math.max(1, channelIds.length);
  const slots = new Map<string, ChannelSlot>();
  channelIds.forEach((id, i) => {
    slots.set(String(id), {
      cx: size.width / 2,
      cy: margin + (i + 0.5) * rowHeight,
      width: size.width - 2 * margin,
      halfHeight: rowHeight / 2,
    });
  });
  return { slots, layout: undefined, electrodes: [] };
}

/** Channel ids deepest-last for the vertical layout: by descending y when located, else as given. */
export function orderChannelsByDepth(
  channelIds: readonly ElectrodeId[],
  locations: ReadonlyMap<string, Electrode> | undefined,
): ElectrodeId[] {
  if (locations === undefined) return [...channelIds];
  const y = (id: ElectrodeId) => locations.get(String(id))?.y ?? Number.NEGATIVE_INFINITY;
  return [...channelIds].sort((a, b) => y(b) - y(a));
}
