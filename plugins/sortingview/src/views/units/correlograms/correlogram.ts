import { type NumericVector, toVector } from '../../../data/arrays.js';
import type { Fields } from '../shared/fields.js';

/** A histogram of spike-time differences: `binCounts[i]` counts lags in [binEdgesSec[i], binEdgesSec[i+1]). */
export interface Correlogram {
  binEdgesSec: NumericVector;
  binCounts: NumericVector;
}

/** The `binEdgesSec` and `binCounts` of a correlogram item: n + 1 ascending edges for n counts. */
export function toCorrelogram(item: Fields, what: string): Correlogram {
  const binEdgesSec = toVector(item.binEdgesSec, `${what}.binEdgesSec`);
  const binCounts = toVector(item.binCounts, `${what}.binCounts`);
  if (binCounts.length > 0 && binEdgesSec.length !== binCounts.length + 1) {
    throw new Error(
      `invalid ${what}.binEdgesSec: expected ${binCounts.length + 1} bin edges for ${binCounts.length} bin counts, got ${binEdgesSec.length}`,
    );
  }
  for (let i = 1; i < binEdgesSec.length; i++) {
    if ((binEdgesSec[i] as number) < (binEdgesSec[i - 1] as number)) {
      throw new Error(`invalid ${what}.binEdgesSec: expected ascending edges, edge ${i} is below edge ${i - 1}`);
    }
  }
  return { binEdgesSec, binCounts };
}

/** The correlogram of (b, a) from that of (a, b): lags negated, bins reversed. */
export function reverseCorrelogram(c: Correlogram): Correlogram {
  const n = c.binEdgesSec.length;
  const binEdgesSec = new Float64Array(n);
  for (let i = 0; i < n; i++) binEdgesSec[i] = -(c.binEdgesSec[n - 1 - i] as number);
  const binCounts = Float64Array.from(c.binCounts).reverse();
  return { binEdgesSec, binCounts };
}
