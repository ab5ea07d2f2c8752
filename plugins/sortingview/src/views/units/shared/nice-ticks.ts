/**
 * Round tick values (steps of 1, 2 or 5 × 10^k) covering [min, max], at most about `maxCount`.
 *
 * @example
 * niceTicks(-50, 50, 5); // [-40, -20, 0, 20, 40]
 */
export function niceTicks(min: number, max: number, maxCount: number): number[] {
  if (!(max > min) || !Number.isFinite(min) || !Number.isFinite(max) || maxCount < 1) return [];
  const rough = (max - min) / maxCount;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const ticks: number[] = [];
  const first = Math.ceil(min / step);
  for (let i = first; i * step <= max + step * 1e-9; i++) {
    // Round away floating-point drift (0.30000000000000004).
    ticks.push(Number((i * step).toPrecision(12)));
  }
  return ticks;
}

/** A tick label without trailing float noise. */
export function formatTick(value: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e5 || abs < 1e-3) return value.toExponential(1);
  return String(Number(value.toPrecision(6)));
}
