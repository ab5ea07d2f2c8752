/** Each box-size step multiplies or divides by 1.3, as sortingview's grids do. */
export const boxScaleStep = 1.3;
const minScale = boxScaleStep ** -5;
const maxScale = boxScaleStep ** 8;

/** The next box scale up (+1) or down (−1), clamped so boxes stay between tiny and one screen. */
export function stepBoxScale(scale: number, direction: 1 | -1): number {
  const next = direction > 0 ? scale * boxScaleStep : scale / boxScaleStep;
  return Math.min(maxScale, Math.max(minScale, next));
}

/** A base size at a scale, in whole pixels (at least 16). */
export function scaleBoxSize(
  base: { width: number; height: number },
  scale: number,
): { width: number; height: number } {
  return { width: Math.max(16, Math.round(base.width * scale)), height: Math.max(16, Math.round(base.height * scale)) };
}
