import { toVector } from '../../data/arrays.js';

/** A shaded time interval behind a time panel's data (ripples, events), absolute seconds. */
export interface HighlightSpan {
  startSec: number;
  endSec: number;
  /** [r, g, b] 0–255 and an optional alpha 0–1. */
  color: readonly number[] | undefined;
}

// sortingview's default span colour (a dark blue), light when the span is wide, solid when narrow.
const defaultColor = [0, 30, 255];

/** The fill of one span: its own alpha when given, else 0.2 (1 for spans under 2 px wide). */
export function highlightFill(color: readonly number[] | undefined, widthPx: number): string {
  const [r, g, b, a] = color ?? defaultColor;
  const alpha = a !== undefined ? a : widthPx < 2 ? 1 : 0.2;
  return `rgba(${r ?? 0}, ${g ?? 0}, ${b ?? 0}, ${alpha})`;
}

/**
 * The spans of a view's `highlightIntervals` field
 * (`[{intervalStarts, intervalEnds, color?:[r,g,b,a?]}]`), shifted by `timeOffset`.
 */
export function parseHighlightIntervals(value: unknown, what: string, timeOffset = 0): HighlightSpan[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error(`invalid ${what}: expected a list of interval sets`);
  const spans: HighlightSpan[] = [];
  value.forEach((set: unknown, i) => {
    if (typeof set !== 'object' || set === null) {
      throw new Error(`invalid ${what}[${i}]: expected {intervalStarts, intervalEnds, color?}`);
    }
    const record = set as Record<string, unknown>;
    const starts = toVector(record.intervalStarts, `${what}[${i}].intervalStarts`);
    const ends = toVector(record.intervalEnds, `${what}[${i}].intervalEnds`);
    if (starts.length !== ends.length) {
      throw new Error(
        `invalid ${what}[${i}]: expected as many intervalEnds as intervalStarts, got ${ends.length} and ${starts.length}`,
      );
    }
    const color = record.color;
    if (
      color !== undefined &&
      !(Array.isArray(color) && color.length >= 3 && color.every((c) => typeof c === 'number'))
    ) {
      throw new Error(`invalid ${what}[${i}].color: expected [r, g, b] or [r, g, b, a]`);
    }
    for (let k = 0; k < starts.length; k++) {
      spans.push({
        startSec: (starts[k] as number) + timeOffset,
        endSec: (ends[k] as number) + timeOffset,
        color: color as number[] | undefined,
      });
    }
  });
  return spans;
}
