import type { Electrode } from './electrodes.js';
import type { ProbeLayout } from './probe-layout.js';

export interface ElectrodeStyle {
  selectedKeys?: ReadonlySet<string> | undefined;
  hoveredKey?: string | undefined;
  /** Write channel ids inside electrodes big enough to hold them. */
  showLabels?: boolean | undefined;
}

/** Electrodes as circles at their probe positions; selected ones filled blue, the hovered one outlined. */
export function drawElectrodes(
  ctx: CanvasRenderingContext2D,
  electrodes: readonly Electrode[],
  layout: ProbeLayout,
  { selectedKeys, hoveredKey, showLabels = false }: ElectrodeStyle = {},
): void {
  const r = Math.max(1.5, layout.radius);
  for (const electrode of electrodes) {
    const key = String(electrode.id);
    const [x, y] = layout.toPixel(electrode);
    const selected = selectedKeys?.has(key) === true;
    ctx.beginPath();
    ctx.arc(x, y, r, 0, 2 * Math.PI);
    ctx.fillStyle = selected ? '#3d7bd9' : '#e8e8e8';
    ctx.fill();
    ctx.lineWidth = key === hoveredKey ? 2 : 1;
    ctx.strokeStyle = key === hoveredKey ? '#222' : '#a0a0a0';
    ctx.stroke();
  }
  if (!showLabels || r < 7) return;
  ctx.font = `${Math.min(12, r)}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (const electrode of electrodes) {
    const [x, y] = layout.toPixel(electrode);
    ctx.fillStyle = selectedKeys?.has(String(electrode.id)) === true ? '#fff' : '#444';
    ctx.fillText(String(electrode.id), x, y, 2 * r - 2);
  }
}
