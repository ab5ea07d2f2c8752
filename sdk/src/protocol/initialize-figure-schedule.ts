/**
 * When the shell posts `initializeFigure`, in ms after the iframe starts (figurl3 `Figure3.tsx`):
 * every 50 ms for the first 0.3 s, every 200 ms until 1 s, every 500 ms until 5 s, then every
 * 5 s; it gives up at 30 s. The shell stops early when the plugin first speaks.
 */
export function initializeFigureSchedule(): number[] {
  const times: number[] = [];
  for (let t = 0; t <= 300; t += 50) times.push(t);
  for (let t = 500; t <= 1000; t += 200) times.push(t);
  for (let t = 1500; t <= 5000; t += 500) times.push(t);
  for (let t = 10_000; t <= 30_000; t += 5000) times.push(t);
  return times;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Posts `initializeFigure` on the schedule until `stop()` (call it on the plugin's first
 * message) or 30 s. Returns `stop`.
 */
export function startInitializeFigure(post: () => void, timers: Timers): () => void {
  const handles = initializeFigureSchedule().map((ms) => timers.setTimeout(post, ms));
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    for (const handle of handles) timers.clearTimeout(handle);
  };
}
