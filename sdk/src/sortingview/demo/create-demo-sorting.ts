import { createProbe, type Probe } from './create-probe.js';
import { createRandom, type Random } from './create-random.js';
import { type DemoNeuron, neuronTemplate } from './neuron-template.js';

/** A sorted unit of the demo: its spikes and, per spike, the scale of the neuron's template it had. */
export interface DemoUnit {
  unitId: number;
  /** The neuron (index into `neurons`) whose spikes these are. */
  neuron: number;
  /** Spike times in frames, ascending. */
  spikeFrames: Int32Array;
  /** Per spike: amplitude jitter times drift, multiplying the neuron's template. */
  scales: Float32Array;
  /** Per spike: the trough on the neuron's peak channel (µV, negative), noise included. */
  amplitudes: Float32Array;
}

/** A synthetic recording and its sorting, every number from one seed. */
export interface DemoSorting {
  samplingFrequency: number;
  numFrames: number;
  probe: Probe;
  /** Standard deviation of the background noise on each channel (µV). */
  noiseStd: number;
  /** Snippet length (samples) and where the trough is in it. */
  snippetSamples: number;
  troughIndex: number;
  neurons: DemoNeuron[];
  /** Per neuron: channels × samples, row-major. */
  templates: Float32Array[];
  units: DemoUnit[];
  /** Units that are one neuron, as a curator should merge them (each group sorted). */
  mergeGroups: number[][];
  /** The seed everything came from; noise drawn later (snippets) comes from it too. */
  seed: number;
}

const samplingFrequency = 30_000;
const durationSec = 600;
const refractoryFrames = 60; // 2 ms at 30 kHz

/** [x, y, z, amplitude µV, rate Hz] of the 14 neurons, spread along the shank. */
const placements: readonly (readonly [number, number, number, number, number])[] = [
  [4, 22, 18, 120, 3],
  [30, 45, 22, 180, 12],
  [12, 70, 15, 90, 6],
  [26, 95, 25, 220, 20],
  [-6, 118, 20, 70, 4],
  [38, 140, 16, 150, 9],
  [10, 162, 24, 130, 15],
  [22, 185, 14, 60, 2.5],
  [2, 205, 20, 110, 7],
  [28, 228, 18, 200, 24],
  [14, 250, 22, 100, 5],
  [34, 268, 15, 160, 11],
  [6, 288, 19, 140, 8],
  [18, 130, 30, 45, 1.5],
];
/** Sorted in two at random, spike by spike: two units with one template, their cross-correlogram empty near 0. */
const splitNeuron = 9;
/** Its amplitude shrinks to 70 % over the recording; sorted in two at the half-way point. */
const driftingNeuron = 12;

/**
 * A 10-minute, 32-channel synthetic recording (30 kHz) of 14 neurons and a sorting of it into
 * 16 units: 12 neurons sorted right, one split at random into two units, one whose amplitude
 * drifts split in time. Spike trains are Poisson with a 2 ms refractory period; each spike
 * scales its neuron's template by a jitter of 8 % (and the drift). Everything follows from
 * `seed`, so the demo figure never changes.
 *
 * @example
 * const sorting = createDemoSorting();
 * sorting.units.length; // 16
 * sorting.mergeGroups;  // the two pairs of units that are one neuron each
 */
export function createDemoSorting(seed = 7): DemoSorting {
  const random = createRandom(seed);
  const probe = createProbe(32);
  const numFrames = samplingFrequency * durationSec;
  const snippetSamples = 40;
  const troughIndex = 20;
  const neurons = placements.map(([x, y, z, amplitude, rateHz]) => ({
    x,
    y,
    z,
    amplitude,
    rateHz,
    troughWidthMs: random.between(0.08, 0.14),
    peakDelayMs: random.between(0.3, 0.6),
    peakWidthMs: random.between(0.15, 0.35),
    repolarization: random.between(0.2, 0.55),
  }));
  const templates = neurons.map((neuron) =>
    neuronTemplate(neuron, probe, { samples: snippetSamples, troughIndex, samplingFrequency }),
  );
  const noiseStd = 10;
  const pieces: Omit<DemoUnit, 'unitId'>[] = [];
  neurons.forEach((neuron, index) => {
    const frames = spikeTrain(random, neuron.rateHz, numFrames, snippetSamples);
    const scales = Float32Array.from(frames, (frame) => {
      const jitter = Math.min(1.4, Math.max(0.6, 1 + 0.08 * random.gaussian()));
      return index === driftingNeuron ? jitter * (1 - (0.3 * frame) / numFrames) : jitter;
    });
    const trough = Math.min(...(templates[index] as Float32Array));
    const amplitudes = Float32Array.from(scales, (scale) => trough * scale + noiseStd * random.gaussian());
    const spikes = { frames, scales, amplitudes };
    if (index === splitNeuron) {
      const side = Array.from(frames, () => random.uniform() < 0.5);
      pieces.push(select(index, spikes, (i) => side[i] === true));
      pieces.push(select(index, spikes, (i) => side[i] === false));
    } else if (index === driftingNeuron) {
      pieces.push(select(index, spikes, (i) => (frames[i] as number) < numFrames / 2));
      pieces.push(select(index, spikes, (i) => (frames[i] as number) >= numFrames / 2));
    } else {
      pieces.push(select(index, spikes, () => true));
    }
  });
  // Sorters number units in no meaningful order: shuffle the IDs 1…16.
  const ids = pieces.map((_, i) => i + 1);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(random.uniform() * (i + 1));
    [ids[i], ids[j]] = [ids[j] as number, ids[i] as number];
  }
  const units = pieces.map((piece, i) => ({ unitId: ids[i] as number, ...piece })).sort((a, b) => a.unitId - b.unitId);
  const mergeGroups = [splitNeuron, driftingNeuron].map((neuron) =>
    units.filter((u) => u.neuron === neuron).map((u) => u.unitId),
  );
  return {
    samplingFrequency,
    numFrames,
    probe,
    noiseStd,
    snippetSamples,
    troughIndex,
    neurons,
    templates,
    units,
    mergeGroups,
    seed,
  };
}

/** Poisson spikes with a dead time: each interval is the refractory period plus an exponential. */
function spikeTrain(random: Random, rateHz: number, numFrames: number, margin: number): Int32Array {
  const meanFrames = samplingFrequency / rateHz - refractoryFrames;
  const frames: number[] = [];
  for (let t = margin + random.exponential(meanFrames); t < numFrames - margin; ) {
    frames.push(Math.floor(t));
    t += refractoryFrames + random.exponential(meanFrames);
  }
  return Int32Array.from(frames);
}

function select(
  neuron: number,
  spikes: { frames: Int32Array; scales: Float32Array; amplitudes: Float32Array },
  keep: (i: number) => boolean,
): Omit<DemoUnit, 'unitId'> {
  const indices = Array.from(spikes.frames.keys()).filter(keep);
  return {
    neuron,
    spikeFrames: Int32Array.from(indices, (i) => spikes.frames[i] as number),
    scales: Float32Array.from(indices, (i) => spikes.scales[i] as number),
    amplitudes: Float32Array.from(indices, (i) => spikes.amplitudes[i] as number),
  };
}
