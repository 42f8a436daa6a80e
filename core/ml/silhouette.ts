import { selectRows, type Matrix } from './matrix.js';
import { squaredDistance } from './kmeans.js';

/**
 * Mean silhouette of the given rows, (b − a) / max(a, b) per row, where a is the mean
 * distance to its own cluster and b to the nearest other cluster. Rows alone in their cluster
 * count 0. Cost is quadratic in the rows, so callers pass a sample.
 */
export function silhouetteScore(x: Matrix, assignments: ArrayLike<number>, k: number): number {
  if (x.rows < 2 || k < 2) return 0;
  const sizes = new Float64Array(k);
  for (let r = 0; r < x.rows; r++) {
    const c = assignments[r] as number;
    sizes[c] = (sizes[c] as number) + 1;
  }

  let total = 0;
  const sums = new Float64Array(k);
  for (let r = 0; r < x.rows; r++) {
    sums.fill(0);
    for (let s = 0; s < x.rows; s++) {
      if (s === r) continue;
      const c = assignments[s] as number;
      sums[c] = (sums[c] as number) + Math.sqrt(squaredDistance(x, r, x, s));
    }

    const own = assignments[r] as number;
    if ((sizes[own] as number) <= 1) continue;
    const a = (sums[own] as number) / ((sizes[own] as number) - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) {
      if (c !== own && (sizes[c] as number) > 0)
        b = Math.min(b, (sums[c] as number) / (sizes[c] as number));
    }
    if (Number.isFinite(b) && Math.max(a, b) > 0) total += (b - a) / Math.max(a, b);
  }
  return total / x.rows;
}

/** The rows of `x` and their assignments at `indices`, for a sampled silhouette. */
export function sampleForSilhouette(
  x: Matrix,
  assignments: ArrayLike<number>,
  indices: readonly number[],
): { x: Matrix; assignments: Int32Array } {
  return {
    x: selectRows(x, indices),
    assignments: Int32Array.from(indices, (i) => assignments[i] as number),
  };
}
