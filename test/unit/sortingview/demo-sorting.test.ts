import {
  computeCorrelogram,
  createDemoSorting,
  createDemoSortingLayout,
  type DemoSorting,
  deserializeNdarrays,
} from '@figurl/sdk';
import { createNodeHasher } from '@figurl/sdk/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { estimateNoiseLevel, summarizeUnits, templateSimilarity } from '../../../sdk/src/sortingview/demo/index.js';

let sorting: DemoSorting;
beforeAll(() => {
  sorting = createDemoSorting();
});

/**
 * Every ordered pair of spikes (of one unit, or one of each), the bin rule written out: a delay
 * d ≥ 0 falls in [low, high), a negative one in (low, high], so a pair of one unit less than
 * half a bin apart counts twice in the centre bin, as in sortingview's Python.
 */
function bruteForceCorrelogram(
  frames1: Int32Array,
  frames2: Int32Array | null,
  fs: number,
  edgesMs: number[],
): number[] {
  const counts = new Array<number>(edgesMs.length - 1).fill(0);
  const other = frames2 ?? frames1;
  const [first, last] = [edgesMs[0] as number, edgesMs[edgesMs.length - 1] as number];
  for (let i = 0; i < frames1.length; i++) {
    for (let j = 0; j < other.length; j++) {
      if (frames2 === null && i === j) continue;
      const deltaMs = (((other[j] as number) - (frames1[i] as number)) * 1000) / fs;
      if (deltaMs < first || deltaMs > last) continue;
      for (let b = 0; b < counts.length; b++) {
        const [low, high] = [edgesMs[b] as number, edgesMs[b + 1] as number];
        const inside = deltaMs >= 0 ? low <= deltaMs && deltaMs < high : low < deltaMs && deltaMs <= high;
        if (inside) counts[b] = (counts[b] as number) + 1;
      }
    }
  }
  return counts;
}

