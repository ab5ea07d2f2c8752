export interface CorrelogramOptions {
  /** Spike times in frames (samples), sorted ascending. */
  frames1: ArrayLike<number>;
  /** The second unit's; without it, the autocorrelogram of `frames1`. */
  frames2?: ArrayLike<number> | undefined;
  samplingFrequency: number;
  /** Total width: ±window/2 (default 100 ms). */
  windowSizeMsec?: number | undefined;
  binSizeMsec?: number | undefined;
}

/**
 * A correlogram as sortingview's Python computes it (`helpers/compute_correlogram_data.py`): an
 * odd number of bins (100 ms / 1 ms gives 99 bins, edges ±49.5 ms) centred on zero; a pair of
 * spikes d ≥ 0 apart counts in the bin [k − ½, k + ½) bins holding d. For an autocorrelogram
 * each pair counts at +d and −d (pairs closer than half a bin count twice in the centre bin);
 * for a cross-correlogram at +d when the second unit fires after the first, −d otherwise.
 *
 * @example
 * const { binEdgesSec, binCounts } = computeCorrelogram({ frames1: train, samplingFrequency: 30000 });
 * binCounts.length; // 99
 */
export function computeCorrelogram(options: CorrelogramOptions): { binEdgesSec: Float32Array; binCounts: Int32Array } {
  const { frames1, frames2, samplingFrequency: fs } = options;
  const binMs = options.binSizeMsec ?? 1;
  let numBins = Math.floor((options.windowSizeMsec ?? 100) / binMs);
  if (numBins % 2 === 0) numBins -= 1;
  const half = (numBins + 1) / 2;
  const binEdgesSec = Float32Array.from({ length: numBins + 1 }, (_, k) => ((k - numBins / 2) * binMs) / 1000);
  const binCounts = new Int32Array(numBins);
  // Bin k of a delay of d frames: floor((2·1000·d + bin·fs) / (2·bin·fs)), exact for whole-number bin·fs.
  const numerator = binMs * fs;
  const denominator = 2 * binMs * fs;
  if (frames2 === undefined) {
    for (let i = 0; i < frames1.length; i++) {
      const t = frames1[i] as number;
      for (let j = i + 1; j < frames1.length; j++) {
        const k = Math.floor((2000 * ((frames1[j] as number) - t) + numerator) / denominator);
        if (k >= half) break;
        binCounts[half - 1 + k] = (binCounts[half - 1 + k] as number) + 1;
        binCounts[half - 1 - k] = (binCounts[half - 1 - k] as number) + 1;
      }
    }
    return { binEdgesSec, binCounts };
  }
  // Each spike of one unit against the other unit's at or after it (+d), then the other way (−d);
  // two spikes at the same frame count once.
  for (const [a, b, sign, strict] of [
    [frames1, frames2, 1, false],
    [frames2, frames1, -1, true],
  ] as const) {
    let start = 0;
    for (let i = 0; i < a.length; i++) {
      const t = a[i] as number;
      while (start < b.length && ((b[start] as number) < t || (strict && (b[start] as number) === t))) start++;
      for (let j = start; j < b.length; j++) {
        const k = Math.floor((2000 * ((b[j] as number) - t) + numerator) / denominator);
        if (k >= half) break;
        binCounts[half - 1 + sign * k] = (binCounts[half - 1 + sign * k] as number) + 1;
      }
    }
  }
  return { binEdgesSec, binCounts };
}
