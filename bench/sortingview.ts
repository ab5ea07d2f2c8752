// The sortingview plugin's performance targets, each with a baseline measured in the same
// Chromium run:
//   raster     300 units, 1,000,000 spikes: first frame < 1 s after the data arrives, pan/zoom
//              frames < 33 ms at the 95th percentile; baseline: one main-thread draw of every
//              spike (a fillRect each) on a canvas of the same size.
//   select all a 500-unit UnitsTable, header checkbox to the next painted frame: < 100 ms;
//              baseline: the same change made directly on a plain DOM table of 500 rows.
//   decoding   a 100 MB figure's ndarrays → typed arrays: ≥ 100 MB/s, peak memory < 3× the
//              data; baseline: the legacy decoder into nested arrays (what the original parent did).
//
//   npm run bench:sortingview -w @figurl/bench   (needs the plugins and shell built: npm run build:shell)
import { launchChromium, startFigurlStack } from '../test/support/figurl-stack.js';
import { makeLargeFigure, measureDecoding } from './sortingview/measure-decoding.js';
import { makeRaster, measureRaster, measureSelectAll } from './sortingview/measure-views.js';
import { median } from './support/median.js';

const megabytes = Number(process.env.FIGURL_BENCH_FIGURE_MB ?? 100);
const runs = Math.max(1, Number(process.env.FIGURL_BENCH_RUNS ?? 3));
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS');

const browser = await launchChromium(['--js-flags=--expose-gc']);
const stack = await startFigurlStack({
  databaseUrl: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test',
});
try {
  // Raster plot.
  const raster = makeRaster(300, 1_000_000, 3600);
  console.log(`raster: 300 units, ${raster.total.toLocaleString('en')} spikes over 1 h; ${runs} runs, fresh page each`);
  const rasterRuns = [];
  for (let i = 0; i < runs; i++) rasterRuns.push(await measureRaster(browser, stack, raster));
  const firstFrame = median(rasterRuns.map((r) => r.firstFrameMs));
  const pageToFirst = median(rasterRuns.map((r) => r.pageToFirstFrameMs));
  const frames = rasterRuns.flatMap((r) => r.interactionFrames);
  const p95 = percentile(frames, 95);
  const naive = median(rasterRuns.map((r) => r.naiveFullDrawMs));
  console.log(
    `  first frame after data: median ${firstFrame.toFixed(0)} ms (${rasterRuns.map((r) => r.firstFrameMs.toFixed(0)).join(', ')}); target < 1000 ms: ${verdict(firstFrame < 1000)}; plugin page start to first frame (4 MB loaded, verified, decoded): median ${pageToFirst.toFixed(0)} ms`,
  );
  console.log(
    `  pan/zoom frames: ${frames.length}, p50 ${percentile(frames, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms; target p95 < 33 ms: ${verdict(p95 < 33)}`,
  );
  console.log(
    `  baseline, every spike drawn once on the main thread: ${naive.toFixed(0)} ms; p95 frame / baseline: ${(p95 / naive).toFixed(3)}×`,
  );

  // Select all.
  const selectRuns = [];
  for (let i = 0; i < runs; i++) selectRuns.push(await measureSelectAll(browser, stack, 500));
  const select = median(selectRuns.flatMap((r) => r.selectAllMs));
  const plain = median(selectRuns.flatMap((r) => r.plainDomMs));
  console.log(
    `select all in a 500-unit UnitsTable: median ${select.toFixed(1)} ms, p95 ${percentile(
      selectRuns.flatMap((r) => r.selectAllMs),
      95,
    ).toFixed(1)} ms; target < 100 ms: ${verdict(select < 100)}`,
  );
  console.log(
    `  baseline, the same change on a plain DOM table: ${plain.toFixed(1)} ms; ratio ${(select / plain).toFixed(2)}×`,
  );

  // Decoding.
  const { json, arrayBytes } = makeLargeFigure(megabytes);
  console.log(
    `decoding: a ${mb(json.length)} MB figure (${mb(arrayBytes)} MB of float32 arrays), ${runs} runs each, fresh page each`,
  );
  const typedRuns = [];
  const nestedRuns = [];
  for (let i = 0; i < runs; i++) {
    typedRuns.push(await measureDecoding(browser, json, 'typed'));
    nestedRuns.push(await measureDecoding(browser, json, 'nested'));
  }
  const typedMs = median(typedRuns.map((r) => r.ms));
  const nestedMs = median(nestedRuns.map((r) => r.ms));
  const typedPeak = median(typedRuns.map((r) => r.peakBytes));
  const nestedPeak = median(nestedRuns.map((r) => r.peakBytes));
  const rate = json.length / 1e6 / (typedMs / 1000);
  console.log(
    `  typed (plugin):  ${typedMs.toFixed(0)} ms = ${rate.toFixed(0)} MB/s; peak ${mb(typedPeak)} MB = ${(typedPeak / json.length).toFixed(2)}× the data (parsed tree ${mb(median(typedRuns.map((r) => r.parsedBytes)))} MB)`,
  );
  console.log(
    `  nested (legacy): ${nestedMs.toFixed(0)} ms = ${(json.length / 1e6 / (nestedMs / 1000)).toFixed(0)} MB/s; peak ${mb(nestedPeak)} MB = ${(nestedPeak / json.length).toFixed(2)}× the data`,
  );
  console.log(
    `  typed vs nested: ${(nestedMs / typedMs).toFixed(1)}× faster, ${(typedPeak / nestedPeak).toFixed(2)}× the memory`,
  );
  console.log(
    `  target ≥ 100 MB/s: ${verdict(rate >= 100)}; target peak < 3×: ${verdict(typedPeak / json.length < 3)}`,
  );
} finally {
  await browser.close();
  await stack.stop();
}
