import { CrmMlError } from '../errors/crm-ml-error.js';
import type { SeededRandom } from '../ml/random.js';
import { nearestCorrelation } from './nearest-correlation.js';

/** A Gaussian copula over `dimension` normal scores: their correlation and its Cholesky factor. */
export interface GaussianCopula {
  dimension: number;
  /** Row-major correlation matrix of the normal scores, as estimated. */
  correlation: Float64Array;
  /** Lower-triangular L with L Lᵀ = the correlation actually sampled (after any shrinkage). */
  factor: Float64Array;
  /** True when the estimate was not positive definite and was moved to the nearest that is. */
  repaired: boolean;
}

/**
 * Pearson correlation of the columns of `values` (rows × dimension, row-major). NaN marks a
 * missing value; each pair uses the rows where both are present (0 when under two are).
 */
export function correlationOf(values: Float64Array, rows: number, dimension: number): Float64Array {
  // Centre on each column's mean first, so sums of products of raw dates lose no precision.
  const means = new Float64Array(dimension);
  const counts = new Float64Array(dimension);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < dimension; j++) {
      const value = values[r * dimension + j] ?? Number.NaN;
      if (Number.isNaN(value)) continue;
      means[j] = (means[j] ?? 0) + value;
      counts[j] = (counts[j] ?? 0) + 1;
    }
  }
  for (let j = 0; j < dimension; j++) means[j] = (means[j] ?? 0) / Math.max(1, counts[j] ?? 0);

  const sums = Array.from({ length: 6 }, () => new Float64Array(dimension * dimension));
  const [n, sx, sy, sxx, syy, sxy] = sums as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const centred = new Float64Array(dimension);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < dimension; j++) {
      centred[j] = (values[r * dimension + j] ?? Number.NaN) - (means[j] ?? 0);
    }
    for (let i = 0; i < dimension; i++) {
      const x = centred[i] ?? Number.NaN;
      if (Number.isNaN(x)) continue;
      for (let j = 0; j < i; j++) {
        const y = centred[j] ?? Number.NaN;
        if (Number.isNaN(y)) continue;
        const at = i * dimension + j;
        n[at] = (n[at] ?? 0) + 1;
        sx[at] = (sx[at] ?? 0) + x;
        sy[at] = (sy[at] ?? 0) + y;
        sxx[at] = (sxx[at] ?? 0) + x * x;
        syy[at] = (syy[at] ?? 0) + y * y;
        sxy[at] = (sxy[at] ?? 0) + x * y;
      }
    }
  }

  const correlation = new Float64Array(dimension * dimension);
  for (let i = 0; i < dimension; i++) {
    correlation[i * dimension + i] = 1;
    for (let j = 0; j < i; j++) {
      const at = i * dimension + j;
      const count = n[at] ?? 0;
      const mx = (sx[at] ?? 0) / Math.max(1, count);
      const my = (sy[at] ?? 0) / Math.max(1, count);
      const vx = (sxx[at] ?? 0) - count * mx * mx;
      const vy = (syy[at] ?? 0) - count * my * my;
      const scale = Math.sqrt(vx * vy);
      const value = count >= 2 && scale > 0 ? ((sxy[at] ?? 0) - count * mx * my) / scale : 0;
      correlation[at] = value;
      correlation[j * dimension + i] = value;
    }
  }
  return correlation;
}

/**
 * Builds the copula from a correlation matrix; one that is not positive definite (collinear
 * columns, pairwise estimates) is first moved to the nearest one that is.
 */
export function copulaFromCorrelation(
  correlation: Float64Array,
  dimension: number,
): GaussianCopula {
  const direct = choleskyFactor(correlation, dimension);
  if (direct !== null) return { dimension, correlation, factor: direct, repaired: false };

  const factor = choleskyFactor(nearestCorrelation(correlation, dimension), dimension);
  if (factor === null) {
    throw new CrmMlError(
      'synth_correlation_singular',
      `The correlation of ${dimension} columns could not be made positive definite`,
    );
  }
  return { dimension, correlation, factor, repaired: true };
}

/** Draws one vector of correlated standard normal scores into `out`. */
export function sampleScores(
  copula: GaussianCopula,
  random: SeededRandom,
  independent: Float64Array,
  out: Float64Array,
): void {
  const n = copula.dimension;
  for (let j = 0; j < n; j++) independent[j] = random.nextNormal();
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j <= i; j++) sum += (copula.factor[i * n + j] ?? 0) * (independent[j] ?? 0);
    out[i] = sum;
  }
}

/** The lower Cholesky factor of a symmetric matrix, or null when it is not positive definite. */
function choleskyFactor(matrix: Float64Array, n: number): Float64Array | null {
  const factor = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let diagonal = matrix[j * n + j] ?? 0;
    for (let k = 0; k < j; k++) diagonal -= (factor[j * n + k] ?? 0) ** 2;
    if (!(diagonal > 1e-12)) return null;
    const root = Math.sqrt(diagonal);
    factor[j * n + j] = root;
    for (let i = j + 1; i < n; i++) {
      let sum = matrix[i * n + j] ?? 0;
      for (let k = 0; k < j; k++) sum -= (factor[i * n + k] ?? 0) * (factor[j * n + k] ?? 0);
      factor[i * n + j] = sum / root;
    }
  }
  return factor;
}
