import type { ValueAxis } from '../paint-time-axes.js';

/** Each click on the amplitude-scale buttons multiplies or divides the scale by this. */
export const amplitudeScaleStep = 1.3;

/**
 * The y axis of the amplitude plot: the plotted units' amplitude extents with zero included
 * (the dashed zero line stays in view) and 5 % headroom, divided by the amplitude scale, so a
 * scale of 2 shows amplitudes twice as tall.
 *
 * @example
 * amplitudeAxis([[-80, -10], [-120, 5]], 1); // { min: -126.25, max: 11.25 }
 */
export function amplitudeAxis(extents: readonly (readonly [number, number])[], scale: number): ValueAxis {
  let lo = 0;
  let hi = 0;
  for (const [min, max] of extents) {
    if (min < lo) lo = min;
    if (max > hi) hi = max;
  }
  if (hi === lo) return { min: -1 / scale, max: 1 / scale };
  const pad = (hi - lo) * 0.05;
  return { min: (lo - pad) / scale, max: (hi + pad) / scale };
}
