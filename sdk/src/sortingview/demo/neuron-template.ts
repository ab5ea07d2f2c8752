import type { Probe } from './create-probe.js';

/** A simulated neuron: where it is, how big and how fast its spikes are, how often it fires. */
export interface DemoNeuron {
  /** Position in µm: x, y along the probe's face, z its distance from the face. */
  x: number;
  y: number;
  z: number;
  /** Trough depth in µV on an electrode right in front of it. */
  amplitude: number;
  rateHz: number;
  /** The trough's Gaussian width (ms). */
  troughWidthMs: number;
  /** When the repolarisation peak follows the trough (ms), its width (ms) and its height relative to the trough. */
  peakDelayMs: number;
  peakWidthMs: number;
  repolarization: number;
}

/** Distance over which the amplitude falls to half (µm), roughly that of cortical recordings. */
const decayLengthUm = 25;

/**
 * The neuron's average spike on every channel: channels × samples (row-major), the trough at
 * sample `troughIndex`. A biphasic shape (trough, then a slower repolarisation peak) scaled by
 * (λ² + z²) / (λ² + d²) with the distance d to each electrode, and slightly wider far away, as
 * extracellular spikes are.
 */
export function neuronTemplate(
  neuron: DemoNeuron,
  probe: Probe,
  options: { samples: number; troughIndex: number; samplingFrequency: number },
): Float32Array {
  const { samples, troughIndex, samplingFrequency } = options;
  const template = new Float32Array(probe.locations.length * samples);
  probe.locations.forEach(([cx, cy], c) => {
    const d2 = (cx - neuron.x) ** 2 + (cy - neuron.y) ** 2 + neuron.z ** 2;
    const gain = (decayLengthUm ** 2 + neuron.z ** 2) / (decayLengthUm ** 2 + d2);
    const widen = 1 + Math.sqrt(d2) / 300;
    for (let s = 0; s < samples; s++) {
      const t = ((s - troughIndex) / samplingFrequency) * 1000;
      const trough = Math.exp(-(t ** 2) / (2 * (neuron.troughWidthMs * widen) ** 2));
      const peak = Math.exp(-((t - neuron.peakDelayMs * widen) ** 2) / (2 * (neuron.peakWidthMs * widen) ** 2));
      template[c * samples + s] = neuron.amplitude * gain * (neuron.repolarization * peak - trough);
    }
  });
  return template;
}
