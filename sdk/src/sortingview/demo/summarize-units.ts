import type { DemoSorting, DemoUnit } from './create-demo-sorting.js';
import { createRandom } from './create-random.js';

/** What the views show of a unit, computed from its spikes. */
export interface UnitSummary {
  unitId: number;
  numEvents: number;
  firingRateHz: number;
  /** |mean amplitude| / noise level, as sortingview's units table computes it. */
  snr: number;
  /** Standard deviation of the amplitudes over their mean magnitude. */
  amplitudeCv: number;
  /** Full width at half the trough, on the peak channel (ms). */
  halfWidthMs: number;
  /** Index of the channel with the deepest average trough. */
  peakChannel: number;
  /** The peak channel and its nearest neighbours (indices), as sortingview's 7-channel neighbourhood. */
  neighborhood: number[];
  /** Mean and standard deviation of the unit's snippets: one row per channel (all channels). */
  waveform: Float32Array[];
  waveformStdDev: Float32Array[];
  /** Centre of mass of the peak-to-peak amplitudes over the neighbourhood (µm). */
  x: number;
  y: number;
}

/** At most this many snippets per unit are averaged, as sortingview subsamples them. */
const maxSnippets = 100;
const neighborhoodSize = 7;

/**
 * Summaries of every unit: counts and rates from the train, SNR from the amplitudes, the
 * average waveform and its spread from up to 100 snippets (the template times each spike's
 * scale, plus noise), and the unit's location from its waveform.
 */
export function summarizeUnits(sorting: DemoSorting, noiseLevel: number): UnitSummary[] {
  const random = createRandom(sorting.seed ^ 0x5eed);
  const durationSec = sorting.numFrames / sorting.samplingFrequency;
  return sorting.units.map((unit) => {
    const { waveform, waveformStdDev } = averageSnippets(sorting, unit, () => random.gaussian());
    const peakChannel = deepestChannel(waveform);
    const neighborhood = nearestChannels(sorting, peakChannel, neighborhoodSize);
    const { x, y } = centerOfMass(sorting, waveform, neighborhood);
    const { mean, std } = meanAndStd(unit.amplitudes);
    return {
      unitId: unit.unitId,
      numEvents: unit.spikeFrames.length,
      firingRateHz: unit.spikeFrames.length / durationSec,
      snr: Math.abs(mean) / noiseLevel,
      amplitudeCv: std / Math.abs(mean),
      halfWidthMs: halfWidthMs(waveform[peakChannel] as Float32Array, sorting.samplingFrequency),
      peakChannel,
      neighborhood,
      waveform,
      waveformStdDev,
      x,
      y,
    };
  });
}

/**
 * Cosine similarity of two units' average waveforms over all channels (spikeinterface's
 * template similarity): 1 for the same shape whatever the scale.
 */
export function templateSimilarity(a: readonly Float32Array[], b: readonly Float32Array[]): number {
  let dot = 0;
  let aa = 0;
  let bb = 0;
  a.forEach((row, c) => {
    const other = b[c] as Float32Array;
    for (let s = 0; s < row.length; s++) {
      const u = row[s] as number;
      const v = other[s] as number;
      dot += u * v;
      aa += u * u;
      bb += v * v;
    }
  });
  return dot / Math.sqrt(aa * bb);
}

/**
 * sortingview's `estimate_noise_level`: the median absolute deviation of a traces sample
 * (each channel centred) over 0.6745, an estimate of the noise's standard deviation.
 */
export function estimateNoiseLevel(sorting: DemoSorting, sampleFrames = 3000): number {
  const random = createRandom(sorting.seed ^ 0xab5);
  const channels = sorting.probe.channelIds.length;
  const deviations = new Float32Array(sampleFrames * channels);
  for (let c = 0; c < channels; c++) {
    const trace = Float32Array.from({ length: sampleFrames }, () => sorting.noiseStd * random.gaussian());
    const mean = trace.reduce((a, b) => a + b, 0) / sampleFrames;
    trace.forEach((v, i) => {
      deviations[c * sampleFrames + i] = Math.abs(v - mean);
    });
  }
  deviations.sort();
  return (deviations[Math.floor(deviations.length / 2)] as number) / 0.6745;
}

function averageSnippets(sorting: DemoSorting, unit: DemoUnit, gaussian: () => number) {
  const template = sorting.templates[unit.neuron] as Float32Array;
  const samples = sorting.snippetSamples;
  const channels = template.length / samples;
  const count = Math.min(maxSnippets, unit.spikeFrames.length);
  const sum = new Float64Array(template.length);
  const sumSquares = new Float64Array(template.length);
  for (let k = 0; k < count; k++) {
    // Evenly through the recording, as sortingview picks its subsample.
    const scale = unit.scales[Math.floor((k * unit.spikeFrames.length) / count)] as number;
    for (let i = 0; i < template.length; i++) {
      const value = (template[i] as number) * scale + sorting.noiseStd * gaussian();
      sum[i] = (sum[i] as number) + value;
      sumSquares[i] = (sumSquares[i] as number) + value * value;
    }
  }
  const rows = (f: (i: number) => number) =>
    Array.from({ length: channels }, (_, c) => Float32Array.from({ length: samples }, (_, s) => f(c * samples + s)));
  const mean = (i: number) => (sum[i] as number) / count;
  return {
    waveform: rows(mean),
    waveformStdDev: rows((i) => Math.sqrt(Math.max(0, (sumSquares[i] as number) / count - mean(i) ** 2))),
  };
}

function deepestChannel(waveform: readonly Float32Array[]): number {
  let best = 0;
  let deepest = Number.POSITIVE_INFINITY;
  waveform.forEach((row, c) => {
    const trough = Math.min(...row);
    if (trough < deepest) [best, deepest] = [c, trough];
  });
  return best;
}

function nearestChannels(sorting: DemoSorting, channel: number, size: number): number[] {
  const [px, py] = sorting.probe.locations[channel] as [number, number];
  return sorting.probe.locations
    .map(([x, y], c) => ({ c, d: (x - px) ** 2 + (y - py) ** 2 }))
    .sort((a, b) => a.d - b.d || a.c - b.c)
    .slice(0, size)
    .map(({ c }) => c)
    .sort((a, b) => a - b);
}

function centerOfMass(sorting: DemoSorting, waveform: readonly Float32Array[], channels: readonly number[]) {
  let total = 0;
  let x = 0;
  let y = 0;
  for (const c of channels) {
    const row = waveform[c] as Float32Array;
    const ptp = Math.max(...row) - Math.min(...row);
    const [cx, cy] = sorting.probe.locations[c] as [number, number];
    total += ptp;
    x += ptp * cx;
    y += ptp * cy;
  }
  return { x: x / total, y: y / total };
}

function meanAndStd(values: Float32Array): { mean: number; std: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  return { mean, std: Math.sqrt(variance) };
}

function halfWidthMs(row: Float32Array, samplingFrequency: number): number {
  const half = Math.min(...row) / 2;
  const below = row.filter((v) => v < half).length;
  return (below / samplingFrequency) * 1000;
}
