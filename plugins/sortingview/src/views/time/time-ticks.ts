import { formatFixed, niceStep, stepDecimals, type Tick } from './nice-ticks.js';

// From a second up, steps a clock reads naturally: 1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min, 1, 2, 6, 12 h.
const clockSteps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400];

/** The time step for ticks about `spacingPx` apart when `secondsPerPixel` seconds fill a pixel. */
export function timeTickStep(secondsPerPixel: number, spacingPx: number): number {
  const rough = secondsPerPixel * spacingPx;
  if (!(rough > 0) || !Number.isFinite(rough)) return 1;
  if (rough < 1) return niceStep(rough);
  for (const step of clockSteps) if (step >= rough) return step;
  return niceStep(rough / 86400) * 86400;
}

/**
 * A time as a tick reads at a given step: seconds with the step's decimals ("12.35 s"), or a
 * clock ("1:05:00", "12:30") once the step is a minute or more.
 */
export function formatTickTime(timeSec: number, step: number): string {
  if (step < 60) return `${formatFixed(timeSec, stepDecimals(step))} s`;
  const sign = timeSec < 0 ? '-' : '';
  const total = Math.round(Math.abs(timeSec));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return hours > 0 ? `${sign}${hours}:${pad(minutes)}:${pad(seconds)}` : `${sign}${minutes}:${pad(seconds)}`;
}

/**
 * Time ticks across the window [startSec, endSec] drawn `widthPx` wide, about `spacingPx` apart,
 * at round times (multiples of the step), labelled for that step.
 *
 * @example
 * createTimeTicks(0, 10, 500); // 0 s, 2 s, 4 s, … 10 s
 */
export function createTimeTicks(startSec: number, endSec: number, widthPx: number, spacingPx = 90): Tick[] {
  if (!(endSec > startSec) || !(widthPx > 0) || !Number.isFinite(startSec) || !Number.isFinite(endSec)) return [];
  const step = timeTickStep((endSec - startSec) / widthPx, spacingPx);
  const ticks: Tick[] = [];
  const first = Math.ceil(startSec / step - 1e-9);
  const last = Math.floor(endSec / step + 1e-9);
  for (let k = first; k <= last && ticks.length < 1000; k++) {
    const value = k * step;
    ticks.push({ value, label: formatTickTime(value, step) });
  }
  return ticks;
}
