export interface Point {
  x: number;
  y: number;
}

export interface ProbeLayoutOptions {
  width: number;
  height: number;
  /** Pixels kept free on every side (default 10). */
  margin?: number;
  /** Turn the probe 90° when its orientation (portrait/landscape) differs from the canvas's (default true). */
  autoRotate?: boolean;
  /** Largest electrode radius in pixels: a tetrode must not fill the canvas (default 20). */
  maxRadius?: number;
  /** Points that must fit too (unit locations), not used for spacing. */
  extraPoints?: readonly Point[];
}

/** Where probe coordinates land on a canvas: y up, aspect kept, centred. */
export interface ProbeLayout {
  rotated: boolean;
  /** Pixels per probe unit. */
  scale: number;
  /** Electrode radius in pixels: 45 % of the closest electrode spacing. */
  radius: number;
  toPixel(point: Point): [number, number];
}

/** Smallest non-zero distance between two points (sweep over x; Infinity for fewer than two). */
export function minimumSpacing(points: readonly Point[]): number {
  const sorted = [...points].sort((a, b) => a.x - b.x);
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i] as Point;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j] as Point;
      const dx = b.x - a.x;
      if (dx >= best) break;
      const d = Math.hypot(dx, b.y - a.y);
      if (d > 0 && d < best) best = d;
    }
  }
  return best;
}

interface Bounds {
  xmin: number;
  xmax: number;
  ymin: number;
  ymax: number;
}

function boundsOf(points: readonly Point[]): Bounds {
  const b = { xmin: Infinity, xmax: -Infinity, ymin: Infinity, ymax: -Infinity };
  for (const p of points) {
    b.xmin = Math.min(b.xmin, p.x);
    b.xmax = Math.max(b.xmax, p.x);
    b.ymin = Math.min(b.ymin, p.y);
    b.ymax = Math.max(b.ymax, p.y);
  }
  return points.length === 0 ? { xmin: 0, xmax: 0, ymin: 0, ymax: 0 } : b;
}

const rotate = (p: Point): Point => ({ x: p.y, y: -p.x });

/**
 * Fits a probe (and any extra points) into a canvas, as sortingview's electrode geometry does:
 * electrode radius from the closest spacing, scale limited by width, height and the largest
 * radius, and a quarter turn when a tall probe meets a wide canvas (or the reverse).
 *
 * @example
 * const layout = computeProbeLayout(electrodes, { width: 300, height: 600 });
 * const [px, py] = layout.toPixel(electrodes[0]);
 */
export function computeProbeLayout(electrodes: readonly Point[], options: ProbeLayoutOptions): ProbeLayout {
  const { width, height, margin = 10, autoRotate = true, maxRadius = 20, extraPoints = [] } = options;
  const innerWidth = Math.max(1, width - 2 * margin);
  const innerHeight = Math.max(1, height - 2 * margin);

  const native = boundsOf(electrodes);
  let spacing = minimumSpacing(electrodes);
  if (!Number.isFinite(spacing)) {
    spacing = Math.max(native.xmax - native.xmin, native.ymax - native.ymin) || 1;
  }
  const radiusData = 0.45 * spacing;
  const probeAspect = (native.xmax - native.xmin + 2 * radiusData) / (native.ymax - native.ymin + 2 * radiusData);
  const canvasAspect = innerWidth / innerHeight;
  const rotated = autoRotate && probeAspect !== 1 && canvasAspect !== 1 && probeAspect > 1 !== canvasAspect > 1;

  const all = [...electrodes, ...extraPoints].map((p) => (rotated ? rotate(p) : p));
  const b = boundsOf(all);
  const boxWidth = b.xmax - b.xmin + 2 * radiusData;
  const boxHeight = b.ymax - b.ymin + 2 * radiusData;
  const scale = Math.min(innerWidth / boxWidth, innerHeight / boxHeight, maxRadius / radiusData);
  const cx = (b.xmin + b.xmax) / 2;
  const cy = (b.ymin + b.ymax) / 2;

  return {
    rotated,
    scale,
    radius: radiusData * scale,
    toPixel(point) {
      const p = rotated ? rotate(point) : point;
      return [width / 2 + (p.x - cx) * scale, height / 2 - (p.y - cy) * scale];
    },
  };
}
