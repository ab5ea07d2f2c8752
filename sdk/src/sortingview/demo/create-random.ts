/** Seeded random numbers: the same seed gives the same sequence on every platform. */
export interface Random {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Uniform in [low, high). */
  between(low: number, high: number): number;
  /** Standard normal (Marsaglia's polar method). */
  gaussian(): number;
  /** Exponential with the given mean. */
  exponential(mean: number): number;
}

/**
 * A small, fast seeded generator (mulberry32, 32-bit state), enough for synthetic data whose
 * every number must be reproducible so that its figure keeps the same hashes and links.
 *
 * @example
 * const random = createRandom(12);
 * random.uniform(); // the same first value on every run
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  let spare: number | null = null;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return {
    uniform,
    between: (low, high) => low + (high - low) * uniform(),
    gaussian() {
      if (spare !== null) {
        const value = spare;
        spare = null;
        return value;
      }
      // Marsaglia's polar method: Box–Muller without the sine and cosine.
      let u: number;
      let v: number;
      let s: number;
      do {
        u = 2 * uniform() - 1;
        v = 2 * uniform() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const m = Math.sqrt((-2 * Math.log(s)) / s);
      spare = v * m;
      return u * m;
    },
    exponential: (mean) => -mean * Math.log(1 - uniform()),
  };
}
