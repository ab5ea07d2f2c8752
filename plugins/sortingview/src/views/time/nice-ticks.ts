/** One axis tick: where it sits in data units and what it reads. */
export interface Tick {
  value: number;
  label: string;
}

/** The 1-2-5 step at or above `rough` (…, 0.5, 1, 2, 5, 10, …). */
export function niceStep(rough: number): number {
  if (!(rough > 0) || !Number.isFinite(rough)) return 1;
  const base = 10 ** Math.floor(Math.log10(rough));
  const f = rough / base;
  // The comparisons take a hair of slack so 0.3 / 0.1 (2.9999…) does not jump to the next step.
  const m = f <= 1 + 1e-9 ? 1 : f <= 2 + 1e-9 ? 2 : f <= 5 + 1e-9 ? 5 : 10;
  return m * base;
}

/** Decimals that show every multiple of `step` exactly (0 for steps of 1 or more). */
export function stepDecimals(step: number): number {
  if (!(step > 0) || step >= 1) return 0;
  return Math.min(12, Math.max(0, Math.ceil(-Math.log10(step) - 1e-9)));
}

/** `value` with `decimals` decimals, never "-0". */
export function formatFixed(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/**
 * Ticks at round values across [min, max] for an axis `pixels` long, about `spacingPx` apart.
 *
 * @example
 * createValueTicks(-80, 20, 200); // [{value:-80,label:'-80'}, {value:-60,…}, …, {value:20,…}]
 */
export function createValueTicks(min: number, max: number, pixels: number, spacingPx = 30): Tick[] {
  if (!(max > min) || !(pixels > 0) || !Number.isFinite(min) || !Number.isFinite(max)) return [];
  const step = niceStep(((max - min) * spacingPx) / pixels);
  const decimals = stepDecimals(step);
  const ticks: Tick[] = [];
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  for (let k = first; k <= last && ticks.length < 1000; k++) {
    const value = k * step;
    ticks.push({ value, label: formatFixed(value, decimals) });
  }
  return ticks;
}
