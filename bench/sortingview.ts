// The sortingview plugin's performance targets (issue: spike sorting views), each against a
// baseline measured in the same Chromium run:
//   decoding   a 100 MB figure's ndarrays → typed arrays: ≥ 100 MB/s, peak memory < 3× the data;
//              baseline: the legacy decoder into nested arrays (what the original parent did).
//
//   npm run bench:sortingview -w @figurl/bench
import { launchChromium } from '../test/support/figurl-stack.js';
import { makeLargeFigure, measureDecoding } from './sortingview/measure-decoding.js';

const megabytes = Number(process.env.FIGURL_BENCH_FIGURE_MB ?? 100);
const runs = Math.max(1, Number(process.env.FIGURL_BENCH_RUNS ?? 3));
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

const browser = await launchChromium(['--js-flags=--expose-gc']);
try {
  const { json, arrayBytes } = makeLargeFigure(megabytes);
  console.log(
    `decoding: a ${mb(json.length)} MB figure (${mb(arrayBytes)} MB of float32 arrays), ${runs} runs each, fresh page each`,
  );
  const results = {
    typed: [] as Awaited<ReturnType<typeof measureDecoding>>[],
    nested: [] as Awaited<ReturnType<typeof measureDecoding>>[],
  };
  for (let i = 0; i < runs; i++) {
    results.typed.push(await measureDecoding(browser, json, 'typed'));
    results.nested.push(await measureDecoding(browser, json, 'nested'));
  }
  const best = (xs: typeof results.typed) =>
    [...xs].sort((a, b) => a.ms - b.ms)[Math.floor(xs.length / 2)] as (typeof xs)[number];
  const typed = best(results.typed);
  const nested = best(results.nested);
  const rate = json.length / 1e6 / (typed.ms / 1000);
  const peakRatio = typed.peakBytes / json.length;
  console.log(
    `  typed (plugin):  ${typed.ms.toFixed(0)} ms = ${rate.toFixed(0)} MB/s; parsed tree ${mb(typed.parsedBytes)} MB; peak ${mb(typed.peakBytes)} MB = ${peakRatio.toFixed(2)}× the data`,
  );
  console.log(
    `  nested (legacy): ${nested.ms.toFixed(0)} ms = ${(json.length / 1e6 / (nested.ms / 1000)).toFixed(0)} MB/s; peak ${mb(nested.peakBytes)} MB = ${(nested.peakBytes / json.length).toFixed(2)}× the data`,
  );
  console.log(
    `  speed typed/nested: ${(nested.ms / typed.ms).toFixed(1)}×; memory typed/nested: ${(typed.peakBytes / nested.peakBytes).toFixed(2)}×`,
  );
  console.log(
    `  target ≥ 100 MB/s: ${rate >= 100 ? 'PASS' : 'MISS'}; target peak < 3×: ${peakRatio < 3 ? 'PASS' : 'MISS'}`,
  );
} finally {
  await browser.close();
}