describe('the synthetic sorting', () => {
  it('has 16 units on a 32-channel probe in two staggered columns, over 10 minutes', () => {
    expect(sorting.units.map((u) => u.unitId)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(sorting.probe.locations).toHaveLength(32);
    expect(new Set(sorting.probe.locations.map(([x]) => x))).toEqual(new Set([0, 32]));
    expect(sorting.probe.locations.slice(0, 3)).toEqual([
      [0, 0],
      [32, 10],
      [0, 20],
    ]);
    expect(sorting.numFrames / sorting.samplingFrequency).toBe(600);
  });

  it('respects a 2 ms refractory period in every train, and in every merge of near-duplicates', () => {
    const minInterval = (frames: Int32Array) => {
      let min = Number.POSITIVE_INFINITY;
      for (let i = 1; i < frames.length; i++) min = Math.min(min, (frames[i] as number) - (frames[i - 1] as number));
      return (min / sorting.samplingFrequency) * 1000;
    };
    for (const unit of sorting.units) {
      expect(unit.spikeFrames.length, `unit ${unit.unitId}`).toBeGreaterThan(500);
      expect(minInterval(unit.spikeFrames), `unit ${unit.unitId}`).toBeGreaterThanOrEqual(2);
    }
    for (const group of sorting.mergeGroups) {
      const merged = Int32Array.from(
        group.flatMap((id) => Array.from(sorting.units.find((u) => u.unitId === id)?.spikeFrames ?? [])),
      ).sort();
      expect(minInterval(merged)).toBeGreaterThanOrEqual(2);
    }
  });

  it('fires at the rates it was given (Poisson with dead time)', () => {
    const rates = sorting.units.map((u) => u.spikeFrames.length / 600);
    const neuronRates = sorting.units.map((u) => {
      const pieces = sorting.units.filter((v) => v.neuron === u.neuron).length;
      return (sorting.neurons[u.neuron]?.rateHz ?? 0) / pieces;
    });
    rates.forEach((rate, i) => {
      expect(rate).toBeCloseTo(neuronRates[i] as number, 0);
    });
  });

  it('has two pairs of near-duplicates whose templates are more alike than any other pair', () => {
    expect(sorting.mergeGroups).toHaveLength(2);
    const summaries = summarizeUnits(sorting, estimateNoiseLevel(sorting));
    const waveformOf = (id: number) => summaries.find((s) => s.unitId === id)?.waveform ?? [];
    const duplicates = new Set(sorting.mergeGroups.map((g) => g.join('-')));
    let mostSimilarOther = 0;
    for (const a of summaries) {
      for (const b of summaries) {
        if (a.unitId >= b.unitId) continue;
        const similarity = templateSimilarity(a.waveform, b.waveform);
        if (duplicates.has(`${a.unitId}-${b.unitId}`)) expect(similarity).toBeGreaterThan(0.98);
        else mostSimilarOther = Math.max(mostSimilarOther, similarity);
      }
    }
    expect(mostSimilarOther).toBeLessThan(0.95);
    for (const [a, b] of sorting.mergeGroups as [number, number][]) {
      expect(templateSimilarity(waveformOf(a), waveformOf(b))).toBeGreaterThan(mostSimilarOther + 0.05);
    }
  });

  it('estimates the noise level as sortingview does (MAD / 0.6745), close to the 10 µV simulated', () => {
    expect(estimateNoiseLevel(sorting)).toBeGreaterThan(9.5);
    expect(estimateNoiseLevel(sorting)).toBeLessThan(10.5);
  });
});

describe('computeCorrelogram', () => {
  const fs = 30000;
  const smallest = () => [...sorting.units].sort((a, b) => a.spikeFrames.length - b.spikeFrames.length);

  it('bins ±50 ms in 1 ms bins as sortingview’s Python: 99 bins, edges ±49.5 ms', () => {
    const { binEdgesSec, binCounts } = computeCorrelogram({ frames1: Int32Array.of(0, 15, 45), samplingFrequency: fs });
    expect(binCounts).toHaveLength(99);
    expect(binEdgesSec[0]).toBeCloseTo(-0.0495, 7);
    expect(binEdgesSec[98]).toBeCloseTo(0.0485, 7);
    expect(binEdgesSec[99]).toBeCloseTo(0.0495, 7);
    // Delays 0.5 ms (15 frames, bin 1), 1.5 ms (45: bin 2) and 1 ms (30: bin 1), each at + and −.
    expect(Array.from(binCounts.slice(46, 53))).toEqual([0, 1, 2, 0, 2, 1, 0]);
  });

  it('counts every autocorrelogram as a brute-force count over all pairs of spikes', () => {
    for (const unit of smallest().slice(0, 3)) {
      const { binEdgesSec, binCounts } = computeCorrelogram({ frames1: unit.spikeFrames, samplingFrequency: fs });
      const edgesMs = Array.from({ length: binEdgesSec.length }, (_, k) => k - 49.5);
      expect(Array.from(binCounts), `unit ${unit.unitId}`).toEqual(
        bruteForceCorrelogram(unit.spikeFrames, null, fs, edgesMs),
      );
      expect(binCounts[49]).toBe(0);
    }
  });

  it('counts cross-correlograms as a brute-force count, the second unit after the first on the right', () => {
    const [a, b] = smallest() as [DemoSorting['units'][number], DemoSorting['units'][number]];
    const { binEdgesSec, binCounts } = computeCorrelogram({
      frames1: a.spikeFrames,
      frames2: b.spikeFrames,
      samplingFrequency: fs,
    });
    const edgesMs = Array.from({ length: binEdgesSec.length }, (_, k) => k - 49.5);
    expect(Array.from(binCounts)).toEqual(bruteForceCorrelogram(a.spikeFrames, b.spikeFrames, fs, edgesMs));
    const swapped = computeCorrelogram({ frames1: b.spikeFrames, frames2: a.spikeFrames, samplingFrequency: fs });
    expect(Array.from(swapped.binCounts)).toEqual(Array.from(binCounts).reverse());
    // Two spikes at the same frame are one pair, counted once.
    expect(
      Array.from(computeCorrelogram({ frames1: [100], frames2: [100], samplingFrequency: fs }).binCounts).reduce(
        (x, y) => x + y,
      ),
    ).toBe(1);
  });

  it('shows the refractory dip between the halves of the split neuron', () => {
    const frames = (id: number) => sorting.units.find((u) => u.unitId === id)?.spikeFrames ?? new Int32Array();
    // The random split: both halves span the whole recording (the drift split does not).
    const spans = (id: number) => (frames(id)[0] ?? 0) < sorting.numFrames / 10;
    const split = sorting.mergeGroups.find((group) => group.every(spans)) as [number, number];
    const { binCounts } = computeCorrelogram({
      frames1: frames(split[0]),
      frames2: frames(split[1]),
      samplingFrequency: fs,
    });
    // No two spikes of one neuron closer than 2 ms: the bins within ±1.5 ms are empty.
    expect(Array.from(binCounts.slice(48, 51))).toEqual([0, 0, 0]);
    expect(Math.min(...binCounts.slice(0, 40))).toBeGreaterThan(0);
  });
});

describe('createDemoSortingLayout', () => {
  it('is a MountainLayout of every view plus the curation and selection controls', async () => {
    const layout = createDemoSortingLayout(sorting);
    expect(layout.items.map((item) => [item.label, item.view.type, item.isControl])).toEqual([
      ['Summary', 'Summary', false],
      ['Units table', 'UnitsTable', false],
      ['Raster plot', 'RasterPlot', false],
      ['Autocorrelograms', 'Autocorrelograms', false],
      ['Cross correlograms', 'CrossCorrelograms', false],
      ['Average waveforms', 'AverageWaveforms', false],
      ['Spike amplitudes', 'SpikeAmplitudes', false],
      ['Unit similarity matrix', 'UnitSimilarityMatrix', false],
      ['Unit locations', 'UnitLocations', false],
      ['Electrode geometry', 'ElectrodeGeometry', false],
      ['Unit metrics', 'UnitMetricsGraph', false],
      ['Curation', 'SortingCuration2', true],
      ['Selection', 'SortingSelection', true],
    ]);
    const data = (await deserializeNdarrays(layout.items[2]?.view.toDict())) as {
      plots: { spikeTimesSec: number[] }[];
    };
    expect(data.plots[0]?.spikeTimesSec).toHaveLength(sorting.units[0]?.spikeFrames.length as number);
    const autocorrelograms = (await deserializeNdarrays(layout.items[3]?.view.toDict())) as {
      autocorrelograms: { unitId: number; binCounts: number[] }[];
    };
    const unit = sorting.units[4] as DemoSorting['units'][number];
    expect(autocorrelograms.autocorrelograms[4]?.binCounts).toEqual(
      Array.from(computeCorrelogram({ frames1: unit.spikeFrames, samplingFrequency: 30000 }).binCounts),
    );
  });

  it('is made in well under a second, a few MB, the same every time', () => {
    const start = performance.now();
    const figure = createDemoSortingLayout().toFigure({ createHasher: createNodeHasher });
    const elapsed = performance.now() - start;
    const size = figure.views.reduce((total, view) => total + view.bytes.byteLength, 0);
    expect(elapsed).toBeLessThan(1000);
    expect(size).toBeGreaterThan(1_000_000);
    expect(size).toBeLessThan(4_000_000);
    expect(createDemoSortingLayout(createDemoSorting()).toFigure({ createHasher: createNodeHasher }).json).toBe(
      figure.json,
    );
    expect(createDemoSortingLayout(createDemoSorting(8)).toFigure({ createHasher: createNodeHasher }).json).not.toBe(
      figure.json,
    );
  });
});
